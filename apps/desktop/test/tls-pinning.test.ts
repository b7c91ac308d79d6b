import { issueCertificate, type ParleyServer } from '@parley/server';
import type { Message } from '@parley/shared';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { tusAttempt } from '../src/core/files/tus-upload.js';
import { dispatchIpc } from '../src/core/ipc/dispatch.js';
import { createIpcHandlers } from '../src/core/ipc/handlers.js';
import { FocusTracker } from '../src/core/focus.js';
import { SettingsStore } from '../src/core/settings/settings-store.js';
import { MemoryCredentialStore } from '../src/core/sync/credentials.js';
import { PIN_FILE } from '../src/core/tls/pin-store.js';
import { TlsRefusal } from '../src/core/tls/tls-refusal.js';
import { befriend, newCore, startServer, tempDir, uniqueName, until } from './support/harness.js';
import { type IpcCall, ipcOf, recordingShell } from './support/ipc.js';
import { TlsMitmProxy } from './support/tls-mitm-proxy.js';

/*
 * TLS on the LAN, desktop side: trust on first use of a self-signed server's key, the pin guarding
 * REST, Socket.IO, tus uploads and downloads, a changed key refused with nothing sent (checked by a
 * man in the middle that reads every byte it can decrypt), re-trust, and a CA-signed server trusted
 * without a question. Real servers over HTTPS on loopback, real cores.
 */

const PASSWORD = 'correct horse battery';
const TLS = { tls: { mode: 'self-signed' as const } };
const cores: DesktopCore[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function core(options: Parameters<typeof newCore>[2] = {}, dataDir?: string) {
  const credentials = new MemoryCredentialStore();
  const c = newCore(dataDir, credentials, options);
  cores.push(c);
  return { core: c, ipc: ipcOf(c), credentials };
}

async function tlsServer(dataDir = tempDir('parley-tls-server-'), port = 0): Promise<ParleyServer> {
  const server = await startServer(dataDir, port, TLS);
  cleanups.push(() => server.close());
  return server;
}

/** Checks the server, compares nothing (the test knows the key), trusts what it presents, and signs up. */
async function trustAndSignUp(ipc: IpcCall, c: DesktopCore, serverUrl: string, username = uniqueName()) {
  const check = await ipc('session.checkServer', { serverUrl });
  await ipc('tls.trust', { serverUrl, fingerprint: check.tls?.fingerprint ?? '' });
  const { me } = await ipc('session.register', {
    serverUrl,
    username,
    displayName: username,
    password: PASSWORD,
  });
  await until(() => c.sync.connection === 'online', 15_000, 'online');
  return { me, username };
}

describe('trust on first use', () => {
  it('asks first: the check shows the key, nothing signs in until it is trusted, then everything works over HTTPS', async () => {
    const server = await tlsServer();
    const fingerprint = server.tls?.fingerprint ?? '';
    const aDir = tempDir();
    const a = core({}, aDir);

    const check = await a.ipc('session.checkServer', { serverUrl: server.url });
    expect(check).toMatchObject({
      serverUrl: server.url,
      name: 'Parley',
      tls: { fingerprint, trusted: false, caTrusted: false, pinned: null },
    });

    // Not trusted yet: refused with the key to compare, and the renderer gets both as data.
    const username = uniqueName('a');
    const register = { serverUrl: server.url, username, displayName: 'A', password: PASSWORD };
    await expect(a.ipc('session.register', register)).rejects.toMatchObject({
      code: 'TLS_UNTRUSTED',
      fingerprint,
      pinned: null,
    });
    const handlers = createIpcHandlers({
      core: a.core,
      settings: new SettingsStore(join(tempDir(), 'settings.json')),
      focus: new FocusTracker(() => undefined),
      shell: recordingShell(),
    });
    const login = { serverUrl: server.url, username, password: PASSWORD };
    expect(await dispatchIpc('session.login', handlers, login)).toMatchObject({
      ok: false,
      error: { code: 'TLS_UNTRUSTED', tls: { fingerprint, pinned: null } },
    });
    expect(a.core.sync.connection).toBe('signed-out');

    // Trusted (as typed by a person: upper case, in groups): pinned in the core's data.
    const grouped = (fingerprint.toUpperCase().match(/.{4}/g) ?? []).join(' ');
    await a.ipc('tls.trust', { serverUrl: `${server.url}/`, fingerprint: grouped });
    const pins = JSON.parse(readFileSync(join(aDir, PIN_FILE), 'utf8')) as unknown;
    expect(pins).toEqual({ pins: { [server.url]: fingerprint } });
    expect((await a.ipc('session.checkServer', { serverUrl: server.url })).tls).toEqual({
      fingerprint,
      trusted: true,
      caTrusted: false,
      pinned: fingerprint,
    });

    // REST and Socket.IO over HTTPS.
    const { me } = await a.ipc('session.register', register);
    await until(() => a.core.sync.connection === 'online', 15_000, 'a online');

    const b = core();
    const { me: bMe } = await trustAndSignUp(b.ipc, b.core, server.url);
    await befriend(a.core, b.core, bMe.id);
    const { conversation } = await a.core.sync.rpc('conversations.openDirect', { userId: bMe.id });
    await until(
      () => b.core.store.conversations.get(conversation.id) !== undefined,
      15_000,
      'conversation at b',
    );
    await a.ipc('messages.sendText', { conversationId: conversation.id, text: 'over TLS' });
    await until(
      () => b.core.store.messages.allOf(conversation.id).some((m) => m.content?.kind === 'text'),
      15_000,
      'the text at b',
    );

    // A tus upload and a download over HTTPS.
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const path = join(tempDir('parley-tls-file-'), 'report.bin');
    writeFileSync(path, bytes);
    await a.ipc('files.send', {
      conversationId: conversation.id,
      items: [{ source: { kind: 'path', path } }],
    });
    let message: Message | undefined;
    await until(
      () =>
        (message = b.core.store.messages.allOf(conversation.id).find((m) => m.content?.kind === 'file')) !==
        undefined,
      30_000,
      'the file at b',
    );
    await b.ipc('files.download', { conversationId: conversation.id, messageId: message?.id ?? '' });
    const sha256 = message?.content?.kind === 'file' ? message.content.file.sha256 : '';
    expect(readFileSync(b.core.files.cache.blob(sha256)).equals(bytes)).toBe(true);
    expect(me.username).toBe(username);

    // The pin outlives the app: a restarted core on the same data trusts the server at once.
    a.core.close();
    cores.splice(cores.indexOf(a.core), 1);
    const again = core({}, aDir);
    expect((await again.ipc('session.checkServer', { serverUrl: server.url })).tls?.trusted).toBe(true);
  });

  it('answers an http:// address of a server that speaks only HTTPS for its https:// address', async () => {
    const server = await tlsServer();
    const a = core();
    const typed = server.url.replace('https:', 'http:');
    expect(await a.ipc('session.checkServer', { serverUrl: typed })).toMatchObject({
      serverUrl: server.url,
      tls: { fingerprint: server.tls?.fingerprint, trusted: false },
    });
    // Nothing answers at all: still "unreachable".
    await server.close();
    await expect(a.ipc('session.checkServer', { serverUrl: typed })).rejects.toMatchObject({
      code: 'NETWORK',
    });
  });

  it('marks plain HTTP as having no key at all', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const a = core();
    expect(await a.ipc('session.checkServer', { serverUrl: server.url })).toMatchObject({ tls: null });
    await expect(a.ipc('tls.trust', { serverUrl: server.url, fingerprint: 'ab'.repeat(32) })).rejects.toThrow(
      /https/,
    );
  });
});

describe('a changed key', () => {
  it('is refused after the server restarts with a new key; the session stays, and re-trusting brings it back', async () => {
    const dataDir = tempDir('parley-tls-server-');
    const first = await tlsServer(dataDir);
    const before = first.tls?.fingerprint ?? '';
    const a = core();
    await trustAndSignUp(a.ipc, a.core, first.url);
    const states: string[] = [];
    a.core.on('connection', (state) => states.push(state));

    await first.close();
    rmSync(join(dataDir, 'tls'), { recursive: true });
    const second = await tlsServer(dataDir, first.port);
    const after = second.tls?.fingerprint ?? '';
    expect(after).not.toBe(before);

    await until(() => a.core.sync.connection === 'untrusted', 15_000, 'untrusted');
    expect(states).toContain('untrusted');
    expect(a.core.sync.tlsRefusal).toMatchObject({
      code: 'TLS_KEY_CHANGED',
      fingerprint: after,
      pinned: before,
    });
    // A token refresh meanwhile is refused too, and does not end the session.
    await expect(a.core.sync.tokenRefused()).rejects.toBeInstanceOf(TlsRefusal);
    expect(await a.credentials.load()).not.toBeNull();
    expect(a.core.sync.connection).toBe('untrusted');
    expect((await a.ipc('session.checkServer', { serverUrl: second.url })).tls).toEqual({
      fingerprint: after,
      trusted: false,
      caTrusted: false,
      pinned: before,
    });

    // The user compared the new key and trusts it: the link comes back by itself, same session.
    await a.ipc('tls.trust', { serverUrl: second.url, fingerprint: after });
    await until(() => a.core.sync.connection === 'online', 15_000, 'online again');
    expect(a.core.sync.tlsRefusal).toBeNull();
    await expect(a.core.sync.rpc('sync.heads', {})).resolves.toBeDefined();
    await a.core.sync.tokenRefused();
  });

  it('lets a man in the middle read nothing: no Authorization header, token or password in any byte it decrypts', async () => {
    const server = await tlsServer();
    const proxy = await TlsMitmProxy.start({ host: '127.0.0.1', port: server.port });
    cleanups.push(() => proxy.close());

    // First contact through the proxy while it only relays: the real server's key is pinned.
    const a = core();
    const { username } = await trustAndSignUp(a.ipc, a.core, proxy.url, uniqueName('a'));
    expect(a.core.tls.pins.get(proxy.url)).toBe(server.tls?.fingerprint);
    const b = core();
    const { me: bMe } = await trustAndSignUp(b.ipc, b.core, server.url);
    await befriend(a.core, b.core, bMe.id);
    const { conversation } = await b.core.sync.rpc('conversations.openDirect', {
      userId: a.core.sync.me as never,
    });
    await until(
      () => b.core.store.conversations.get(conversation.id) !== undefined,
      15_000,
      'conversation at b',
    );
    const path = join(tempDir('parley-tls-file-'), 'notes.bin');
    writeFileSync(path, randomBytes(200_000));
    await b.ipc('files.send', {
      conversationId: conversation.id,
      items: [{ source: { kind: 'path', path } }],
    });
    let message: Message | undefined;
    await until(
      () =>
        (message = a.core.store.messages.allOf(conversation.id).find((m) => m.content?.kind === 'file')) !==
        undefined,
      30_000,
      'the file at a',
    );
    const accessToken = await a.core.sync.bearer();
    const refreshToken = (await a.credentials.load()) ?? '';
    expect(accessToken.length).toBeGreaterThan(20);

    // Now the proxy answers with its own key.
    proxy.mode = 'intercept';
    proxy.dropAll();
    await until(() => a.core.sync.connection === 'untrusted', 15_000, 'untrusted');
    expect(a.core.sync.tlsRefusal).toMatchObject({
      code: 'TLS_KEY_CHANGED',
      fingerprint: proxy.fingerprint,
      pinned: server.tls?.fingerprint,
    });

    // Everything the core would send goes to the proxy, and each is refused after the handshake.
    await expect(a.core.sync.tokenRefused()).rejects.toBeInstanceOf(TlsRefusal);
    await expect(
      a.ipc('session.login', { serverUrl: proxy.url, username, password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'TLS_KEY_CHANGED', fingerprint: proxy.fingerprint });
    await expect(
      a.ipc('files.download', { conversationId: conversation.id, messageId: message?.id ?? '' }),
    ).rejects.toMatchObject({ code: 'NETWORK' });
    const upload = tusAttempt({
      endpoint: `${proxy.url}/api/files/uploads`,
      uploadUrl: null,
      path,
      size: 200_000,
      stamp: null,
      displayName: 'notes.bin',
      metadata: { conversationId: conversation.id, name: 'notes.bin', type: 'application/octet-stream' },
      bearer: () => Promise.resolve(accessToken),
      agent: a.core.tls.agent,
      onUrl: () => undefined,
      onConfirmed: () => undefined,
      onProgress: () => undefined,
    });
    await expect(upload.done).rejects.toMatchObject({ status: null });
    // Socket.IO keeps trying (the pinned key may come back), and is refused each time.
    const intercepted = proxy.intercepted;
    await until(() => proxy.intercepted >= intercepted + 2, 15_000, 'the socket trying again');
    expect(a.core.sync.connection).toBe('untrusted');

    const seen = proxy.received();
    const text = seen.toString('latin1');
    expect(proxy.intercepted).toBeGreaterThan(4);
    expect(text.toLowerCase()).not.toContain('authorization');
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(refreshToken);
    expect(text).not.toContain(PASSWORD);
    // Not a request line, not a byte.
    expect(seen.length).toBe(0);

    // The proxy is a working man in the middle: a device that trusted its key would hand it all.
    const fooled = core();
    await fooled.ipc('tls.trust', { serverUrl: proxy.url, fingerprint: proxy.fingerprint });
    await fooled.ipc('session.login', { serverUrl: proxy.url, username, password: PASSWORD });
    expect(proxy.received().toString('latin1')).toContain(PASSWORD);
    fooled.core.close();
    cores.splice(cores.indexOf(fooled.core), 1);

    // The real server's key is back: the link returns without the user doing anything.
    proxy.mode = 'pass';
    proxy.dropAll();
    await until(() => a.core.sync.connection === 'online', 20_000, 'online again');
    expect(await a.credentials.load()).not.toBeNull();
  });
});

describe('a certificate from a certificate authority', () => {
  it('is trusted without a question when the CA is trusted, and needs a pin when it is not (or names another host)', async () => {
    const ca = await issueCertificate({ commonName: 'Parley Test CA', validDays: 30, isCa: true });
    const dir = tempDir('parley-tls-ca-');
    const files = async (names: { ipAddresses?: string[]; dnsNames?: string[] }) => {
      const leaf = await issueCertificate({ commonName: 'parley', validDays: 30, issuer: ca, ...names });
      const id = randomBytes(4).toString('hex');
      const certFile = join(dir, `${id}.crt`);
      const keyFile = join(dir, `${id}.key`);
      writeFileSync(certFile, leaf.certificatePem);
      writeFileSync(keyFile, leaf.keyPem);
      return { certFile, keyFile };
    };
    const start = async (names: { ipAddresses?: string[]; dnsNames?: string[] }) => {
      const server = await startServer(undefined, 0, { tls: { mode: 'provided', ...(await files(names)) } });
      cleanups.push(() => server.close());
      return server;
    };

    const server = await start({ ipAddresses: ['127.0.0.1'] });
    const trusting = core({ tls: { extraCa: [ca.certificatePem] } });
    expect((await trusting.ipc('session.checkServer', { serverUrl: server.url })).tls).toEqual({
      fingerprint: server.tls?.fingerprint,
      trusted: true,
      caTrusted: true,
      pinned: null,
    });
    const username = uniqueName();
    await trusting.ipc('session.register', {
      serverUrl: server.url,
      username,
      displayName: username,
      password: PASSWORD,
    });
    await until(() => trusting.core.sync.connection === 'online', 15_000, 'online');
    expect(trusting.core.tls.pins.get(server.url)).toBeNull();

    // This computer does not know the CA: like any other unknown key.
    const stranger = core();
    expect((await stranger.ipc('session.checkServer', { serverUrl: server.url })).tls).toMatchObject({
      trusted: false,
      caTrusted: false,
    });
    // The CA signed it for another name than the one dialled: not vouched for here.
    const elsewhere = await start({ dnsNames: ['chat.example.org'] });
    const checked = await trusting.ipc('session.checkServer', { serverUrl: elsewhere.url });
    expect(checked.tls).toMatchObject({ trusted: false, caTrusted: false });
    await expect(
      trusting.ipc('session.login', { serverUrl: elsewhere.url, username, password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'TLS_UNTRUSTED' });
  });
});

describe('a server found on the LAN', () => {
  it('is listed with tls and the fingerprint it announces, reachable over HTTPS before anyone trusts it', async () => {
    const server = await startServer(undefined, 0, { ...TLS, host: '0.0.0.0', announce: true });
    cleanups.push(() => server.close());
    const a = core();
    a.core.discovery.start();
    await until(
      () => a.core.discovery.list().some((s) => s.id === server.serverId && s.reachable !== null),
      20_000,
      'the server listed and checked',
    );
    const found = a.core.discovery.list().find((s) => s.id === server.serverId);
    expect(found).toMatchObject({ tls: true, fingerprint: server.tls?.fingerprint, reachable: true });
    expect(found?.url).toMatch(/^https:\/\//);
    // Listed is not trusted.
    expect(a.core.tls.pins.get(found?.url ?? '')).toBeNull();
    expect((await a.ipc('session.checkServer', { serverUrl: found?.url ?? '' })).tls?.trusted).toBe(false);
  });
});
