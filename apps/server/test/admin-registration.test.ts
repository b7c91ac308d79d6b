import type { AuthResult, Invite, ServerInfo } from '@parley/shared';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/index.js';
import { AdminApi, type Answer, codeOf } from './support/admin.js';
import { http, login, newUser, type TestClient, uniqueName } from './support/client.js';
import { startTestServer, tempDir, type TestServer } from './support/server.js';

const PASSWORD = 'correct horse battery';

/** A registration with any body fields (an invite code, say); the answer whatever its status. */
function registerWith(url: string, extra: Record<string, unknown> = {}): Promise<Answer<AuthResult>> {
  const username = uniqueName('reg');
  return http<AuthResult>(url, '/api/auth/register', {
    body: { username, displayName: `Name ${username}`, password: PASSWORD, ...extra },
  });
}

let t: TestServer;
/** Added to the server's clock, to let invites expire without waiting. */
let clockOffset = 0;
let admin: TestClient;
let api: AdminApi;

beforeAll(async () => {
  // Tokens outlive the clock moves below.
  t = await startTestServer(
    { accessTokenTtlMs: 30 * 24 * 60 * 60 * 1000 },
    { now: () => Date.now() + clockOffset },
  );
  admin = await newUser(t.url, uniqueName('admin'));
  api = new AdminApi(admin);
});
afterAll(async () => {
  admin.close();
  await t.stop();
});

describe('the registration policy', () => {
  it('is open by default, and GET /api/server tells anyone the policy, the name and the announcement', async () => {
    expect(admin.auth.user.isAdmin).toBe(true);
    const info = await http<ServerInfo>(t.url, '/api/server');
    expect(info).toEqual({
      status: 200,
      body: { name: 'Parley', announcement: '', registration: 'open' },
    });
    const res = await registerWith(t.url, { inviteCode: 'ignored-when-open' });
    expect(res.status).toBe(201);
    expect(res.body.user.isAdmin).toBe(false);
  });

  it('closed: refuses new accounts, with or without an invite code, while existing ones still sign in', async () => {
    const code = (await api.invite()).code;
    await api.settings({ registration: 'closed' });
    expect((await http<ServerInfo>(t.url, '/api/server')).body.registration).toBe('closed');
    for (const extra of [{}, { inviteCode: code }]) {
      const res = await registerWith(t.url, extra);
      expect({ status: res.status, code: codeOf(res) }).toEqual({ status: 403, code: 'REGISTRATION_CLOSED' });
    }
    await expect(login(t.url, admin.auth.user.username)).resolves.toMatchObject({
      passwordChangeRequired: false,
    });
    await api.settings({ registration: 'open' });
  });

  it('invite: needs a code, refuses a wrong one, and spends one use per account made', async () => {
    await api.settings({ registration: 'invite' });
    const invite = await api.invite({ maxUses: 2, expiresInHours: 24 });
    expect(invite.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(invite).toMatchObject({ uses: 0, maxUses: 2, usable: true, createdBy: admin.userId });

    const missing = await registerWith(t.url);
    expect({ status: missing.status, code: codeOf(missing) }).toEqual({
      status: 403,
      code: 'INVITE_REQUIRED',
    });
    const wrong = await registerWith(t.url, { inviteCode: 'ABCD-EFGH-JKMN' });
    expect({ status: wrong.status, code: codeOf(wrong) }).toEqual({ status: 403, code: 'INVITE_INVALID' });

    // Typed by hand: lower case, spaces instead of dashes, an O for a zero.
    const typed = invite.code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');
    expect((await registerWith(t.url, { inviteCode: typed })).status).toBe(201);
    expect((await registerWith(t.url, { inviteCode: invite.code })).status).toBe(201);
    const spent = await registerWith(t.url, { inviteCode: invite.code });
    expect(codeOf(spent)).toBe('INVITE_INVALID');

    const { invites } = await api.ok<{ invites: Invite[] }>('GET', '/api/admin/invites');
    expect(invites.find((i) => i.id === invite.id)).toMatchObject({ uses: 2, usable: false });
    await api.settings({ registration: 'open' });
  });

  it('spends no use on a registration that fails, and gives the last use to one of two at once', async () => {
    await api.settings({ registration: 'invite' });
    const invite = await api.invite({ maxUses: 1 });
    const taken = await registerWith(t.url, { inviteCode: invite.code, username: admin.auth.user.username });
    expect(codeOf(taken)).toBe('USERNAME_TAKEN');
    const badName = await registerWith(t.url, { inviteCode: invite.code, displayName: '' });
    expect(codeOf(badName)).toBe('VALIDATION_FAILED');

    const both = await Promise.all([
      registerWith(t.url, { inviteCode: invite.code }),
      registerWith(t.url, { inviteCode: invite.code }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 403]);
    expect(both.map(codeOf).filter(Boolean)).toEqual(['INVITE_INVALID']);
    await api.settings({ registration: 'open' });
  });

  it('refuses an invite once it expired or was revoked; the list keeps neither usable', async () => {
    await api.settings({ registration: 'invite' });
    const expiring = await api.invite({ expiresInHours: 1 });
    const revoked = await api.invite();
    expect(await api.call('DELETE', `/api/admin/invites/${revoked.id}`)).toEqual({
      status: 204,
      body: undefined,
    });
    expect(codeOf(await registerWith(t.url, { inviteCode: revoked.code }))).toBe('INVITE_INVALID');

    clockOffset += 60 * 60 * 1000 + 1;
    expect(codeOf(await registerWith(t.url, { inviteCode: expiring.code }))).toBe('INVITE_INVALID');
    const { invites } = await api.ok<{ invites: Invite[] }>('GET', '/api/admin/invites');
    expect(invites.find((i) => i.id === expiring.id)).toMatchObject({ usable: false, uses: 0 });
    expect(invites.some((i) => i.id === revoked.id)).toBe(false);
    await api.settings({ registration: 'open' });
  });

  it('refuses bad invite requests with stable codes, and invites to anyone but administrators', async () => {
    const member = await newUser(t.url);
    try {
      const asMember = await http(t.url, '/api/admin/invites', {
        method: 'POST',
        token: member.auth.accessToken,
        body: {},
      });
      expect({ status: asMember.status, code: codeOf(asMember) }).toEqual({ status: 403, code: 'NOT_ADMIN' });
      const anonymous = await http(t.url, '/api/admin/invites');
      expect({ status: anonymous.status, code: codeOf(anonymous) }).toEqual({
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    } finally {
      member.close();
    }
    for (const body of [
      { maxUses: 0 },
      { maxUses: 1.5 },
      { expiresInHours: 'soon' },
      { expiresInHours: 24 * 366 },
      { code: 'MINE-MINE-MINE' },
    ]) {
      const res = await api.call('POST', '/api/admin/invites', body);
      expect({ status: res.status, code: codeOf(res) }, JSON.stringify(body)).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    for (const id of ['not-an-id', crypto.randomUUID()]) {
      const res = await api.call('DELETE', `/api/admin/invites/${id}`);
      expect({ status: res.status, code: codeOf(res) }).toEqual({ status: 404, code: 'INVITE_NOT_FOUND' });
    }
    const once = await api.invite();
    await api.ok('DELETE', `/api/admin/invites/${once.id}`);
    expect(codeOf(await api.call('DELETE', `/api/admin/invites/${once.id}`))).toBe('INVITE_NOT_FOUND');
    const longCode = await registerWith(t.url, { inviteCode: 'x'.repeat(65) });
    expect(codeOf(longCode)).toBe('VALIDATION_FAILED');
    // Still serving.
    expect((await http(t.url, '/api/health')).status).toBe(200);
  });
});

describe('the first account', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  it('is always allowed on an empty server and becomes its administrator, whatever the policy says', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    await first.server.close();
    // A server whose settings say "closed" before anyone has an account (a restored copy, say).
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.prepare("INSERT INTO server_settings (key, value_json) VALUES ('registration', '\"closed\"')").run();
    db.close();
    const t2 = await startTestServer({ dataDir });
    servers.push(t2);

    const owner = await registerWith(t2.url);
    expect(owner.status).toBe(201);
    expect(owner.body.user.isAdmin).toBe(true);
    expect(codeOf(await registerWith(t2.url))).toBe('REGISTRATION_CLOSED');
  });
});
