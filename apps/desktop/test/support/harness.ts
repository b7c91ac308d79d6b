import { createServer, type ParleyServer, type ServerConfigInput, type ServerOptions } from '@parley/server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DesktopCore, type DesktopCoreOptions } from '../../src/core/desktop-core.js';
import { MemoryCredentialStore } from '../../src/core/sync/credentials.js';

export function tempDir(prefix = 'parley-desktop-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A real server on loopback with a temp SQLite file. */
export async function startServer(
  dataDir = tempDir('parley-server-'),
  port = 0,
  config: Partial<ServerConfigInput> = {},
  options: ServerOptions = {},
): Promise<ParleyServer> {
  return createServer(
    {
      dataDir,
      port,
      host: '127.0.0.1',
      logLevel: 'silent',
      rateLimits: false,
      passwordHashMemoryKiB: 1024,
      ...config,
    },
    options,
  );
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let n = 0;
export function uniqueName(prefix = 'u'): string {
  n += 1;
  return `${prefix}${n}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A desktop core with its own cache folder, optionally reusing one (an app restart). */
export function newCore(
  dataDir = tempDir(),
  credentials: DesktopCoreOptions['credentials'] = new MemoryCredentialStore(),
  options: Partial<DesktopCoreOptions> = {},
): DesktopCore {
  return new DesktopCore({
    dataDir,
    credentials,
    deviceName: 'test',
    reconnectDelayMs: 100,
    reconnectDelayMaxMs: 1000,
    ...options,
  });
}

export async function until(predicate: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Registers a fresh account on `url` and waits until the core is online. */
export async function signUp(core: DesktopCore, url: string, name = uniqueName()): Promise<string> {
  const me = await core.sync.register(url, {
    username: name,
    displayName: `Name ${name}`,
    password: 'correct horse battery',
  });
  await until(() => core.sync.connection === 'online', 15_000, 'online');
  await core.sync.settled();
  return me.id;
}

export async function befriend(a: DesktopCore, b: DesktopCore, bId: string): Promise<void> {
  const { request } = await a.sync.rpc('friends.request', { userId: bId });
  await b.sync.rpc('friends.accept', { requestId: request.id });
}

/**
 * Befriends `b` (whose user id is `bId`) from `a`, opens their direct conversation, and waits until
 * both caches have it. Returns its id.
 */
export async function directConversation(a: DesktopCore, b: DesktopCore, bId: string): Promise<string> {
  await befriend(a, b, bId);
  const { conversation } = await a.sync.rpc('conversations.openDirect', { userId: bId });
  await until(
    () =>
      a.store.conversations.get(conversation.id) !== undefined &&
      b.store.conversations.get(conversation.id) !== undefined,
    10_000,
    'the conversation at both',
  );
  return conversation.id;
}

/** Signs an existing account in on another core (another device) and waits until it is online. */
export async function signIn(core: DesktopCore, url: string, username: string): Promise<string> {
  const me = await core.sync.login(url, { username, password: 'correct horse battery' });
  await until(() => core.sync.connection === 'online', 15_000, 'online');
  await core.sync.settled();
  return me.id;
}

/** Like until(), for a check that needs to ask something. */
export async function untilAsync(
  predicate: () => Promise<boolean>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<void> {
  const start = Date.now();
  while (!(await predicate())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
