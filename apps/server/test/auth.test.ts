import { type AuthResult, type ErrorCode, SessionList, TokenPair } from '@parley/shared';
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { befriend, login, newUser, register, TestClient, uniqueName, until } from './support/client.js';
import { serverMeta } from './support/db.js';
import { errorOf, postJson, request, type RawResponse } from './support/http.js';
import { revocationLog, tryConnect } from './support/raw.js';
import { startTestServer, type TestServer } from './support/server.js';

const PASSWORD = 'correct horse battery';
const ACCESS_TTL_MS = 15 * 60 * 1000;

let t: TestServer;
/** Added to the server's clock: tokens expire without the test waiting. */
let clockOffset = 0;
const clients: TestClient[] = [];
const extraServers: TestServer[] = [];

beforeAll(async () => {
  t = await startTestServer({}, { now: () => Date.now() + clockOffset });
});
afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of extraServers) await s.stop();
  await t.stop();
});

function track<T extends TestClient>(c: T): T {
  clients.push(c);
  return c;
}

async function device(auth: AuthResult): Promise<TestClient> {
  return track(await new TestClient(t.url, auth).connected());
}

function expectError(res: RawResponse, status: number, code: ErrorCode, label: string = code): void {
  expect({ status: res.status, code: errorOf(res)?.code }, label).toEqual({ status, code });
  expect(typeof errorOf(res)?.message, label).toBe('string');
}

/** The code a handshake with `auth` is refused with (fails the test if it is let in). */
async function refusedWith(auth: unknown, url = t.url): Promise<unknown> {
  const outcome = await tryConnect(url, auth);
  if (outcome.connected) {
    outcome.socket.disconnect();
    throw new Error(`handshake with ${JSON.stringify(auth).slice(0, 80)} was accepted`);
  }
  return outcome.code;
}

/** The socket still answers: a request on it is acked (a disconnect sent before would arrive first). */
async function stillServed(c: TestClient): Promise<void> {
  expect(await c.call('me.get', {})).toMatchObject({ ok: true, data: { user: { id: c.userId } } });
  expect(c.socket.connected).toBe(true);
}

const REVOKED_BY_SERVER = (reason: string) => [
  `session.revoked:${reason}`,
  'disconnect:io server disconnect',
];

async function waitForDisconnect(log: string[], what: string): Promise<void> {
  await until(() => log.some((entry) => entry.startsWith('disconnect:')), 10_000, what);
}

const refresh = (refreshToken: string) =>
  postJson(t.url, '/api/auth/refresh', JSON.stringify({ refreshToken }));

describe('the handshake', () => {
  it('is refused with UNAUTHENTICATED without a token, or with one that is not a non-empty string', async () => {
    const { accessToken } = await register(t.url);
    for (const auth of [
      {},
      { token: '' },
      { token: null },
      { token: 123 },
      { token: ['a'] },
      { token: { token: accessToken } },
      { accessToken },
    ]) {
      expect(await refusedWith(auth), JSON.stringify(auth).slice(0, 60)).toBe('UNAUTHENTICATED');
    }
  });

  it('is refused with TOKEN_INVALID for tampered and forged tokens', async () => {
    const alice = await register(t.url);
    const bob = await register(t.url);
    const [header, payload, signature] = alice.accessToken.split('.') as [string, string, string];
    const bobPayload = bob.accessToken.split('.')[1]!;
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1)!;
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');

    const secret = Buffer.from(serverMeta(t.dataDir, 'token_secret')!, 'base64url');
    const otherSecret = randomBytes(32);
    const now = Math.floor(Date.now() / 1000);
    const sign = (claims: Record<string, unknown>, key: Uint8Array = secret, audience = 'parley') => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now);
      return jwt
        .setExpirationTime(now + 600)
        .setAudience(audience)
        .sign(key);
    };

    const forged: [string, string][] = [
      ['garbage', 'garbage'],
      ['three empty parts', '..'],
      ['a.b.c', 'a.b.c'],
      ['a flipped signature bit', `${header}.${payload}.${flipped}`],
      ['another user’s claims under this signature', `${header}.${bobPayload}.${signature}`],
      ['alg none', `${none}.${payload}.`],
      ['no signature', `${header}.${payload}`],
      ['a refresh token', alice.refreshToken],
      ['6,000 characters', 'x'.repeat(6_000)],
      ['signed with another key', await sign({ sub: alice.user.id, sid: alice.sessionId }, otherSecret)],
      // Signed with the server's own key, but claims that do not hold together.
      ['someone else’s session', await sign({ sub: alice.user.id, sid: bob.sessionId })],
      ['a session that does not exist', await sign({ sub: alice.user.id, sid: randomUUID() })],
      ['no session claim', await sign({ sub: alice.user.id })],
      ['no subject', await sign({ sid: alice.sessionId })],
      ['a numeric session claim', await sign({ sub: alice.user.id, sid: 42 })],
      ['another audience', await sign({ sub: alice.user.id, sid: alice.sessionId }, secret, 'elsewhere')],
    ];
    for (const [label, token] of forged) {
      expect(await refusedWith({ token }), label).toBe('TOKEN_INVALID');
      expectError(await request(t.url, '/api/me', { token }), 401, 'TOKEN_INVALID', label);
    }
    // The genuine tokens still work.
    track(await new TestClient(t.url, alice).connected());
    expect((await request(t.url, '/api/me', { token: bob.accessToken })).status).toBe(200);
  });

  it('is refused with TOKEN_EXPIRED once the access token has expired; a refreshed one works', async () => {
    const auth = await register(t.url);
    const early = await device(auth);
    const secret = Buffer.from(serverMeta(t.dataDir, 'token_secret')!, 'base64url');
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expiredForgery = await new SignJWT({ sid: auth.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(auth.user.id)
      .setIssuedAt(past)
      .setExpirationTime(past + 60)
      .setAudience('parley')
      .sign(secret);
    expect(await refusedWith({ token: expiredForgery })).toBe('TOKEN_EXPIRED');

    clockOffset = ACCESS_TTL_MS + 1_000;
    try {
      expect(await refusedWith({ token: auth.accessToken })).toBe('TOKEN_EXPIRED');
      expectError(await request(t.url, '/api/me', { token: auth.accessToken }), 401, 'TOKEN_EXPIRED');
      // Expiry is checked when a socket connects: one opened before keeps its connection.
      await stillServed(early);

      const res = await refresh(auth.refreshToken);
      expect(res.status).toBe(200);
      const pair = TokenPair.parse(res.body);
      expect(pair.sessionId).toBe(auth.sessionId);
      expect(pair.accessTokenExpiresAt).toBeGreaterThan(auth.accessTokenExpiresAt);
      await device({ ...auth, ...pair });

      // Refresh tokens expire too, after refreshTokenTtlMs (60 days by default).
      clockOffset = 61 * 24 * 60 * 60 * 1000;
      expectError(await refresh(pair.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    } finally {
      clockOffset = 0;
    }
  });

  it('is refused with TOKEN_EXPIRED on the real clock once a short-lived token runs out', async () => {
    // Long enough to use it once before it runs out (exp is in whole seconds: 1 s could leave none).
    const short = await startTestServer({ accessTokenTtlMs: 2_500 });
    extraServers.push(short);
    const auth = await register(short.url);
    // Used once while valid: the server remembers it verified this token, and must still see it expire.
    expect((await request(short.url, '/api/me', { token: auth.accessToken })).status).toBe(200);
    // The JWT's exp has one-second granularity; accessTokenExpiresAt is that second.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, auth.accessTokenExpiresAt - Date.now()) + 150),
    );
    expect(await refusedWith({ token: auth.accessToken }, short.url)).toBe('TOKEN_EXPIRED');
    expectError(await request(short.url, '/api/me', { token: auth.accessToken }), 401, 'TOKEN_EXPIRED');
  });

  it('is refused with SESSION_REVOKED for a session that has signed out', async () => {
    const auth = await register(t.url);
    // Verified once before: signing out still ends it.
    expect((await request(t.url, '/api/me', { token: auth.accessToken })).status).toBe(200);
    const res = await request(t.url, '/api/auth/logout', { method: 'POST', token: auth.accessToken });
    expect(res.status).toBe(204);
    expect(await refusedWith({ token: auth.accessToken })).toBe('SESSION_REVOKED');
    const me = await request(t.url, '/api/me', { token: auth.accessToken });
    expectError(me, 401, 'SESSION_REVOKED');
    // Each refusal says why the session ended, for a device that was away when it was pushed.
    expect(errorOf(me)?.revokeReason).toBe('logged_out');
    const refused = await refresh(auth.refreshToken);
    expect([refused.status, errorOf(refused)?.code, errorOf(refused)?.revokeReason]).toEqual([
      401,
      'SESSION_REVOKED',
      'logged_out',
    ]);
    const handshake = await tryConnect(t.url, { token: auth.accessToken });
    expect(handshake.connected ? null : handshake.data).toEqual({
      code: 'SESSION_REVOKED',
      revokeReason: 'logged_out',
    });
  });
});

describe('sessions revoked while connected', () => {
  it('a session deleted from another device is told why, then disconnected; the others stay', async () => {
    const laptop = await register(t.url, uniqueName(), 'laptop');
    const phone = await login(t.url, laptop.user.username, 'phone');
    const laptopSocket = await device(laptop);
    const phoneSockets = [await device(phone), await device(phone)];
    const logs = phoneSockets.map((c) => revocationLog(c.socket));

    const res = await request(t.url, `/api/sessions/${phone.sessionId}`, {
      method: 'DELETE',
      token: laptop.accessToken,
    });
    expect(res.status).toBe(204);
    for (const log of logs) {
      await waitForDisconnect(log, 'the phone’s sockets to be dropped');
      expect(log).toEqual(REVOKED_BY_SERVER('revoked'));
    }
    await stillServed(laptopSocket);
    expect(await refusedWith({ token: phone.accessToken })).toBe('SESSION_REVOKED');
    expectError(await refresh(phone.refreshToken), 401, 'SESSION_REVOKED');
  });

  it('logout signs the session out everywhere it is connected', async () => {
    const auth = await register(t.url);
    const other = await login(t.url, auth.user.username, 'other');
    const socket = await device(auth);
    const otherSocket = await device(other);
    const log = revocationLog(socket.socket);

    expect(
      (await request(t.url, '/api/auth/logout', { method: 'POST', token: auth.accessToken })).status,
    ).toBe(204);
    await waitForDisconnect(log, 'the logged-out socket to be dropped');
    expect(log).toEqual(REVOKED_BY_SERVER('logged_out'));
    await stillServed(otherSocket);
    expectError(await request(t.url, '/api/me', { token: auth.accessToken }), 401, 'SESSION_REVOKED');
    expectError(await refresh(auth.refreshToken), 401, 'SESSION_REVOKED');
    expectError(
      await request(t.url, '/api/auth/logout', { method: 'POST', token: auth.accessToken }),
      401,
      'SESSION_REVOKED',
    );
  });

  it('refresh rotates the token; a rotated one coming back revokes the whole session', async () => {
    const first = await register(t.url, uniqueName(), 'laptop');
    const phone = await login(t.url, first.user.username, 'phone');
    const phoneSocket = await device(phone);
    const before = await device(first);

    const r2 = await refresh(first.refreshToken);
    expect(r2.status).toBe(200);
    const second = TokenPair.parse(r2.body);
    expect(second.sessionId).toBe(first.sessionId);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const after = await device({ ...first, ...second });
    const third = TokenPair.parse((await refresh(second.refreshToken)).body);
    expect(third.refreshToken).not.toBe(second.refreshToken);

    const logs = [revocationLog(before.socket), revocationLog(after.socket)];
    // The first token was used already: someone holds a copy of it.
    expectError(await refresh(first.refreshToken), 401, 'REFRESH_TOKEN_REUSED');
    for (const log of logs) {
      await waitForDisconnect(log, 'the reused session’s sockets to be dropped');
      expect(log).toEqual(REVOKED_BY_SERVER('refresh_reused'));
    }
    // Every token of that session is dead now, the newest included; the phone's session is not touched.
    expectError(await refresh(third.refreshToken), 401, 'SESSION_REVOKED');
    expectError(await refresh(second.refreshToken), 401, 'SESSION_REVOKED');
    expect(await refusedWith({ token: second.accessToken })).toBe('SESSION_REVOKED');
    expect(await refusedWith({ token: third.accessToken })).toBe('SESSION_REVOKED');
    await stillServed(phoneSocket);
    const list = SessionList.parse(
      (await request(t.url, '/api/sessions', { token: phone.accessToken })).body,
    );
    expect(list.sessions.map((s) => s.id)).toEqual([phone.sessionId]);

    expectError(await refresh('not-a-refresh-token'), 401, 'REFRESH_TOKEN_INVALID');
  });

  it('changing the password signs out the other sessions, and only them', async () => {
    const here = await register(t.url, uniqueName(), 'here');
    const elsewhere = [
      await login(t.url, here.user.username, 'phone'),
      await login(t.url, here.user.username, 'tablet'),
    ];
    const hereSocket = await device(here);
    const otherSockets = await Promise.all(elsewhere.map((a) => device(a)));
    const logs = otherSockets.map((c) => revocationLog(c.socket));
    const change = (currentPassword: string, newPassword: string) =>
      postJson(
        t.url,
        '/api/auth/password',
        JSON.stringify({ currentPassword, newPassword }),
        here.accessToken,
      );

    expectError(await change('not my password', 'a brand new password'), 403, 'WRONG_PASSWORD');
    for (const c of [hereSocket, ...otherSockets]) await stillServed(c);

    expect((await change(PASSWORD, 'a brand new password')).status).toBe(204);
    for (const log of logs) {
      await waitForDisconnect(log, 'the other sessions’ sockets to be dropped');
      expect(log).toEqual(REVOKED_BY_SERVER('password_changed'));
    }
    await stillServed(hereSocket);
    expect((await request(t.url, '/api/me', { token: here.accessToken })).status).toBe(200);
    for (const other of elsewhere) {
      expect(await refusedWith({ token: other.accessToken })).toBe('SESSION_REVOKED');
      expectError(await refresh(other.refreshToken), 401, 'SESSION_REVOKED');
    }
    const list = SessionList.parse((await request(t.url, '/api/sessions', { token: here.accessToken })).body);
    expect(list.sessions.map((s) => s.id)).toEqual([here.sessionId]);

    const username = here.user.username;
    const withOld = await postJson(
      t.url,
      '/api/auth/login',
      JSON.stringify({ username, password: PASSWORD }),
    );
    expectError(withOld, 401, 'INVALID_CREDENTIALS');
    const withNew = { username, password: 'a brand new password' };
    expect((await postJson(t.url, '/api/auth/login', JSON.stringify(withNew))).status).toBe(200);
  });
});

describe('the session list', () => {
  it('lists my sessions, marks the current one, and deletes others but never someone else’s', async () => {
    const laptop = await register(t.url, uniqueName(), 'laptop');
    const phone = await login(t.url, laptop.user.username, 'phone');
    const tablet = await login(t.url, laptop.user.username, 'tablet');
    const stranger = await register(t.url);
    const strangerSocket = await device(stranger);
    const tabletSocket = await device(tablet);
    const laptopSocket = await device(laptop);
    const sessions = async (token: string) =>
      SessionList.parse((await request(t.url, '/api/sessions', { token })).body).sessions;

    const mine = await sessions(laptop.accessToken);
    expect(mine.map((s) => [s.id, s.deviceName, s.current]).sort()).toEqual(
      [
        [laptop.sessionId, 'laptop', true],
        [phone.sessionId, 'phone', false],
        [tablet.sessionId, 'tablet', false],
      ].sort(),
    );
    expect((await sessions(tablet.accessToken)).find((s) => s.current)?.id).toBe(tablet.sessionId);

    const del = (id: string, token = laptop.accessToken) =>
      request(t.url, `/api/sessions/${id}`, { method: 'DELETE', token });
    expect((await del(phone.sessionId)).status).toBe(204);
    expect((await sessions(laptop.accessToken)).map((s) => s.id).sort()).toEqual(
      [laptop.sessionId, tablet.sessionId].sort(),
    );
    expectError(await del(phone.sessionId), 404, 'SESSION_NOT_FOUND', 'deleted twice');
    expectError(await del(stranger.sessionId), 404, 'SESSION_NOT_FOUND', 'someone else’s session');
    expectError(
      await del(stranger.sessionId, phone.accessToken),
      401,
      'SESSION_REVOKED',
      'from a deleted one',
    );
    await stillServed(strangerSocket);
    expect(await sessions(stranger.accessToken)).toHaveLength(1);

    // Deleting the current session is signing out.
    const log = revocationLog(laptopSocket.socket);
    expect((await del(laptop.sessionId)).status).toBe(204);
    await waitForDisconnect(log, 'the laptop socket to be dropped');
    expect(log).toEqual(REVOKED_BY_SERVER('revoked'));
    expectError(await request(t.url, '/api/sessions', { token: laptop.accessToken }), 401, 'SESSION_REVOKED');
    await stillServed(tabletSocket);
    expect((await sessions(tablet.accessToken)).map((s) => s.id)).toEqual([tablet.sessionId]);
  });
});

describe('accounts', () => {
  it('refuses a wrong password and an unknown username alike, with INVALID_CREDENTIALS', async () => {
    const auth = await register(t.url);
    const attempt = (username: string, password: string) =>
      postJson(t.url, '/api/auth/login', JSON.stringify({ username, password }));
    const wrongPassword = await attempt(auth.user.username, 'not the password');
    const unknownUser = await attempt(uniqueName('nobody'), PASSWORD);
    expectError(wrongPassword, 401, 'INVALID_CREDENTIALS');
    expectError(unknownUser, 401, 'INVALID_CREDENTIALS');
    // Nothing tells the two apart.
    expect(wrongPassword.body).toEqual(unknownUser.body);
    expect((await attempt(auth.user.username, PASSWORD)).status).toBe(200);
  });

  it('makes the first account on a fresh server its admin, and no one after', async () => {
    const fresh = await startTestServer();
    extraServers.push(fresh);
    const first = await register(fresh.url);
    const second = await register(fresh.url);
    expect(first.user.isAdmin).toBe(true);
    expect(second.user.isAdmin).toBe(false);
    const me = async (token: string) => (await request(fresh.url, '/api/me', { token })).body;
    expect(await me(first.accessToken)).toMatchObject({ user: { id: first.user.id, isAdmin: true } });
    expect(await me(second.accessToken)).toMatchObject({ user: { id: second.user.id, isAdmin: false } });
    const socket = track(await new TestClient(fresh.url, second).connected());
    expect(await socket.rpc('me.get', {})).toMatchObject({ user: { isAdmin: false } });
  });

  it('treats usernames as unique regardless of case, and signs in with any case', async () => {
    const name = uniqueName('CaseUser');
    const auth = await register(t.url, name);
    for (const variant of [name, name.toLowerCase(), name.toUpperCase()]) {
      const res = await postJson(
        t.url,
        '/api/auth/register',
        JSON.stringify({ username: variant, displayName: 'Copy', password: PASSWORD }),
      );
      expectError(res, 409, 'USERNAME_TAKEN', variant);
    }
    const upper = await postJson(
      t.url,
      '/api/auth/login',
      JSON.stringify({ username: name.toUpperCase(), password: PASSWORD }),
    );
    expect(upper.status).toBe(200);
    expect(upper.body).toMatchObject({ user: { id: auth.user.id, username: name } });
  });
});

describe('rate limits', () => {
  async function limitedServer(): Promise<TestServer> {
    const server = await startTestServer({ rateLimits: true });
    extraServers.push(server);
    return server;
  }

  it('answers repeated failed logins with 429 RATE_LIMITED, Retry-After and retryAfterMs', async () => {
    const limited = await limitedServer();
    const target = await register(limited.url);
    const bystander = await register(limited.url);
    const attempt = (username: string, password: string) =>
      postJson(limited.url, '/api/auth/login', JSON.stringify({ username, password }));
    // Ten tries per account in five minutes.
    for (let i = 0; i < 10; i++) {
      expectError(await attempt(target.user.username, `wrong password ${i}`), 401, 'INVALID_CREDENTIALS');
    }
    for (const password of ['wrong once more', PASSWORD]) {
      const res = await attempt(target.user.username.toUpperCase(), password);
      expectError(res, 429, 'RATE_LIMITED');
      const retryAfterMs = errorOf(res)?.retryAfterMs;
      expect(retryAfterMs).toBeGreaterThan(0);
      expect(retryAfterMs).toBeLessThanOrEqual(5 * 60 * 1000);
      expect(res.headers.get('retry-after')).toBe(String(Math.ceil(retryAfterMs! / 1000)));
    }
    // Another account from the same address is still under the per-address limit.
    expect((await attempt(bystander.user.username, PASSWORD)).status).toBe(200);
  });

  it('limits registrations per address', async () => {
    const limited = await limitedServer();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await postJson(
        limited.url,
        '/api/auth/register',
        JSON.stringify({ username: uniqueName('reg'), displayName: 'R', password: PASSWORD }),
      );
      statuses.push(res.status);
      if (res.status === 429) {
        expectError(res, 429, 'RATE_LIMITED');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    // Ten an hour.
    expect(statuses).toEqual([...Array<number>(10).fill(201), 429, 429]);
  });

  it('limits sends per user over the socket with RATE_LIMITED and retryAfterMs', async () => {
    const limited = await limitedServer();
    const a = track(await newUser(limited.url));
    const b = track(await newUser(limited.url));
    await befriend(a, b);
    const { conversation } = await a.rpc('conversations.openDirect', { userId: b.userId });
    const send = (c: TestClient, text: string) =>
      c.call('messages.send', {
        conversationId: conversation.id,
        clientMsgId: randomUUID(),
        content: { kind: 'text', text },
      });
    // Fifty in ten seconds.
    for (let i = 0; i < 50; i++) expect(await send(a, `burst ${i}`), `send ${i}`).toMatchObject({ ok: true });
    const refused = await send(a, 'one too many');
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(refused.ok ? undefined : refused.error.retryAfterMs).toBeGreaterThan(0);
    // Only that sender is held back.
    expect(await send(b, 'my turn')).toMatchObject({ ok: true });
  });
});
