import type { HostStatus } from '@parley/shared';
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { FileCredentialStore } from './support/file-credentials.js';
import { newCore, signUp, tempDir, until } from './support/harness.js';
import { forkHosts } from './support/host-fork.js';
import { freePort, type HostingApp, hostingApp, preferPort } from './support/hosting.js';
import { ipcOf } from './support/ipc.js';

const apps: HostingApp[] = [];
const cores: DesktopCore[] = [];
const blockers: Server[] = [];
afterAll(async () => {
  for (const c of cores) c.close();
  for (const a of apps) await a.host.shutdown();
  for (const b of blockers) b.close();
});

async function app(
  userData?: string,
  options: Parameters<typeof hostingApp>[1] = {},
  forked?: Parameters<typeof hostingApp>[2],
): Promise<HostingApp> {
  const made = hostingApp(userData, options, forked);
  if (userData === undefined) preferPort(made, await freePort());
  apps.push(made);
  return made;
}

function statuses(a: HostingApp): HostStatus[] {
  const seen: HostStatus[] = [];
  a.host.on('changed', (s) => seen.push(s));
  return seen;
}

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  blockers.push(server);
  return server;
}

const exited = (a: HostingApp) =>
  a.forked.children.every((c) => c.exitCode !== null || c.signalCode !== null);

/** A process that is not a host process: it says nonsense and never starts (or, with `ready`, never stops). */
function misbehavingHost(ready: boolean) {
  const script = join(tempDir('parley-bad-host-'), 'bad-host.mjs');
  writeFileSync(
    script,
    `process.on('message', (m) => {
      process.send('nonsense');
      process.send({ type: 'ready', port: 'seventy' });
      process.send({ type: 'stats', connectedSockets: -1, urls: [] });
      if (${ready} && m.type === 'start') process.send({ type: 'ready', port: 7999, urls: [], fingerprint: null });
    });
    setInterval(() => {}, 1000);
    `,
  );
  return forkHosts(script, []);
}

describe('hosting across app restarts', () => {
  it('starts again with the app when it was on, before the core resumes its session there', async () => {
    const userData = tempDir('parley-hosting-');
    const cache = join(userData, 'cache');
    const credentials = () => new FileCredentialStore(join(userData, 'session.bin'));
    const first = await app(userData);
    preferPort(first, await freePort());
    const started = await first.host.start('Studio');
    const core1 = newCore(cache, credentials());
    await signUp(core1, started.localUrl!, 'studio_admin');
    // Quitting: the core closes, the server stops, hosting stays on.
    core1.close();
    await first.host.shutdown();
    expect(first.host.status().state).toBe('stopped');
    expect(first.settings.get().hosting).toEqual({ enabled: true, port: started.port, name: 'Studio' });

    // The next launch: hosting resumes first, then the core resumes its session on it.
    const second = await app(userData);
    const resumed = await second.host.resume();
    expect(resumed).toMatchObject({ state: 'running', port: started.port, name: 'Studio' });
    const core2 = newCore(cache, credentials());
    cores.push(core2);
    expect(await core2.start()).toBe(true);
    await until(() => core2.sync.connection === 'online', 15_000, 'resumed online');
    expect(core2.sync.serverUrl).toBe(started.localUrl);
  });

  it('does not start when hosting was off', async () => {
    const off = await app();
    expect(await off.host.resume()).toMatchObject({ state: 'stopped', error: null });
    expect(off.forked.children).toEqual([]);
  });
});

describe('when the server process fails', () => {
  it('a crash is reported (host.changed with the error) and hosting can start again', async () => {
    const crashing = await app();
    const seen = statuses(crashing);
    const running = await crashing.host.start('Crashy');
    const colleague = newCore();
    cores.push(colleague);
    await signUp(colleague, running.urls[0]!, 'crash_watcher');

    crashing.forked.children[0]!.kill('SIGKILL');
    await until(() => seen.at(-1)?.error !== null && seen.at(-1)?.error !== undefined, 15_000, 'crash');
    expect(seen.at(-1)).toMatchObject({
      state: 'stopped',
      port: null,
      connected: 0,
      error: { reason: 'crashed', message: 'The server stopped unexpectedly (it was killed).' },
    });
    expect(crashing.host.status().error?.reason).toBe('crashed');
    // The user did not stop it: it would start again with the app.
    expect(crashing.settings.get().hosting.enabled).toBe(true);
    await until(() => colleague.sync.connection !== 'online', 15_000, 'colleague cut off');

    const again = await crashing.host.start('Crashy');
    expect(again).toMatchObject({ state: 'running', port: running.port, error: null });
    expect(crashing.forked.children).toHaveLength(2);
    await until(() => colleague.sync.connection === 'online', 20_000, 'colleague back');
  });

  it('a taken port moves it to the next one; with none free it says so', async () => {
    const blocked = await app();
    const port = blocked.settings.get().hosting.port;
    await occupy(port);
    const moved = await blocked.host.start('Moved');
    expect(moved.state).toBe('running');
    expect(moved.port).toBeGreaterThan(port);
    expect(moved.port).toBeLessThan(port + 20);
    expect(blocked.settings.get().hosting.port).toBe(moved.port);
    await blocked.host.stop();

    const cornered = await app(undefined, { portAttempts: 1 });
    const taken = cornered.settings.get().hosting.port;
    await occupy(taken);
    const refused = await cornered.host.start('Cornered');
    expect(refused).toMatchObject({
      state: 'stopped',
      port: null,
      error: { reason: 'port-unavailable', message: `Port ${taken} is in use.` },
    });
    await until(() => exited(cornered), 10_000, 'process ended');
    expect(cornered.settings.get().hosting.enabled).toBe(false);
  });

  it('data from a newer Parley is refused and left as it was', async () => {
    const userData = tempDir('parley-hosting-');
    mkdirSync(join(userData, 'server'), { recursive: true });
    const db = new Database(join(userData, 'server', 'parley.db'));
    db.pragma('user_version = 999');
    db.close();
    const newer = await app(userData);
    preferPort(newer, await freePort());
    const refused = await newer.host.start('Newer');
    expect(refused.error?.reason).toBe('data-too-new');
    const after = new Database(join(userData, 'server', 'parley.db'));
    expect(after.pragma('user_version', { simple: true })).toBe(999);
    after.close();
  });

  it('a server that cannot load its SQLite addon (nativeBinding) fails to start, saying why', async () => {
    const broken = await app(undefined, { nativeBinding: join(tempDir(), 'better_sqlite3.node') });
    const refused = await broken.host.start('Broken');
    expect(refused).toMatchObject({ state: 'stopped', error: { reason: 'start-failed' } });
    expect(refused.error?.message).toContain('better_sqlite3.node');
    await until(() => exited(broken), 10_000, 'process ended');
  });

  it('a process that answers nonsense and never starts is given up and ended', async () => {
    const silent = await app(undefined, { startTimeoutMs: 1500 }, misbehavingHost(false));
    const refused = await silent.host.start('Silent');
    expect(refused).toMatchObject({
      state: 'stopped',
      error: { reason: 'start-failed', message: 'The server did not start within 2 s.' },
    });
    await until(() => exited(silent), 10_000, 'process ended');
  });

  it('a stop the process does not carry out ends it anyway', async () => {
    const stubborn = await app(undefined, { stopTimeoutMs: 500 }, misbehavingHost(true));
    expect(await stubborn.host.start('Stubborn')).toMatchObject({ state: 'running', port: 7999 });
    expect(await stubborn.host.stop()).toMatchObject({ state: 'stopped', error: null });
    expect(exited(stubborn)).toBe(true);
  });
});

describe('a window without hosting', () => {
  it('answers host.* with "unavailable" and starts nothing', async () => {
    const plain = newCore();
    cores.push(plain);
    const ipc = ipcOf(plain);
    const unavailable = { state: 'stopped', error: { reason: 'unavailable' } };
    expect(await ipc('host.status', {})).toMatchObject(unavailable);
    expect(await ipc('host.start', { name: 'Nope' })).toMatchObject(unavailable);
    expect(await ipc('host.stop', {})).toMatchObject(unavailable);
  });
});
