import { type HostStatus, ipcContract } from '@parley/shared';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { ownConnections } from '../src/core/host/own-connection.js';
import { forwardRendererEvents } from '../src/core/ipc/events.js';
import { befriend, newCore, signUp, until, untilAsync } from './support/harness.js';
import { type HostingApp, hostingApp } from './support/hosting.js';
import { ipcOf } from './support/ipc.js';
import { textOf } from './support/text-of.js';

/*
 * Hosting from the desktop app, under Node: the host controller starts the real server code in a
 * child process (child_process.fork + tsx standing in for Electron's utilityProcess), the app's own
 * core joins it through its IPC handlers as the sign-in screen does, and other cores connect with
 * the address it reports.
 */

const apps: HostingApp[] = [];
const cores: DesktopCore[] = [];
afterAll(async () => {
  for (const c of cores) c.close();
  for (const a of apps) await a.host.shutdown();
});

function core(dataDir?: string): DesktopCore {
  const c = newCore(dataDir);
  cores.push(c);
  return c;
}

const texts = (c: DesktopCore, id: string) => c.store.messages.allOf(id).map((m) => textOf(m.content));

describe('hosting a server from the desktop', () => {
  // One app that hosts, its own core, and a colleague's core; the tests run in order.
  const me = core();
  const app = hostingApp(undefined, { ownConnections: ownConnections(me) });
  apps.push(app);
  me.on('connection', () => {
    app.host.recount();
  });
  const ipc = ipcOf(me, undefined, { settings: app.settings, host: app.host });
  const colleague = core();
  const events: HostStatus[] = [];
  forwardRendererEvents({ core: me, settings: app.settings, host: app.host }, (event, payload) => {
    if (event === 'host.changed') events.push(ipcContract.events['host.changed'].parse(payload));
  });
  let status: HostStatus;

  it('starts the server in a child process on 7400 or the next free port, and remembers it', async () => {
    expect(await ipc('host.status', {})).toMatchObject({ state: 'stopped', port: null, error: null });
    status = await ipc('host.start', { name: '  Team Room  ' });
    expect(status).toMatchObject({ state: 'running', name: 'Team Room', connected: 0, error: null });
    expect(status.port).toBeGreaterThanOrEqual(7400);
    expect(status.port).toBeLessThan(7420);
    expect(status.localUrl).toBe(`http://127.0.0.1:${status.port}`);
    // On loopback (as the tests run it) the one address is the loopback one.
    expect(status.urls).toEqual([`http://127.0.0.1:${status.port}`]);
    expect(events.map((e) => e.state)).toEqual(['starting', 'running']);
    expect(app.forked.children).toHaveLength(1);
    expect(app.settings.get().hosting).toEqual({ enabled: true, port: status.port, name: 'Team Room' });
    // The server's data and its log live in <userData>/server.
    expect(existsSync(join(app.userData, 'server', 'parley.db'))).toBe(true);
    expect(readFileSync(join(app.userData, 'server', 'server.log'), 'utf8')).toContain('"msg":"listening"');
    // Asking again while it runs changes nothing.
    expect(await ipc('host.start', { name: 'Other' })).toMatchObject({
      name: 'Team Room',
      port: status.port,
    });
    expect(app.forked.children).toHaveLength(1);
  });

  it('the desktop joins its own server: checked, then the first account, which is the administrator', async () => {
    const checked = await ipc('session.checkServer', { serverUrl: status.localUrl! });
    expect(checked).toMatchObject({ name: 'Team Room', registration: 'open' });
    const { me: admin } = await ipc('session.register', {
      serverUrl: status.localUrl!,
      username: 'host_admin',
      displayName: 'Host Admin',
      password: 'correct horse battery',
    });
    expect(admin.isAdmin).toBe(true);
    await until(() => me.sync.connection === 'online', 15_000, 'own core online');
    expect(await ipc('session.state', {})).toMatchObject({
      connection: 'online',
      serverUrl: status.localUrl,
    });
  });

  it('someone else connects with the address it shows and they chat; only they count as connected', async () => {
    const adminId = me.sync.me!;
    await signUp(colleague, status.urls[0]!, 'colleague');
    expect((await ipc('host.status', {})).urls).toContain(colleague.sync.serverUrl);
    // Three sockets on the server, one of them this app's own; then two.
    const visitor = newCore();
    await signUp(visitor, status.urls[0]!, 'visitor');
    await until(() => app.host.status().connected === 2, 15_000, 'two connected');
    visitor.close();
    await until(() => app.host.status().connected === 1, 15_000, 'one connected');

    await befriend(colleague, me, adminId);
    const { conversation } = await colleague.sync.rpc('conversations.openDirect', { userId: adminId });
    colleague.sendText(conversation.id, 'hello from across the office');
    await until(() => texts(me, conversation.id).length === 1, 15_000, 'message at the host');
    me.sendText(conversation.id, '收到');
    await until(() => texts(colleague, conversation.id).length === 2, 15_000, 'reply');
    expect(texts(colleague, conversation.id)).toEqual(['hello from across the office', '收到']);
  });

  it('stopping cuts off whoever is connected, and hosting stays off', async () => {
    expect(colleague.sync.connection).toBe('online');
    const stopped = await ipc('host.stop', {});
    expect(stopped).toMatchObject({ state: 'stopped', port: null, urls: [], connected: 0, error: null });
    expect(events.at(-1)).toMatchObject({ state: 'stopped' });
    expect(events.map((e) => e.state)).toContain('stopping');
    await until(() => colleague.sync.connection !== 'online', 15_000, 'colleague offline');
    await until(() => me.sync.connection !== 'online', 15_000, 'own core offline');
    expect(app.forked.children[0]!.exitCode !== null || app.forked.children[0]!.signalCode !== null).toBe(
      true,
    );
    expect(app.settings.get().hosting).toEqual({ enabled: false, port: status.port, name: 'Team Room' });
    // Nothing answers there any more.
    await expect(fetch(`${status.localUrl!}/api/health`)).rejects.toThrow();
  });

  it('starts again on the same port with everything kept, and the cores come back by themselves', async () => {
    const again = await ipc('host.start', { name: 'Team Room' });
    expect(again).toMatchObject({ state: 'running', port: status.port });
    await until(() => colleague.sync.connection === 'online', 20_000, 'colleague back');
    await until(() => me.sync.connection === 'online', 20_000, 'own core back');
    await untilAsync(
      async () => (await me.sync.rpc('friends.list', {})).friends.length === 1,
      10_000,
      'friendship kept',
    );
  });
});
