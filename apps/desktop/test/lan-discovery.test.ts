import type { ParleyServer } from '@parley/server';
import {
  type DiscoveredServer,
  type IpcEventName,
  type IpcEventPayload,
  PROTOCOL_VERSION,
  Health,
} from '@parley/shared';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { FocusTracker } from '../src/core/focus.js';
import { dispatchIpc } from '../src/core/ipc/dispatch.js';
import { forwardRendererEvents } from '../src/core/ipc/events.js';
import { createIpcHandlers } from '../src/core/ipc/handlers.js';
import { SettingsStore } from '../src/core/settings/settings-store.js';
import { newCore, startServer, tempDir, uniqueName } from './support/harness.js';
import { ipcOf, recordingShell } from './support/ipc.js';

/*
 * Test 1 of LAN discovery: a real server announcing on this host and a real desktop core browsing
 * on it, through the IPC channels and events the sign-in screen uses. Multicast loops back to
 * sockets on the same machine. Between machines (network namespaces), with Avahi and with a hostile
 * responder: lan-netns.test.ts.
 */

const cores: DesktopCore[] = [];
const servers: ParleyServer[] = [];

afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function announcingServer(): Promise<ParleyServer> {
  const server = await startServer(undefined, 0, {
    host: '0.0.0.0',
    announce: true,
    serverName: uniqueName('Lan '),
  });
  servers.push(server);
  return server;
}

/** A core with its renderer events recorded, as the main process forwards them. */
function coreWithEvents() {
  const core = newCore();
  cores.push(core);
  const events: { event: IpcEventName; payload: unknown }[] = [];
  const waiters: (() => void)[] = [];
  forwardRendererEvents(
    { core, settings: new SettingsStore(join(tempDir(), 'settings.json')) },
    (event, payload) => {
      events.push({ event, payload });
      for (const w of waiters.splice(0)) w();
    },
  );
  /** The servers of the first `discovery.changed` (past or coming) that satisfies `match`. */
  const changed = async (match: (servers: DiscoveredServer[]) => boolean): Promise<DiscoveredServer[]> => {
    for (;;) {
      const hit = events.find(
        (e) =>
          e.event === 'discovery.changed' &&
          match((e.payload as IpcEventPayload<'discovery.changed'>).servers),
      );
      if (hit) return (hit.payload as IpcEventPayload<'discovery.changed'>).servers;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { core, ipc: ipcOf(core), changed };
}

describe('LAN discovery on one machine', () => {
  it('lists an announcing server with its TXT, a reachable URL, and drops it when it says goodbye', async () => {
    const server = await announcingServer();
    const { ipc, changed } = coreWithEvents();
    expect(await ipc('discovery.list', {})).toEqual({ servers: [] });
    await ipc('discovery.start', {});

    const found = await changed((list) => list.some((s) => s.id === server.serverId && s.reachable === true));
    const entry = found.find((s) => s.id === server.serverId)!;
    expect(entry).toMatchObject({
      name: server.config.serverName,
      version: '0.1.0',
      protocolVersion: PROTOCOL_VERSION,
      port: server.port,
      tls: false,
      fingerprint: null,
      reachable: true,
    });
    expect(entry.url).toMatch(new RegExp(`^http://[^/]+:${server.port}$`));
    expect(entry.addresses.length).toBeGreaterThan(0);
    // IPv4 first, and the URL is one of the announced addresses.
    expect(entry.url).toBe(`http://${entry.addresses[0]}:${server.port}`);
    const health = Health.parse(await (await fetch(`${entry.url}/api/health`)).json());
    expect(health.name).toBe(server.config.serverName);
    expect((await ipc('discovery.list', {})).servers).toContainEqual(entry);

    await server.close();
    await changed((list) => !list.some((s) => s.id === server.serverId));
    expect((await ipc('discovery.list', {})).servers.map((s) => s.id)).not.toContain(server.serverId);
  });

  it('lists two servers once each, by name; starting twice is one start; stop forgets them', async () => {
    const [a, b] = [await announcingServer(), await announcingServer()];
    const { core, ipc, changed } = coreWithEvents();
    await ipc('discovery.start', {});
    await ipc('discovery.start', {});
    const both = await changed((list) => [a, b].every((s) => list.some((e) => e.id === s.serverId)));
    const ids = both.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Sorted by name.
    expect(both.map((s) => s.name)).toEqual([...both.map((s) => s.name)].sort((x, y) => x.localeCompare(y)));

    await ipc('discovery.stop', {});
    expect(core.discovery.running).toBe(false);
    expect(await ipc('discovery.list', {})).toEqual({ servers: [] });
    await ipc('discovery.stop', {});
  });

  it('refuses malformed discovery requests without starting anything', async () => {
    const core = newCore();
    cores.push(core);
    const handlers = createIpcHandlers({
      core,
      settings: new SettingsStore(join(tempDir(), 'settings.json')),
      focus: new FocusTracker(() => undefined),
      shell: recordingShell(),
    });
    for (const channel of ['discovery.start', 'discovery.stop', 'discovery.list'] as const) {
      for (const request of [null, 'start', 7, [], { interfaces: ['eth0'] }, { timeoutMs: 1 }]) {
        const result = await dispatchIpc(channel, handlers, request);
        expect(result, `${channel} ${JSON.stringify(request)}`).toMatchObject({
          ok: false,
          error: { code: 'IPC_INVALID_REQUEST' },
        });
      }
    }
    expect(core.discovery.running).toBe(false);
  });
});
