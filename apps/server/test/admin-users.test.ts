import type { AdminUser, AdminUserList, AuthResult, PasswordReset, UserEvent } from '@parley/shared';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdminApi, codeOf } from './support/admin.js';
import { http, login, type TestClient, TestClient as Client, uniqueName, until } from './support/client.js';
import { useTestServer } from './support/fixture.js';
import { revocationLog, tryConnect } from './support/raw.js';
import { TusClient } from './support/tus.js';

const PASSWORD = 'correct horse battery';

function loginWith(url: string, username: string, password: string) {
  return http<AuthResult>(url, '/api/auth/login', { body: { username, password } });
}

const refreshWith = (url: string, refreshToken: string) =>
  http(url, '/api/auth/refresh', { body: { refreshToken } });

const meWith = (url: string, token: string) => http(url, '/api/me', { token });

/** The code a handshake with `token` is refused with; fails the test if it is let in. */
async function handshakeRefusal(url: string, token: string): Promise<unknown> {
  const outcome = await tryConnect(url, { token });
  if (outcome.connected) {
    outcome.socket.disconnect();
    throw new Error('the handshake was accepted');
  }
  return outcome.code;
}

/** A real server whose first account (created before the tests) is its administrator. */
function useServerWithAdmin(...args: Parameters<typeof useTestServer>) {
  const f = useTestServer(...args);
  const held: { admin?: TestClient } = {};
  beforeAll(async () => {
    held.admin = await f.user(uniqueName('aa_admin'));
  });
  return {
    f,
    get admin(): TestClient {
      if (!held.admin) throw new Error('no administrator yet');
      return held.admin;
    },
  };
}

describe('the user list', () => {
  const s = useServerWithAdmin();
  const f = s.f;

  it('pages users by username with search, showing admin, disabled, online, last seen and storage', async () => {
    const admin = s.admin;
    const api = new AdminApi(admin);
    const tag = uniqueName('zz').toLowerCase();
    const online = await f.user(`${tag}_a`);
    const gone = await f.user(`${tag}_b`);
    const { conversation } = await online.rpc('groups.create', { name: 'files', memberIds: [] });
    const bytes = randomBytes(12_345);
    await new TusClient(f.t.url, online.auth.accessToken).upload(conversation.id, bytes);
    gone.close();
    await until(() => f.t.server.connectedSockets() === 2, 10_000, 'the closed socket to go');

    const all = await api.ok<AdminUserList>('GET', '/api/admin/users');
    expect(all.total).toBe(3);
    expect(all.users.map((u) => u.id)).toEqual([admin.userId, online.userId, gone.userId]);
    expect(all.users[0]).toMatchObject({ isAdmin: true, disabled: false, online: true, storageBytes: 0 });

    const page = await api.ok<AdminUserList>('GET', `/api/admin/users?query=${tag}&limit=1&offset=1`);
    expect(page.total).toBe(2);
    expect(page.users).toHaveLength(1);
    const shown = page.users[0]!;
    expect(shown).toMatchObject({
      id: gone.userId,
      username: gone.auth.user.username,
      isAdmin: false,
      disabled: false,
      passwordChangeRequired: false,
      online: false,
    });
    expect(shown.lastSeenAt).toEqual(expect.any(Number));

    const first = await api.ok<AdminUserList>('GET', `/api/admin/users?query=${tag}&limit=1`);
    expect(first.users[0]).toMatchObject({ id: online.userId, online: true, storageBytes: bytes.length });
    // Display names match anywhere in them.
    const byName = await api.ok<AdminUserList>('GET', `/api/admin/users?query=${tag.slice(3)}_b`);
    expect(byName.users.map((u) => u.id)).toEqual([gone.userId]);
  });

  it('refuses a bad query with VALIDATION_FAILED, and members with NOT_ADMIN', async () => {
    const member = await f.user();
    const api = new AdminApi(s.admin);
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'offset=-1', 'query=a&query=b', 'sort=name']) {
      const res = await api.call('GET', `/api/admin/users?${query}`);
      expect({ status: res.status, code: codeOf(res) }, query).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    const asMember = await http(f.t.url, '/api/admin/users', { token: member.auth.accessToken });
    expect({ status: asMember.status, code: codeOf(asMember) }).toEqual({ status: 403, code: 'NOT_ADMIN' });
  });
});

describe('disabling an account', () => {
  const s = useServerWithAdmin();
  const f = s.f;

  it('signs every device out at once and refuses the account everywhere until it is enabled again', async () => {
    const api = new AdminApi(s.admin);
    const user = await f.user();
    const laptop = f.track(
      await new Client(f.t.url, await login(f.t.url, user.auth.user.username)).connected(),
    );
    const logs = [revocationLog(user.socket), revocationLog(laptop.socket)];

    const disabled = await api.user(user.userId, 'disable');
    expect(disabled).toMatchObject({ id: user.userId, disabled: true });
    for (const log of logs) {
      await until(() => log.length === 2, 10_000, 'the device to be signed out');
      expect(log).toEqual(['session.revoked:account_disabled', 'disconnect:io server disconnect']);
    }

    const username = user.auth.user.username;
    // Nobody finds a disabled account to befriend or message.
    const found = async () =>
      (await s.admin.rpc('users.search', { query: username })).users.map((u: { id: string }) => u.id);
    expect(await found()).toEqual([]);
    expect(codeOf(await meWith(f.t.url, user.auth.accessToken))).toBe('ACCOUNT_DISABLED');
    expect(await handshakeRefusal(f.t.url, user.auth.accessToken)).toBe('ACCOUNT_DISABLED');
    const refreshed = await refreshWith(f.t.url, user.auth.refreshToken);
    expect({ status: refreshed.status, code: codeOf(refreshed) }).toEqual({
      status: 403,
      code: 'ACCOUNT_DISABLED',
    });
    const login1 = await loginWith(f.t.url, username, PASSWORD);
    expect({ status: login1.status, code: codeOf(login1) }).toEqual({
      status: 403,
      code: 'ACCOUNT_DISABLED',
    });
    // Only someone who knows the password learns that the account is disabled.
    expect(codeOf(await loginWith(f.t.url, username, 'not the password'))).toBe('INVALID_CREDENTIALS');

    expect(await api.user(user.userId, 'enable')).toMatchObject({ disabled: false });
    expect(await found()).toEqual([user.userId]);
    expect((await loginWith(f.t.url, username, PASSWORD)).status).toBe(200);
    // The sessions it ended stay ended.
    expect(codeOf(await refreshWith(f.t.url, user.auth.refreshToken))).toBe('SESSION_REVOKED');
  });

  it('refuses disabling oneself, unknown users, and callers who are not administrators', async () => {
    const admin = s.admin;
    const api = new AdminApi(admin);
    const self = await api.call('POST', `/api/admin/users/${admin.userId}/disable`);
    expect({ status: self.status, code: codeOf(self) }).toEqual({ status: 400, code: 'CANNOT_TARGET_SELF' });
    for (const id of ['nobody', crypto.randomUUID()]) {
      for (const action of ['disable', 'enable', 'reset-password']) {
        const res = await api.call('POST', `/api/admin/users/${id}/${action}`);
        expect({ status: res.status, code: codeOf(res) }).toEqual({ status: 404, code: 'USER_NOT_FOUND' });
      }
    }
    const member = await f.user();
    const res = await http(f.t.url, `/api/admin/users/${admin.userId}/disable`, {
      method: 'POST',
      token: member.auth.accessToken,
    });
    expect({ status: res.status, code: codeOf(res) }).toEqual({ status: 403, code: 'NOT_ADMIN' });
    expect(member.socket.connected).toBe(true);
  });
});

describe('resetting a password', () => {
  const lines: string[] = [];
  const s = useServerWithAdmin({ logLevel: 'info' }, { logDestination: { write: (l) => lines.push(l) } });
  const f = s.f;

  it('signs the user out, and the temporary password works only to choose a new one', async () => {
    const api = new AdminApi(s.admin);
    const user = await f.user();
    const log = revocationLog(user.socket);
    const username = user.auth.user.username;

    const reset = await api.ok<PasswordReset>('POST', `/api/admin/users/${user.userId}/reset-password`);
    expect(reset.temporaryPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(reset.user).toMatchObject({ id: user.userId, passwordChangeRequired: true });
    await until(() => log.length === 2, 10_000, 'the device to be signed out');
    expect(log).toEqual(['session.revoked:password_reset', 'disconnect:io server disconnect']);
    expect(codeOf(await loginWith(f.t.url, username, PASSWORD))).toBe('INVALID_CREDENTIALS');

    const temp = await loginWith(f.t.url, username, reset.temporaryPassword);
    expect(temp.status).toBe(200);
    expect(temp.body.passwordChangeRequired).toBe(true);
    const token = temp.body.accessToken;
    const refused = await meWith(f.t.url, token);
    expect({ status: refused.status, code: codeOf(refused) }).toEqual({
      status: 403,
      code: 'PASSWORD_CHANGE_REQUIRED',
    });
    expect(codeOf(await http(f.t.url, '/api/sessions', { token }))).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(await handshakeRefusal(f.t.url, token)).toBe('PASSWORD_CHANGE_REQUIRED');
    // Refreshing still works, so a slow typist is not thrown out.
    const pair = await refreshWith(f.t.url, temp.body.refreshToken);
    expect(pair.status).toBe(200);
    const fresh = (pair.body as { accessToken: string }).accessToken;
    expect(codeOf(await meWith(f.t.url, fresh))).toBe('PASSWORD_CHANGE_REQUIRED');

    const changed = await http(f.t.url, '/api/auth/password', {
      token: fresh,
      body: { currentPassword: reset.temporaryPassword, newPassword: 'a brand new passphrase' },
    });
    expect(changed.status).toBe(204);
    expect((await meWith(f.t.url, fresh)).status).toBe(200);
    const again = await tryConnect(f.t.url, { token: fresh });
    expect(again.connected).toBe(true);
    if (again.connected) again.socket.disconnect();
    const normal = await loginWith(f.t.url, username, 'a brand new passphrase');
    expect(normal.body.passwordChangeRequired).toBe(false);

    const audit = lines.filter((l) => l.includes('"admin action"'));
    expect(audit.some((l) => l.includes('"user.resetPassword"') && l.includes(user.userId))).toBe(true);
    expect(lines.join('\n')).not.toContain(reset.temporaryPassword);
  });

  it('refuses resetting one’s own password (change it instead), and members', async () => {
    const member = await f.user();
    const asMember = await http(f.t.url, `/api/admin/users/${member.userId}/reset-password`, {
      method: 'POST',
      token: member.auth.accessToken,
    });
    expect(codeOf(asMember)).toBe('NOT_ADMIN');
    const self = await new AdminApi(s.admin).call(
      'POST',
      `/api/admin/users/${s.admin.userId}/reset-password`,
    );
    expect({ status: self.status, code: codeOf(self) }).toEqual({ status: 400, code: 'CANNOT_TARGET_SELF' });
  });
});

describe('administrators', () => {
  const s = useServerWithAdmin();
  const f = s.f;

  it('are made and unmade at once, the user’s devices told, and the last one is never removed', async () => {
    const first = s.admin;
    const api = new AdminApi(first);
    const deputy = await f.user();

    const promoted = await api.ok<{ user: AdminUser }>('PUT', `/api/admin/users/${deputy.userId}/admin`, {
      isAdmin: true,
    });
    expect(promoted.user.isAdmin).toBe(true);
    const profileEvent = (events: UserEvent[], isAdmin: boolean) =>
      events.some((e) => e.type === 'profile.updated' && e.user.isAdmin === isAdmin);
    await until(() => profileEvent(deputy.userEvents, true), 10_000, 'profile.updated with isAdmin');
    const deputyApi = new AdminApi(deputy);
    expect((await deputyApi.call('GET', '/api/admin/settings')).status).toBe(200);

    // Two administrators: either may step down, but not the last one.
    await deputyApi.ok('PUT', `/api/admin/users/${first.userId}/admin`, { isAdmin: false });
    expect(codeOf(await api.call('GET', '/api/admin/settings'))).toBe('NOT_ADMIN');
    const last = await deputyApi.call('PUT', `/api/admin/users/${deputy.userId}/admin`, { isAdmin: false });
    expect({ status: last.status, code: codeOf(last) }).toEqual({ status: 409, code: 'LAST_ADMIN' });
    expect(
      (await deputyApi.ok<AdminUserList>('GET', '/api/admin/users')).users.filter((u) => u.isAdmin),
    ).toHaveLength(1);

    // Setting what is already so changes nothing and is no error.
    const same = await deputyApi.ok<{ user: AdminUser }>('PUT', `/api/admin/users/${deputy.userId}/admin`, {
      isAdmin: true,
    });
    expect(same.user.isAdmin).toBe(true);
    for (const body of [{}, { isAdmin: 'yes' }, { isAdmin: true, role: 'owner' }]) {
      const res = await deputyApi.call('PUT', `/api/admin/users/${first.userId}/admin`, body);
      expect(codeOf(res), JSON.stringify(body)).toBe('VALIDATION_FAILED');
    }
  });
});
