import type { ParleyServer } from '@parley/server';
import type { FileId, Message } from '@parley/shared';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import {
  directConversation,
  newCore,
  signIn,
  signUp,
  startServer,
  tempDir,
  uniqueName,
  until,
  untilAsync,
} from './support/harness.js';
import { ipcOf, recordingShell } from './support/ipc.js';
import { LossyProxy } from './support/lossy-proxy.js';

/*
 * The desktop's file cache kept within the user's limit (least recently used first, never what is
 * in use) and emptied on request ("Clear cached files" in Settings → Storage).
 */

const MiB = 1024 * 1024;
const SIZE = 2 * MiB;
const HOUR = 3_600_000;
let server: ParleyServer;
let proxy: LossyProxy;
let bName: string;
let d: string;
const cores: DesktopCore[] = [];
/** Four files A sent, in order. */
const sent: { bytes: Buffer; sha256: string; message: Message }[] = [];
const ref = (i: number) => ({ conversationId: d, messageId: sent[i]!.message.id });
const fileId = (i: number): FileId => {
  const c = sent[i]!.message.content;
  if (c?.kind !== 'file') throw new Error(`message ${i} carries no file`);
  return c.file.id;
};

/** Another device of B's account with an empty cache, directly or through the proxy. */
async function freshB(url: string): Promise<DesktopCore> {
  const core = newCore();
  cores.push(core);
  await signIn(core, url, bName);
  await until(
    () => sent.every((f) => core.store.messages.get(f.message.id) !== undefined),
    15_000,
    'the files on the new device',
  );
  return core;
}

const downloaded = async (core: DesktopCore) =>
  (await ipcOf(core)('files.downloaded', { files: sent.map((_, i) => ref(i)) })).downloaded;
const usage = async (core: DesktopCore) => (await ipcOf(core)('files.cacheUsage', {})).bytes;
const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Sets when a cached file was last used, as if `agoMs` ago. */
function lastUsed(path: string, agoMs: number): void {
  const at = new Date(Date.now() - agoMs);
  utimesSync(path, at, at);
}

beforeAll(async () => {
  server = await startServer();
  proxy = await LossyProxy.start({ host: '127.0.0.1', port: server.port });
  const a = newCore();
  const b = newCore();
  cores.push(a, b);
  bName = uniqueName('b');
  await signUp(a, server.url);
  const bId = await signUp(b, server.url, bName);
  d = await directConversation(a, b, bId);
  const dir = tempDir('parley-cache-src-');
  for (let i = 0; i < 4; i++) {
    const bytes = randomBytes(SIZE);
    const path = join(dir, `file-${i}.bin`);
    writeFileSync(path, bytes);
    await a.files.send({ conversationId: d as never, items: [{ source: { kind: 'path', path } }] });
    const named = (m: Message) => m.content?.kind === 'file' && m.content.file.name === `file-${i}.bin`;
    await until(() => b.store.messages.allOf(d).some(named), 30_000, `file ${i} at b`);
    const message = b.store.messages.allOf(d).find(named)!;
    sent.push({ bytes, sha256: createHash('sha256').update(bytes).digest('hex'), message });
  }
}, 120_000);

afterAll(async () => {
  for (const core of cores) core.close();
  await proxy.close();
  await server.close();
});

describe('clearing the file cache', () => {
  it('frees every cached original with its named copy, keeps a paused download, and files come back', async () => {
    const core = await freshB(proxy.url);
    const ipc = ipcOf(core, recordingShell());
    expect(await usage(core)).toBe(0);
    await ipc('files.download', ref(0));
    await ipc('files.download', ref(1));
    await ipc('files.open', ref(0));
    const named = core.files.cache.named(fileId(0), 'file-0.bin');
    expect(existsSync(named)).toBe(true);
    // The named copy is a link to the blob: counted once.
    expect(await usage(core)).toBe(2 * SIZE);
    expect(await downloaded(core)).toEqual([fileId(0), fileId(1)]);

    // A download paused half-way: its partial is what it resumes from.
    proxy.stallAtBytesDown = proxy.bytesDown + MiB;
    const id = `download:${fileId(2)}`;
    const downloading = ipc('files.download', ref(2));
    await until(() => proxy.isStalled, 15_000, 'stalled');
    await ipc('transfers.pause', { id });
    await downloading;
    proxy.release();
    const part = core.files.cache.part(sent[2]!.sha256);
    const partBytes = statSync(part).size;
    expect(partBytes).toBeGreaterThan(0);

    expect(await ipc('files.clearCache', {})).toEqual({ freedBytes: 2 * SIZE });
    expect(await usage(core)).toBe(partBytes);
    expect(await downloaded(core)).toEqual([]);
    expect(existsSync(named)).toBe(false);
    expect(existsSync(part)).toBe(true);

    await ipc('transfers.resume', { id });
    await untilAsync(
      async () => (await downloaded(core)).includes(fileId(2)),
      15_000,
      'the resumed download',
    );
    await ipc('files.download', ref(0));
    expect(sha256Of(core.files.cache.blob(sent[0]!.sha256))).toBe(sent[0]!.sha256);
    expect(await downloaded(core)).toEqual([fileId(0), fileId(2)]);
  });

  it('keeps the bytes of a file message still being sent', async () => {
    const core = await freshB(proxy.url);
    proxy.goOffline();
    try {
      await until(() => core.sync.connection !== 'online', 15_000, 'offline');
      const [entry] = await core.files.send({
        conversationId: d as never,
        items: [
          {
            source: {
              kind: 'bytes',
              name: 'pasted.bin',
              type: 'application/octet-stream',
              data: randomBytes(SIZE),
            },
          },
        ],
      });
      const path = core.store.uploads.get(entry!.clientMsgId)!.path;
      expect(existsSync(path)).toBe(true);
      await ipcOf(core)('files.clearCache', {});
      expect(existsSync(path)).toBe(true);
    } finally {
      proxy.goOnline();
    }
  });
});

describe('the cache limit', () => {
  it('deletes the least recently used first, down to 90 % of the limit, and keeps what was used in the last 10 minutes', async () => {
    const core = await freshB(server.url);
    const ipc = ipcOf(core);
    for (let i = 0; i < 4; i++) await ipc('files.download', ref(i));
    const blob = (i: number) => core.files.cache.blob(sent[i]!.sha256);
    lastUsed(blob(0), 4 * HOUR);
    lastUsed(blob(1), 3 * HOUR);
    lastUsed(blob(2), 2 * HOUR);
    lastUsed(blob(3), 1 * HOUR);
    // Looked at again (the renderer's file URL): now the most recently used.
    const res = await core.files.respond({
      method: 'GET',
      pathname: `/files/${fileId(0)}/original`,
      headers: new Headers(),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    await until(() => statSync(blob(0)).mtimeMs > Date.now() - 60_000, 5_000, 'file 0 marked as used');

    // 8 MiB held, 5 MiB allowed: trimmed to 4.5 MiB or less, the oldest first.
    core.files.setCacheLimit(5 * MiB);
    await untilAsync(async () => (await usage(core)) <= 5 * MiB, 10_000, 'the cache trimmed');
    expect(await usage(core)).toBe(2 * SIZE);
    expect(await downloaded(core)).toEqual([fileId(0), fileId(3)]);

    // Under a limit below what was used recently, the recent file stays.
    lastUsed(blob(0), HOUR);
    lastUsed(blob(3), 30_000);
    core.files.setCacheLimit(MiB);
    await untilAsync(async () => (await usage(core)) <= SIZE, 10_000, 'the older file trimmed');
    expect(await downloaded(core)).toEqual([fileId(3)]);
    expect(await ipc('files.cacheUsage', {})).toEqual({ bytes: SIZE, limitBytes: MiB });
    core.files.setCacheLimit(null);
    expect(await ipc('files.cacheUsage', {})).toEqual({ bytes: SIZE, limitBytes: null });
  });
});
