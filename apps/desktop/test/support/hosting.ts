import { createServer } from 'node:net';
import { join } from 'node:path';
import { HostController, type HostControllerOptions } from '../../src/core/host/host-controller.js';
import { hostingPreference } from '../../src/core/host/hosting-preference.js';
import { SettingsStore } from '../../src/core/settings/settings-store.js';
import { tempDir } from './harness.js';
import { type ForkedHosts, forkHosts, NODE_SQLITE_ADDON } from './host-fork.js';

/** An app's data folder as far as hosting goes: settings.json, and the server's data in server/. */
export interface HostingApp {
  userData: string;
  settings: SettingsStore;
  host: HostController;
  forked: ForkedHosts;
}

/**
 * A host controller as the app makes one (settings file, `<userData>/server`, the addon through
 * nativeBinding), launching real host processes with child_process.fork. The server keeps to
 * loopback, does not announce, and hashes passwords cheaply. Reusing `userData` is an app restart.
 */
export function hostingApp(
  userData = tempDir('parley-hosting-'),
  options: Partial<HostControllerOptions> = {},
  forked: ForkedHosts = forkHosts(),
): HostingApp {
  const settings = new SettingsStore(join(userData, 'settings.json'));
  const host = new HostController({
    launch: forked.launch,
    dataDir: join(userData, 'server'),
    preference: hostingPreference(settings),
    nativeBinding: NODE_SQLITE_ADDON,
    server: {
      host: '127.0.0.1',
      announce: false,
      rateLimits: false,
      passwordHashMemoryKiB: 1024,
    },
    statsIntervalMs: 50,
    ...options,
  });
  return { userData, settings, host, forked };
}

/** A port nothing listens on right now (on loopback). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Hosting remembered as off, on `port`: where the next start tries first. */
export function preferPort(app: HostingApp, port: number): void {
  app.settings.update({ hosting: { enabled: false, port, name: null } });
}
