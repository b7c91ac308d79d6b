import type { ParleyServer } from '@parley/server';
import type { Message, Transfer } from '@parley/shared';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { CHUNK_SIZE } from '../src/core/files/tus-upload.js';
import { FileCredentialStore } from './support/file-credentials.js';
import { directConversation, newCore, signUp, startServer, tempDir, until } from './support/harness.js';
import { ipcOf } from './support/ipc.js';
import { LossyProxy } from './support/lossy-proxy.js';

/*
 * The test 3: pause, resume and cancel of uploads, Discard ending the upload on the server,
 * and a quota refusal that fails the message with the server's code until the file fits.
 */

const MiB = 1024 * 1024;
const QUOTA = 48 * MiB;

let server: ParleyServer;
let proxy: LossyProxy;
let aDir: string;
let credentials: FileCredentialStore;
let a: DesktopCore;
let b: DesktopCore;
let d: string;
const files = tempDir('parley-transfers-');
let n = 0;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
function fileOf(bytes: Uint8Array): string {
  const path = join(files, `file-${++n}.bin`);
  writeFileSync(path, bytes);
  return path;
}

/** Every transfer event A raises, from now on. */
function watch(core: DesktopCore): Transfer[] {
  const seen: Transfer[] = [];
  core.on('transfers', (ts) => seen.push(...ts));
  return seen;
}

const messagesAt = (core: DesktopCore) =>
  core.store.messages.allOf(d).filter((m): m is Message => m.content !== null && m.content.kind !== 'text');

/** The upload URL the server created for an entry, once there is one. */
async function uploadUrlOf(core: DesktopCore, clientMsgId: string): Promise<string> {
  await until(() => !!core.store.uploads.get(clientMsgId)?.uploadUrl, 15_000, 'upload created');
  return core.store.uploads.get(clientMsgId)!.uploadUrl!;
}

/** Asks the server, as A, how far an upload got: its offset, or the HTTP status when it is gone. */
async function serverOffset(core: DesktopCore, url: string): Promise<number | { status: number }> {
  const res = await fetch(url.replace(proxy.url, server.url), {
    method: 'HEAD',
    headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${await core.sync.bearer()}` },
  });
  return res.ok ? Number(res.headers.get('upload-offset')) : { status: res.status };
}

beforeAll(async () => {
  server = await startServer(undefined, 0, { userQuotaBytes: QUOTA });
  // A reaches the server through a link the test can stall and cut.
  proxy = await LossyProxy.start({ host: '127.0.0.1', port: server.port });
  aDir = tempDir();
  credentials = new FileCredentialStore(join(aDir, 'refresh-token'));
  a = newCore(aDir, credentials);
  b = newCore();
  await signUp(a, proxy.url);
  const bId = await signUp(b, server.url);
  d = await directConversation(a, b, bId);
});
afterEach(() => {
  proxy.release();
});
afterAll(async () => {
  a.close();
  b.close();
  await proxy.close();
  await server.close();
});

describe('upload transfers', () => {
  it('pause stops an upload where it is, across a restart; resume goes on from the server offset', async () => {
    const bytes = randomBytes(24 * MiB);
    const seen = watch(a);
    const upBefore = proxy.bytesUp;
    proxy.stallAtBytesUp = proxy.bytesUp + 10 * MiB;
    const [entry] = (
      await ipcOf(a)('files.send', {
        conversationId: d,
        items: [{ source: { kind: 'path', path: fileOf(bytes) } }],
      })
    ).entries;
    const id = entry!.clientMsgId;
    const url = await uploadUrlOf(a, id);
    await until(() => proxy.isStalled, 15_000, 'the link stalls mid-upload');
    await ipcOf(a)('transfers.pause', { id });
    expect(seen.filter((t) => t.id === id).at(-1)).toMatchObject({ state: 'paused', direction: 'upload' });
    proxy.release();

    // The server holds part of it; nothing was sent as a message.
    const held = await serverOffset(a, url);
    expect(typeof held === 'number' && held > 0 && held < bytes.length).toBe(true);
    expect(messagesAt(b)).toEqual([]);

    // Restarted, the app keeps it paused.
    a.close();
    a = newCore(aDir, credentials);
    expect(await a.start()).toBe(true);
    await until(() => a.sync.connection === 'online', 15_000, 'a online again');
    await a.sync.settled();
    const { transfers } = await ipcOf(a)('transfers.list', {});
    expect(transfers).toEqual([expect.objectContaining({ id, state: 'paused', size: bytes.length })]);
    // Progress shows what the server confirmed (it may hold a little more of the chunk cut short).
    expect(transfers[0]!.bytesDone).toBeGreaterThan(0);
    expect(transfers[0]!.bytesDone).toBeLessThanOrEqual(held as number);
    expect(await serverOffset(a, url)).toBe(held);

    await ipcOf(a)('transfers.resume', { id });
    await until(() => messagesAt(b).length === 1, 30_000, 'the message at b');
    expect(messagesAt(b)[0]!.content).toMatchObject({
      kind: 'file',
      file: { size: bytes.length, sha256: sha(bytes) },
    });
    // Resumed, not started over: the file went up once, plus at most the chunk in flight at the pause.
    expect(proxy.bytesUp - upBefore).toBeLessThanOrEqual(bytes.length + CHUNK_SIZE + MiB);
  });

  it('Discard and cancel stop an upload, end it on the server and drop the local copy', async () => {
    const seen = watch(a);
    proxy.stallAtBytesUp = proxy.bytesUp + 2 * MiB;
    const { entries } = await ipcOf(a)('files.send', {
      conversationId: d,
      items: [
        {
          source: {
            kind: 'bytes',
            name: 'recording.bin',
            type: 'application/octet-stream',
            data: randomBytes(16 * MiB),
          },
        },
        { source: { kind: 'path', path: fileOf(randomBytes(6 * MiB)) } },
      ],
    });
    const [first, second] = entries.map((e) => e.clientMsgId) as [string, string];
    const firstUrl = await uploadUrlOf(a, first);
    await until(() => proxy.isStalled, 15_000, 'stalled');
    const copy = a.files.cache.outgoing(first);
    expect(existsSync(copy)).toBe(true);

    // Discard while its bytes are on the way (the DELETE goes out once the link moves again).
    const discarding = ipcOf(a)('messages.discard', { clientMsgId: first });
    proxy.release();
    await discarding;
    expect(a.store.outbox.get(first)).toBeUndefined();
    expect(existsSync(copy)).toBe(false);
    expect(seen.filter((t) => t.id === first).at(-1)?.state).toBe('cancelled');
    expect(await serverOffset(a, firstUrl)).toEqual({ status: 404 });

    const secondUrl = await uploadUrlOf(a, second);
    await ipcOf(a)('transfers.cancel', { id: second });
    expect(a.store.outbox.get(second)).toBeUndefined();
    expect((await ipcOf(a)('transfers.list', {})).transfers).toEqual([]);
    expect(await serverOffset(a, secondUrl)).toEqual({ status: 404 });
    await expect(ipcOf(a)('transfers.cancel', { id: second })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await a.sync.settled();
    expect(messagesAt(b)).toHaveLength(1);
  });

  it('a quota refusal fails the message with QUOTA_EXCEEDED; Retry stays failed until the file fits', async () => {
    const seen = watch(a);
    const path = join(files, 'too-big.bin');
    writeFileSync(path, '');
    truncateSync(path, QUOTA + MiB);
    const [entry] = (
      await ipcOf(a)('files.send', { conversationId: d, items: [{ source: { kind: 'path', path } }] })
    ).entries;
    const id = entry!.clientMsgId;
    const failed = () => a.store.outbox.get(id)?.state === 'failed';
    await until(failed, 30_000, 'refused');
    expect(a.store.outbox.get(id)?.error).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(seen.filter((t) => t.id === id).at(-1)).toMatchObject({
      state: 'failed',
      error: { code: 'QUOTA_EXCEEDED' },
    });
    // Refused before any byte: nothing of it went up.
    expect(a.store.uploads.get(id)?.uploadUrl).toBeNull();

    // Tried again as it is: hashed again, refused again.
    const mark = seen.length;
    await ipcOf(a)('messages.retry', { clientMsgId: id });
    await until(() => seen.slice(mark).some((t) => t.id === id && t.state === 'hashing'), 15_000, 'rehashed');
    await until(failed, 30_000, 'refused again');
    expect(a.store.outbox.get(id)?.error?.code).toBe('QUOTA_EXCEEDED');

    // The user made the file fit: Retry reads it anew and it goes.
    const small = randomBytes(MiB);
    writeFileSync(path, small);
    await ipcOf(a)('messages.retry', { clientMsgId: id });
    await until(() => messagesAt(b).length === 2, 30_000, 'the fixed file at b');
    expect(messagesAt(b)[1]!.content).toMatchObject({
      kind: 'file',
      file: { name: 'too-big.bin', size: MiB, sha256: sha(small) },
    });

    // A refused message can also be discarded.
    const other = fileOf(Buffer.alloc(0));
    truncateSync(other, QUOTA * 2);
    const [refused] = (
      await ipcOf(a)('files.send', { conversationId: d, items: [{ source: { kind: 'path', path: other } }] })
    ).entries;
    await until(() => a.store.outbox.get(refused!.clientMsgId)?.state === 'failed', 30_000, 'refused');
    await ipcOf(a)('messages.discard', { clientMsgId: refused!.clientMsgId });
    expect(a.store.outbox.ofConversation(d)).toEqual([]);
  });

  it('a file changed or removed before its upload finished fails the message with IO; Retry hashes it again', async () => {
    const path = fileOf(randomBytes(12 * MiB));
    proxy.stallAtBytesUp = proxy.bytesUp + 3 * MiB;
    const [entry] = (
      await ipcOf(a)('files.send', { conversationId: d, items: [{ source: { kind: 'path', path } }] })
    ).entries;
    const id = entry!.clientMsgId;
    await until(() => proxy.isStalled, 15_000, 'stalled');
    const changed = randomBytes(2 * MiB);
    writeFileSync(path, changed);
    proxy.release();
    await until(() => a.store.outbox.get(id)?.state === 'failed', 30_000, 'failed');
    expect(a.store.outbox.get(id)?.error).toMatchObject({
      code: 'IO',
      message: expect.stringContaining('changed') as string,
    });

    await ipcOf(a)('messages.retry', { clientMsgId: id });
    await until(() => messagesAt(b).length === 3, 30_000, 'the changed file at b');
    expect(messagesAt(b)[2]!.content).toMatchObject({ file: { size: changed.length, sha256: sha(changed) } });

    const gone = fileOf(randomBytes(MiB));
    const { entries } = await ipcOf(a)('files.send', {
      conversationId: d,
      items: [{ source: { kind: 'path', path: gone } }],
    });
    // Removed before it could be read: the whole call is refused, nothing is queued.
    await expect(
      ipcOf(a)('files.send', {
        conversationId: d,
        items: [{ source: { kind: 'path', path: join(files, 'nope') } }],
      }),
    ).rejects.toMatchObject({ code: 'IO' });
    await until(() => messagesAt(b).length === 4, 30_000, 'the last file at b');
    expect(entries).toHaveLength(1);
  });
  it('a file sent offline reads as waiting once hashed, not as preparing, and goes once the link is back', async () => {
    const seen = watch(a);
    proxy.goOffline();
    await until(() => a.sync.connection !== 'online', 15_000, 'a offline');
    // Small: the quota test before this one left little room.
    const bytes = randomBytes(MiB / 2);
    const [entry] = (
      await ipcOf(a)('files.send', {
        conversationId: d,
        items: [{ source: { kind: 'path', path: fileOf(bytes) } }],
      })
    ).entries;
    const id = entry!.clientMsgId;
    await until(() => !!a.store.uploads.get(id)?.sha256, 15_000, 'hashed');
    await until(
      () => seen.filter((t) => t.id === id).at(-1)?.state === 'queued',
      5_000,
      'queued after hashing',
    );
    expect(seen.filter((t) => t.id === id).map((t) => t.state)).toContain('hashing');
    const { transfers } = await ipcOf(a)('transfers.list', {});
    expect(transfers.find((t) => t.id === id)).toMatchObject({ state: 'queued', bytesDone: 0 });

    const before = messagesAt(b).length;
    proxy.goOnline();
    await until(() => messagesAt(b).length === before + 1, 30_000, 'the message at b');
    expect(messagesAt(b).at(-1)!.content).toMatchObject({ file: { sha256: sha(bytes) } });
  });
});
