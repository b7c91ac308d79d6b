/*
 * The desktop core's LAN discovery in its own process (run inside a network namespace by
 * lan-netns.test.ts): `node --import tsx lan-browser-process.ts`. Prints {servers} as a JSON line
 * each time the list changes, and {health: {url, status, body}} after fetching `/api/health` at
 * the URL of each server the first time it is reachable: what the sign-in screen would connect to.
 */
import { LanDiscovery } from '../../src/core/lan/discovery.js';

const discovery = new LanDiscovery();
const checked = new Set<string>();
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

discovery.on('changed', (servers) => {
  print({ servers });
  for (const s of servers) {
    if (s.reachable !== true || checked.has(s.url)) continue;
    checked.add(s.url);
    void fetch(`${s.url}/api/health`).then(
      async (res) =>
        print({ health: { url: s.url, status: res.status, body: (await res.json()) as unknown } }),
      (err: unknown) => print({ health: { url: s.url, error: String(err) } }),
    );
  }
});
discovery.start();
print({ started: true });
process.once('SIGTERM', () => {
  discovery.stop();
  process.exit(0);
});
