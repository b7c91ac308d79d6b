import type { ParleyServer } from '@parley/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { MemoryCredentialStore } from '../src/core/sync/credentials.js';
import {
  befriend,
  newCore,
  signIn,
  signUp,
  startServer,
  tempDir,
  uniqueName,
  until,
} from './support/harness.js';
import { ipcOf } from './support/ipc.js';

/* The settings pages' channels: profile, password and sessions, on real cores against a real server. */

let server: ParleyServer;
let serverSkew = 0;
const cores: DesktopCore[] = [];

function core(...args: Parameters<typeof newCore>): DesktopCore {
  const c = newCore(...args);
  cores.push(c);
  return c;
}

beforeAll(async () => {
  server = await startServer(undefined, 0, {}, { now: () => Date.now() + serverSkew });
});
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
  serverSkew = 0;
});
afterAll(async () => {
  await server.close();
});

describe('profile.update', () => {
  it('answers with me, keeps the cached copy current, and friends see the change', async () => {
    const a = core();
    const b = core();
    const aId = await signUp(a, server.url);
    const bId = await signUp(b, server.url);
    await befriend(a, b, bId);
    await until(() => b.store.users.get(aId) !== undefined, 10_000, 'a known to b');
    const call = ipcOf(a);
    let told = 0;
    a.on('people-changed', () => (told += 1));

    const { me } = await call('profile.update', { displayName: ' Ada Lovelace ', bio: 'Analytical engines' });
    expect(me).toMatchObject({ id: aId, displayName: 'Ada Lovelace', bio: 'Analytical engines' });
    expect((await call('session.state', {})).me).toMatchObject({ displayName: 'Ada Lovelace' });
    expect(told).toBeGreaterThan(0);
    await until(() => b.store.users.get(aId)?.displayName === 'Ada Lovelace', 10_000, 'new name at b');
  });
});

describe('password and sessions', () => {
  it('changes the password: the other sessions are signed out, this device stays signed in', async () => {
    const dir = tempDir();
    const credentials = new MemoryCredentialStore();
    const a = core(dir, credentials);
    const name = uniqueName('pw');
    const aId = await signUp(a, server.url, name);
    const other = core();
    await signIn(other, server.url, name);
    const call = ipcOf(a);

    const { sessions } = await call('session.sessions', {});
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ deviceName: 'test', createdAt: expect.any(Number) as number });

    await expect(
      call('session.changePassword', { currentPassword: 'not it at all', newPassword: 'a new passphrase' }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    const signedOut: string[] = [];
    other.on('signed-out', (reason) => signedOut.push(reason));
    await call('session.changePassword', {
      currentPassword: 'correct horse battery',
      newPassword: 'a new passphrase',
    });
    await until(() => signedOut.length > 0, 10_000, 'other device signed out');
    expect(signedOut).toEqual(['password_changed']);
    expect(a.sync.connection).toBe('online');
    expect((await call('session.sessions', {})).sessions).toEqual([
      expect.objectContaining({ current: true }),
    ]);

    // Still signed in after a restart: the stored refresh token is still good.
    a.close();
    const again = core(dir, credentials);
    expect(await again.start()).toBe(true);
    await until(() => again.sync.connection === 'online', 10_000, 'online after restart');
    expect((await ipcOf(again)('session.state', {})).me?.id).toBe(aId);

    await expect(
      core().sync.login(server.url, { username: name, password: 'correct horse battery' }),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await core().sync.login(server.url, { username: name, password: 'a new passphrase' });
  });

  it('signs another session out by its id', async () => {
    const a = core();
    const name = uniqueName('rv');
    await signUp(a, server.url, name);
    const other = core();
    await signIn(other, server.url, name);
    const call = ipcOf(a);
    const { sessions } = await call('session.sessions', {});
    const target = sessions.find((s) => !s.current)!;

    await call('session.revoke', { sessionId: target.id });
    await until(() => other.sync.connection === 'signed-out', 10_000, 'other signed out');
    expect((await call('session.sessions', {})).sessions.map((s) => s.id)).not.toContain(target.id);
    await expect(call('session.revoke', { sessionId: target.id })).rejects.toMatchObject({
      code: 'SESSION_NOT_FOUND',
    });
    expect(a.sync.connection).toBe('online');
  });
});

describe('account calls over HTTP', () => {
  it('refresh an access token that expired before calling', async () => {
    const a = core();
    await signUp(a, server.url);
    // An hour later on the server: the access token the core holds has expired.
    serverSkew = 60 * 60 * 1000;
    const { sessions } = await ipcOf(a)('session.sessions', {});
    expect(sessions).toEqual([expect.objectContaining({ current: true })]);
  });
});
