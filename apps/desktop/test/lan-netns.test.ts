import type { DiscoveredServer } from '@parley/shared';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { Avahi, avahiMissing, type AvahiService } from './support/avahi.js';
import { tempDir } from './support/harness.js';
import { NetnsLab, type NsProcess, netnsUnavailable } from './support/netns.js';

/*
 * LAN discovery between machines: network namespaces joined by veth pairs, each with its own
 * interfaces, addresses and multicast route (support/netns.ts).
 *
 *            10.77.1.0/24 ── a ── 10.77.3.0/24        a: a desktop on two networks of the server
 *          /                 \                   /
 *       srv ──────────────────────────────────       srv: the server (its multicast route: 10.77.1)
 *          \
 *            10.77.2.0/24 ── b                        b: a desktop, and Avahi
 *
 * The server announces from every interface, not only where its multicast route points, so b
 * hears it too. Needs root; skipped, saying why, elsewhere.
 */

const unavailable = netnsUnavailable();
if (unavailable) console.warn(`[lan-netns] skipped: ${unavailable}`);

const script = (name: string) => fileURLToPath(new URL(`./support/${name}`, import.meta.url));
const nodeScript = (name: string, ...args: string[]) => [
  process.execPath,
  '--import',
  'tsx',
  script(name),
  ...args,
];

interface ServerInfo {
  port: number;
  id: string;
  announcedAs: string;
}

/** The servers of the last list the browser printed. */
function lastList(p: NsProcess): DiscoveredServer[] | undefined {
  for (const line of [...p.lines].reverse()) {
    const json = JSON.parse(line) as { servers?: DiscoveredServer[] };
    if (json.servers) return json.servers;
  }
  return undefined;
}

/** Every list the browser printed. */
function allLists(p: NsProcess): DiscoveredServer[][] {
  return p.lines
    .map((l) => (JSON.parse(l) as { servers?: DiscoveredServer[] }).servers)
    .filter((s) => s !== undefined);
}

const listed = (p: NsProcess, match: (s: DiscoveredServer) => boolean, what: string) =>
  p.until(() => lastList(p)?.find(match), what);

describe('LAN discovery between machines (network namespaces)', () => {
  const serverName = `Lab Server ${process.pid}`;
  let lab: NetnsLab;
  let ns: { srv: string; a: string; b: string };
  let bIface: string;
  let server: NsProcess;
  let info: ServerInfo;
  let browserA: NsProcess;
  let browserB: NsProcess;

  beforeAll(async () => {
    if (unavailable) return;
    lab = new NetnsLab();
    ns = { srv: lab.machine('srv'), a: lab.machine('a'), b: lab.machine('b') };
    lab.link(ns.srv, ns.a, '10.77.1');
    bIface = lab.link(ns.srv, ns.b, '10.77.2').second;
    lab.link(ns.srv, ns.a, '10.77.3');
    server = lab.spawn(
      ns.srv,
      'server',
      nodeScript('lan-server-process.ts', tempDir('parley-lan-'), serverName),
    );
    info = await server.untilJson(
      (j) => (typeof j.port === 'number' ? (j as unknown as ServerInfo) : undefined),
      'listening',
    );
    browserA = lab.spawn(ns.a, 'browser in a', nodeScript('lan-browser-process.ts'));
    browserB = lab.spawn(ns.b, 'browser in b', nodeScript('lan-browser-process.ts'));
  });

  afterAll(async () => {
    if (!unavailable) await lab.close();
  });

  const needNetns = (ctx: TestContext) => {
    if (unavailable) ctx.skip(`network namespaces unavailable: ${unavailable}`);
  };

  it('lists the server on each network with that network’s address, once, and reaches /api/health there', async (ctx) => {
    needNetns(ctx);
    expect(info.announcedAs).toBe(serverName);

    const inB = await listed(
      browserB,
      (s) => s.id === info.id && s.reachable === true,
      'the server, reachable',
    );
    expect(inB).toMatchObject({
      name: serverName,
      version: '0.1.0',
      protocolVersion: 1,
      port: info.port,
      tls: false,
      fingerprint: null,
      url: `http://10.77.2.1:${info.port}`,
    });
    // What the server sends out of an interface names that interface's addresses only.
    expect(inB.addresses.filter((a) => a.includes('.'))).toEqual(['10.77.2.1']);
    const healthB = await browserB.untilJson(
      (j) => ((j.health as { url: string } | undefined)?.url === inB.url ? j.health : undefined),
      'health',
    );
    expect(healthB).toMatchObject({ status: 200, body: { status: 'ok', name: serverName } });

    // a hears the server on two interfaces: one entry, with the addresses of both networks.
    const inA = await listed(
      browserA,
      (s) =>
        s.id === info.id && s.reachable === true && s.addresses.filter((a) => a.includes('.')).length === 2,
      'the server on both networks, reachable',
    );
    expect(inA.addresses.filter((a) => a.includes('.')).sort()).toEqual(['10.77.1.1', '10.77.3.1']);
    expect(inA.addresses.slice(0, 2).sort()).toEqual(['10.77.1.1', '10.77.3.1']);
    expect([`http://10.77.1.1:${info.port}`, `http://10.77.3.1:${info.port}`]).toContain(inA.url);
    const healthA = await browserA.untilJson(
      (j) => ((j.health as { url: string } | undefined)?.url === inA.url ? j.health : undefined),
      'health',
    );
    expect(healthA).toMatchObject({ status: 200, body: { name: serverName } });
    for (const list of allLists(browserA))
      expect(list.filter((s) => s.id === info.id).length).toBeLessThanOrEqual(1);
  });

  it('is seen by Avahi’s avahi-browse with its TXT keys', async (ctx) => {
    needNetns(ctx);
    const missing = avahiMissing();
    if (missing) {
      console.warn(`[lan-netns] avahi check skipped: ${missing}`);
      ctx.skip(`Avahi unavailable: ${missing}`);
    }
    const avahi = await Avahi.start(lab, ns.b, bIface);
    let found: AvahiService | undefined;
    // Avahi answers avahi-browse with what it has resolved so far: ask until it has the server.
    while (!(found = (await avahi.browse('_parley._tcp')).find((s) => s.txt.id === info.id)));
    expect(found).toMatchObject({
      name: serverName,
      type: '_parley._tcp',
      address: '10.77.2.1',
      port: info.port,
      txt: { name: serverName, version: '0.1.0', proto: '1', tls: '0', id: info.id },
    });
    expect(found.host).toBe(`parley-${info.id.slice(0, 12)}.local`);
    await avahi.daemon.stop();
  });

  it('ignores what a hostile responder sends, and neither the desktop nor the server falls over', async (ctx) => {
    needNetns(ctx);
    const hostile = lab.spawn(
      ns.srv,
      'hostile responder',
      nodeScript('hostile-responder-process.ts', '10.77.1.1'),
    );
    const ids = await hostile.untilJson(
      (j) => (j.sent ? (j as { twin: string; fleeting: string }) : undefined),
      'sent',
    );

    // Both valid fakes arrive after all the junk: the desktop read on past it.
    await browserA.until(() => {
      const list = lastList(browserA) ?? [];
      return list.some((s) => s.id === ids.fleeting) && list.some((s) => s.id === ids.twin)
        ? true
        : undefined;
    }, 'the fake servers');
    // One server under two instance names is one entry, with the addresses of both.
    const twin = await listed(browserA, (s) => s.id === ids.twin && s.reachable === false, 'twin checked');
    expect(twin.addresses.sort()).toEqual(['10.77.9.10', '10.77.9.11']);
    expect(twin.url).toMatch(/^http:\/\/10\.77\.9\.1[01]:7400$/);

    // The short-lived one goes when its records expire, with no goodbye; the real server stays.
    await browserA.until(() => {
      const list = lastList(browserA) ?? [];
      return !list.some((s) => s.id === ids.fleeting) && list.some((s) => s.id === info.id)
        ? true
        : undefined;
    }, 'the fleeting server to expire');

    const names = allLists(browserA).flatMap((list) => list.map((s) => s.name));
    expect(names.filter((n) => !['Twin', 'Fleeting', serverName].includes(n))).toEqual([]);
    expect(browserA.running).toBe(true);
    expect(server.running).toBe(true);
  });

  it('announces on a network that appears after it started', async (ctx) => {
    needNetns(ctx);
    const c = lab.machine('c');
    lab.link(ns.srv, c, '10.77.4');
    const browserC = lab.spawn(c, 'browser in c', nodeScript('lan-browser-process.ts'));
    const inC = await listed(
      browserC,
      (s) => s.id === info.id && s.reachable === true,
      'the server, reachable',
    );
    expect(inC.url).toBe(`http://10.77.4.1:${info.port}`);
  });

  it('says goodbye when it stops, and every desktop drops it', async (ctx) => {
    needNetns(ctx);
    const stopped = server.stop();
    await Promise.all(
      [browserA, browserB].map((p) =>
        p.until(
          () => (lastList(p)?.some((s) => s.id === info.id) === false ? true : undefined),
          'the goodbye',
        ),
      ),
    );
    await stopped;
    expect(server.lines.map((l) => JSON.parse(l) as unknown)).toContainEqual({ closed: true });
  });
});
