import type { AuthResult, TokenPair } from '@parley/shared';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { http, newUser, TestClient, uniqueName, until } from './support/client.js';
import { sendFile } from './support/files.js';
import { request } from './support/http.js';
import { CapturedLog, type LogEntry } from './support/logs.js';
import { tryConnect } from './support/raw.js';
import { startTestServer, type TestServer } from './support/server.js';
import { TusClient } from './support/tus.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];
afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of servers) await s.stop();
});

async function loggedServer(overrides: { rateLimits?: boolean } = {}) {
  const log = new CapturedLog();
  const t = await startTestServer({ logLevel: 'debug', ...overrides }, { logDestination: log });
  servers.push(t);
  return { t, log };
}

const isRpc = (e: LogEntry) => e.msg === 'rpc';

describe('request ids', () => {
  it('echoes a sane X-Request-Id, replaces a bad one, makes one when there is none, and logs the request under it', async () => {
    const { t, log } = await loggedServer();
    const given = await request(t.url, '/api/health', { headers: { 'x-request-id': 'lb-7f3a.01:x_y' } });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.01:x_y');
    await until(() => log.find((e) => e.reqId === 'lb-7f3a.01:x_y') !== undefined, 5_000, 'the request line');
    expect(log.find((e) => e.reqId === 'lb-7f3a.01:x_y')).toMatchObject({
      level: 'debug',
      msg: 'http request',
      method: 'GET',
      route: '/api/health',
      path: '/api/health',
      status: 200,
    });

    for (const bad of ['two words', 'x'.repeat(129), '{"json":1}']) {
      const res = await request(t.url, '/api/health', { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const none = await request(t.url, '/api/nope');
    const made = none.headers.get('x-request-id');
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    await until(() => log.find((e) => e.reqId === made) !== undefined, 5_000, 'the 404 line');
    // Labelled by route template, never by the raw path.
    expect(log.find((e) => e.reqId === made)).toMatchObject({ route: 'unmatched', status: 404 });
  });

  it('carries the id into what is logged deeper down, over HTTP and for each socket RPC', async () => {
    const { t, log } = await loggedServer({ rateLimits: true });
    // Eleven wrong tries at one account: the limiter refuses the last and logs it inside the request.
    const username = uniqueName();
    await http(t.url, '/api/auth/register', {
      body: { username, displayName: 'R', password: 'correct horse battery' },
    });
    for (let i = 0; i < 11; i++) {
      await request(t.url, '/api/auth/login', {
        headers: { 'content-type': 'application/json', 'x-request-id': `login-${i}` },
        body: JSON.stringify({ username, password: 'not the password' }),
      });
    }
    expect(log.find((e) => e.msg === 'rate limited')).toMatchObject({
      reqId: 'login-10',
      limit: 'loginPerAccount',
    });

    const sender = await newUser(t.url);
    clients.push(sender);
    const { conversation } = await sender.rpc('groups.create', { name: 'g', memberIds: [] });
    for (let i = 0; i < 51; i++) {
      await sender.call('messages.send', {
        conversationId: conversation.id,
        clientMsgId: randomUUID(),
        content: { kind: 'text', text: `m${i}` },
      });
    }
    const refused = () => log.find((e) => isRpc(e) && e.code === 'RATE_LIMITED');
    await until(() => refused() !== undefined, 5_000, 'the refused rpc line');
    expect(refused()).toMatchObject({ method: 'messages.send', userId: sender.userId, ok: false });
    expect(log.find((e) => e.msg === 'rate limited' && e.limit === 'sendsPerUser')?.reqId).toBe(
      refused()?.reqId,
    );
    const ids = log
      .entries()
      .filter(isRpc)
      .map((e) => e.reqId);
    expect(ids.length).toBeGreaterThanOrEqual(52);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('secrets in logs', () => {
  it('the redaction net censors passwords, tokens and authorization headers at any of three levels', () => {
    const log = new CapturedLog();
    createLogger('debug', log).debug('probe', {
      password: 'secret-1',
      body: { newPassword: 'secret-2', refreshToken: 'secret-3' },
      req: { headers: { authorization: 'Bearer secret-4' } },
      handshake: { auth: { token: 'secret-5' } },
      Authorization: 'Bearer secret-6',
      kept: 'visible',
    });
    expect(log.text()).not.toMatch(/secret-\d/);
    expect(log.entries()[0]).toMatchObject({ kept: 'visible', password: '[redacted]' });
  });

  it('none appears anywhere in a debug log of register, login, refresh, password change, socket auth and an upload', async () => {
    const { t, log } = await loggedServer();
    const secret = () => `s3cret-${randomUUID()}`;
    const firstPassword = secret();
    const secondPassword = secret();
    const wrongPassword = secret();
    const username = uniqueName();
    const secrets: string[] = [firstPassword, secondPassword, wrongPassword];

    const registered = await http<AuthResult>(t.url, '/api/auth/register', {
      body: { username, displayName: 'Secret Keeper', password: firstPassword },
    });
    expect(registered.status).toBe(201);
    const login = await http<AuthResult>(t.url, '/api/auth/login', {
      body: { username, password: firstPassword, deviceName: 'laptop' },
    });
    expect(login.status).toBe(200);
    expect(
      (await http(t.url, '/api/auth/login', { body: { username, password: wrongPassword } })).status,
    ).toBe(401);
    const refreshed = await http<TokenPair>(t.url, '/api/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    const bogusRefresh = secret();
    expect((await http(t.url, '/api/auth/refresh', { body: { refreshToken: bogusRefresh } })).status).toBe(
      401,
    );
    secrets.push(
      registered.body.accessToken,
      registered.body.refreshToken,
      login.body.accessToken,
      login.body.refreshToken,
      refreshed.body.accessToken,
      refreshed.body.refreshToken,
      bogusRefresh,
    );

    const token = refreshed.body.accessToken;
    expect(
      (
        await http(t.url, '/api/auth/password', {
          body: { currentPassword: firstPassword, newPassword: secondPassword },
          token,
        })
      ).status,
    ).toBe(204);
    expect((await http(t.url, '/api/me', { token })).status).toBe(200);
    const bogusBearer = secret();
    expect((await http(t.url, '/api/me', { token: bogusBearer })).status).toBe(401);
    secrets.push(bogusBearer);

    // Socket auth: one good handshake, one with a made-up token.
    const client = await new TestClient(t.url, { ...refreshed.body, user: registered.body.user }).connected();
    clients.push(client);
    const bogusSocketToken = secret();
    expect(await tryConnect(t.url, { token: bogusSocketToken })).toMatchObject({
      connected: false,
      code: 'TOKEN_INVALID',
    });
    secrets.push(bogusSocketToken);

    // An upload whose bytes hold a secret, with the token in every tus request, then a message with it.
    const { conversation } = await client.rpc('groups.create', { name: 'vault', memberIds: [] });
    const contentSecret = secret();
    const bytes = Buffer.concat([randomBytes(1000), Buffer.from(contentSecret), randomBytes(1000)]);
    const fileId = await new TusClient(t.url, token).upload(conversation.id, bytes, 'notes.bin');
    await sendFile(client, conversation.id, { kind: 'file', fileId: fileId as never });
    secrets.push(contentSecret);

    await until(() => log.entries().filter(isRpc).length >= 2, 5_000, 'the rpc lines');
    const text = log.text();
    // The log did record all of it...
    for (const route of [
      '/api/auth/register',
      '/api/auth/login',
      '/api/auth/refresh',
      '/api/auth/password',
    ]) {
      expect(
        log.find((e) => e.route === route),
        route,
      ).toBeDefined();
    }
    expect(log.find((e) => e.msg === 'socket connected')).toBeDefined();
    expect(log.find((e) => e.msg === 'socket refused')).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(log.find((e) => e.path === `/api/files/uploads/${fileId}` && e.method === 'PATCH')).toBeDefined();
    // ...and none of the secrets, nor a piece of one.
    for (const s of secrets) {
      expect(text.includes(s), `a secret of ${s.length} characters is in the log`).toBe(false);
      expect(text.includes(s.slice(-24)), 'the tail of a secret is in the log').toBe(false);
    }
    expect(text).not.toMatch(/Bearer /i);
  });
});
