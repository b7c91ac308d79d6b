import type { ParleyServer } from '@parley/server';
import type { Message, Transfer } from '@parley/shared';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
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
import { FileCredentialStore } from './support/file-credentials.js';
import { ipcOf, recordingShell } from './support/ipc.js';
import { LossyProxy } from './support/lossy-proxy.js';

/*
 * The test 4 on the desktop side: downloads into the content-addressed cache resume with
 * Range after a cut, check the SHA-256 at the end (a bad partial is dropped), and feed Save as,
 * Open and Show in folder. The receivers reach the server through a proxy that cuts, stalls and
 * corrupts.
 */

const MiB = 1024 * 1024;
let server: ParleyServer;
let proxy: LossyProxy;
let a: DesktopCore;
let b: DesktopCore;
let bName: string;
let d: string;
const cores: DesktopCore[] = [];
const bytes = randomBytes(24 * MiB);
const sha256 = createHash('sha256').update(bytes).digest('hex');
let message: Message;
const ref = () => ({ conversationId: d, messageId: message.id });

/** Another device of B's account with an empty cache, through the proxy. */
async function freshB(): Promise<DesktopCore> {
  const core = newCore();
  cores.push(core);
  await signIn(core, proxy.url, bName);
  await until(
    () => core.store.messages.get(message.id) !== undefined,
    15_000,
    'the message on the new device',
  );
  return core;
}

function watch(core: DesktopCore): Transfer[] {
  const seen: Transfer[] = [];
  core.on('transfers', (ts) => seen.push(...ts));
  return seen;
}

beforeAll(async () => {
  server = await startServer();
  proxy = await LossyProxy.start({ host: '127.0.0.1', port: server.port });
  a = newCore();
  b = newCore();
  bName = uniqueName('b');
  await signUp(a, server.url);
  const bId = await signUp(b, proxy.url, bName);
  await befriend(a, b, bId);
  const { conversation } = await a.sync.rpc('conversations.openDirect', { userId: bId });
  d = conversation.id;
  await until(() => a.store.conversations.get(d) !== undefined, 10_000, 'conversation at a');
  const path = join(tempDir('parley-download-'), 'dataset 数据.bin');
  writeFileSync(path, bytes);
  await a.files.send({ conversationId: d as never, items: [{ source: { kind: 'path', path } }] });
  await until(
    () => b.store.messages.allOf(d).some((m) => m.content?.kind === 'file'),
    30_000,
    'the file at b',
  );
  message = b.store.messages.allOf(d).find((m) => m.content?.kind === 'file')!;
});
afterEach(() => {
  proxy.corruptBodies = false;
  proxy.release();
  for (const c of cores.splice(0)) c.close();
});
afterAll(async () => {
  a.close();
  b.close();
  await proxy.close();
  await server.close();
});

describe('downloads', () => {
  it('go on from where a cut left them (Range), and land whole in the cache', async () => {
    const seen = watch(b);
    const before = proxy.bytesDown;
    proxy.cutAtBytesDown = before + 10 * MiB;
    await ipcOf(b)('files.download', ref());
    expect(proxy.cutAtBytesDown).toBeNull();
    const blob = b.files.cache.blob(sha256);
    expect(readFileSync(blob).equals(bytes)).toBe(true);
    expect(existsSync(b.files.cache.part(sha256))).toBe(false);
    // The bytes came once: the second request asked only for the rest.
    const received = proxy.bytesDown - before;
    console.info(
      `[files-download] 24 MiB with a cut at 10 MiB: ${(received / MiB).toFixed(2)} MiB came down`,
    );
    expect(received).toBeLessThan(bytes.length + MiB);
    const states = seen.filter((t) => t.direction === 'download').map((t) => t.state);
    expect(states[0]).toBe('active');
    expect(states.at(-1)).toBe('done');
    // Cached now: asking again costs nothing.
    const again = proxy.bytesDown;
    await ipcOf(b)('files.download', ref());
    expect(proxy.bytesDown - again).toBeLessThan(64 * 1024);
  });

  it('say which files are in the cache, after a restart too', async () => {
    const dir = tempDir();
    const credentials = new FileCredentialStore(join(dir, 'refresh-token'));
    let device = newCore(dir, credentials);
    cores.push(device);
    await signIn(device, proxy.url, bName);
    await until(() => device.store.messages.get(message.id) !== undefined, 15_000, 'the message');
    const textRef = {
      conversationId: d,
      messageId: (
        await a.sync.rpc('messages.send', {
          conversationId: d,
          clientMsgId: randomUUID(),
          content: { kind: 'text', text: 'not a file' },
        })
      ).id,
    };
    await until(() => device.store.messages.get(textRef.messageId) !== undefined, 15_000, 'the text');
    const asked = { files: [ref(), textRef, { conversationId: d, messageId: randomUUID() }] };
    expect(await ipcOf(device)('files.downloaded', asked)).toEqual({ downloaded: [] });

    await ipcOf(device)('files.download', ref());
    const fileId = message.content?.kind === 'file' ? message.content.file.id : '';
    expect(await ipcOf(device)('files.downloaded', asked)).toEqual({ downloaded: [fileId] });

    // Started again on the same profile, offline: it still knows.
    device.close();
    device = newCore(dir, credentials);
    cores.push(device);
    expect(await ipcOf(device)('files.downloaded', asked)).toEqual({ downloaded: [fileId] });
  });

  it('drop a partial whose bytes do not add up to the SHA-256, and fetch the file whole', async () => {
    const other = await freshB();
    const part = other.files.cache.part(sha256);
    mkdirSync(dirname(part), { recursive: true });
    writeFileSync(part, Buffer.alloc(5 * MiB, 0x42));
    const before = proxy.bytesDown;
    await ipcOf(other)('files.download', ref());
    expect(readFileSync(other.files.cache.blob(sha256)).equals(bytes)).toBe(true);
    // The rest after the bad partial, then the whole file again.
    expect(proxy.bytesDown - before).toBeGreaterThan(2 * bytes.length - 5 * MiB - MiB);
  });

  it('report CHECKSUM_MISMATCH and keep nothing when the bytes keep arriving wrong; resume once they do not', async () => {
    const other = await freshB();
    const seen = watch(other);
    proxy.corruptBodies = true;
    await expect(ipcOf(other)('files.download', ref())).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });
    expect(existsSync(other.files.cache.part(sha256))).toBe(false);
    expect(existsSync(other.files.cache.blob(sha256))).toBe(false);
    const id = `download:${message.content?.kind === 'file' ? message.content.file.id : ''}`;
    expect(seen.filter((t) => t.id === id).at(-1)).toMatchObject({
      state: 'failed',
      error: { code: 'CHECKSUM_MISMATCH' },
    });
    expect((await ipcOf(other)('transfers.list', {})).transfers).toEqual([
      expect.objectContaining({ id, state: 'failed', direction: 'download' }),
    ]);

    proxy.corruptBodies = false;
    await ipcOf(other)('transfers.resume', { id });
    await until(() => seen.at(-1)?.state === 'done', 30_000, 'downloaded');
    expect(readFileSync(other.files.cache.blob(sha256)).equals(bytes)).toBe(true);
    expect((await ipcOf(other)('transfers.list', {})).transfers).toEqual([]);
  });

  it('pause keeps the partial, cancel drops it', async () => {
    const other = await freshB();
    const id = `download:${message.content?.kind === 'file' ? message.content.file.id : ''}`;
    proxy.stallAtBytesDown = proxy.bytesDown + 4 * MiB;
    const downloading = ipcOf(other)('files.download', ref());
    await until(() => proxy.isStalled, 15_000, 'stalled');
    await ipcOf(other)('transfers.pause', { id });
    await downloading;
    proxy.release();
    const listed = (await ipcOf(other)('transfers.list', {})).transfers;
    expect(listed).toEqual([expect.objectContaining({ id, state: 'paused' })]);
    expect(listed[0]!.bytesDone).toBeGreaterThan(0);
    expect(existsSync(other.files.cache.part(sha256))).toBe(true);

    // Resumed and paused again: the second pause stops the second request too.
    proxy.stallAtBytesDown = proxy.bytesDown + MiB;
    await ipcOf(other)('transfers.resume', { id });
    await until(() => proxy.isStalled, 15_000, 'stalled again');
    await ipcOf(other)('transfers.pause', { id });
    proxy.release();
    await other.sync.settled();
    expect((await ipcOf(other)('transfers.list', {})).transfers).toEqual([
      expect.objectContaining({ id, state: 'paused' }),
    ]);
    expect(existsSync(other.files.cache.blob(sha256))).toBe(false);

    await ipcOf(other)('transfers.cancel', { id });
    expect(existsSync(other.files.cache.part(sha256))).toBe(false);
    expect((await ipcOf(other)('transfers.list', {})).transfers).toEqual([]);
  });

  it('save as, open and show in folder, downloading first when needed', async () => {
    const other = await freshB();
    const shell = recordingShell();
    const ipc = ipcOf(other, shell);
    const target = join(tempDir('parley-save-'), 'chosen', 'copy.bin');
    shell.saveAs = target;
    expect(await ipc('files.saveAs', ref())).toEqual({ path: target });
    expect(shell.saveDialogs).toEqual(['dataset 数据.bin']);
    expect(readFileSync(target).equals(bytes)).toBe(true);
    shell.saveAs = null;
    expect(await ipc('files.saveAs', ref())).toEqual({ path: null });

    await ipc('files.open', ref());
    await ipc('files.showInFolder', ref());
    expect(shell.openedPaths).toHaveLength(1);
    expect(shell.openedPaths[0]!.endsWith('dataset 数据.bin')).toBe(true);
    expect(readFileSync(shell.openedPaths[0]!).equals(bytes)).toBe(true);
    expect(shell.shownInFolder).toEqual(shell.openedPaths);

    await expect(
      ipc('files.open', { conversationId: d, messageId: crypto.randomUUID() }),
    ).rejects.toMatchObject({
      code: 'MESSAGE_NOT_FOUND',
    });
    const text = a.sendText(d, 'no file here');
    await until(
      () => other.store.messages.allOf(d).some((m) => m.clientMsgId === text.clientMsgId),
      15_000,
      'text',
    );
    const textMessage = other.store.messages.allOf(d).find((m) => m.clientMsgId === text.clientMsgId)!;
    await expect(
      ipc('files.download', { conversationId: d, messageId: textMessage.id }),
    ).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });
});
