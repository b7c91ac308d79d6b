import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { DesktopCore } from '../src/core/desktop-core.js';
import { ApiClient } from '../src/core/sync/api-client.js';
import { MemoryCredentialStore } from '../src/core/sync/credentials.js';
import { call, type CoreSocket } from '../src/core/sync/socket-rpc.js';
import { messageText, random } from './data.js';
import type { BenchOptions } from './options.js';

export interface CatchUpRun {
  messages: number;
  sendSeconds: number;
  catchUpSeconds: number;
}

async function until(what: string, predicate: () => boolean, timeoutMs = 600_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A Parley server in a child process; resolves to its URL and a way to stop it. */
export async function startServer(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = fork(fileURLToPath(new URL('server-host.ts', import.meta.url)), [dataDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() => {
      throw new Error('the server process exited before it was listening');
    }),
  ])) as [{ url: string }];
  return {
    url: message.url,
    stop: async () => {
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
    },
  };
}

/** Sends `count` texts into the conversation, `concurrency` in flight; returns the last seq. */
async function flood(socket: CoreSocket, conversationId: string, count: number, concurrency: number) {
  const rnd = random(11);
  let next = 0;
  let head = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const ack = await call(socket, 'messages.send', {
        conversationId,
        clientMsgId: randomUUID(),
        content: { kind: 'text', text: messageText(rnd) },
      });
      head = Math.max(head, ack.seq);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return head;
}

/**
 * A desktop signed in to a real server goes offline while another account sends `catchUp`
 * messages to it; then it comes back, and we time until its cache holds them all.
 */
export async function catchUp(options: BenchOptions, dir: string): Promise<CatchUpRun> {
  mkdirSync(dir, { recursive: true });
  const server = await startServer(join(dir, 'server'));
  const core = new DesktopCore({
    dataDir: join(dir, 'desktop'),
    credentials: new MemoryCredentialStore(),
    deviceName: 'bench',
  });
  let socket: CoreSocket | undefined;
  try {
    const password = 'correct horse battery';
    await core.sync.register(server.url, { username: 'reader', displayName: 'Reader', password });
    await until('the desktop online', () => core.sync.connection === 'online');
    const writer = await new ApiClient(server.url).register({
      username: 'writer',
      displayName: 'Writer',
      password,
      deviceName: 'bench',
    });
    const s: CoreSocket = io(server.url, {
      auth: { token: writer.accessToken },
      transports: ['websocket'],
      reconnection: false,
    });
    socket = s;
    await new Promise<void>((resolve, reject) => {
      s.once('connect', resolve);
      s.once('connect_error', reject);
    });

    const { request } = await core.sync.rpc('friends.request', { userId: writer.user.id });
    await call(s, 'friends.accept', { requestId: request.id });
    const { conversation } = await call(s, 'conversations.openDirect', { userId: core.sync.me ?? '' });
    await until(
      'the conversation at the desktop',
      () => core.store.conversations.get(conversation.id) !== undefined,
    );
    await core.sync.settled();

    core.sync.pauseNetwork();
    const sendStart = performance.now();
    const head = await flood(s, conversation.id, options.catchUp, options.concurrency);
    const sendSeconds = (performance.now() - sendStart) / 1000;

    const start = performance.now();
    core.sync.resumeNetwork();
    await until(
      'the catch-up',
      () => (core.store.conversations.get(conversation.id)?.synced_seq ?? 0) >= head,
    );
    await core.sync.settled();
    const catchUpSeconds = (performance.now() - start) / 1000;

    const cached = core.store.messages.allOf(conversation.id).length;
    if (cached < options.catchUp)
      throw new Error(`only ${cached} of ${options.catchUp} messages were cached`);
    return { messages: options.catchUp, sendSeconds, catchUpSeconds };
  } finally {
    socket?.disconnect();
    core.close();
    await server.stop();
  }
}
