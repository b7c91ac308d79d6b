import type { ParleyServer } from '@parley/server';
import type { Message, Transfer } from '@parley/shared';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { directConversation, newCore, signUp, startServer, tempDir, until } from './support/harness.js';
import { ipcOf } from './support/ipc.js';
import { LossyProxy } from './support/lossy-proxy.js';

/*
 * The test 2 on real cores and a real server: an image handed over as bytes (pasted) and a
 * file by path go out as two messages; the other member's core shows them with the server's
 * FileInfo and answers the renderer's file URLs from its cache, also once offline.
 */

let server: ParleyServer;
let proxy: LossyProxy;
let a: DesktopCore;
let b: DesktopCore;
let d: string;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const get = (core: DesktopCore, pathname: string, headers: Record<string, string> = {}) =>
  core.files.respond({ method: 'GET', pathname, headers: new Headers(headers) });

beforeAll(async () => {
  server = await startServer();
  // B reaches the server through a link the test can cut.
  proxy = await LossyProxy.start({ host: '127.0.0.1', port: server.port });
  a = newCore();
  b = newCore();
  await signUp(a, server.url);
  const bId = await signUp(b, proxy.url);
  d = await directConversation(a, b, bId);
});
afterAll(async () => {
  a.close();
  b.close();
  await proxy.close();
  await server.close();
});

describe('sending files', () => {
  it('an image by bytes and a file by path arrive with FileInfo; the receiver shows them from its cache, offline too', async () => {
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer();
    const report = Buffer.from('%PDF-1.7\n' + 'quarterly numbers\n'.repeat(2000));
    const reportPath = join(tempDir('parley-send-'), '季度报告 Q3.pdf');
    writeFileSync(reportPath, report);
    const transfers: Transfer[] = [];
    a.on('transfers', (ts) => transfers.push(...ts));

    const { entries } = await ipcOf(a)('files.send', {
      conversationId: d,
      items: [
        { source: { kind: 'bytes', name: 'pasted.png', type: 'image/png', data: new Uint8Array(png) } },
        { source: { kind: 'path', path: reportPath } },
      ],
    });
    // Shown at once, before the server has any of it.
    expect(entries.map((e) => [e.state, e.content])).toEqual([
      [
        'pending',
        {
          kind: 'image',
          name: 'pasted.png',
          size: png.length,
          mime: 'image/png',
          width: 1200,
          height: 800,
          fileId: null,
        },
      ],
      [
        'pending',
        {
          kind: 'file',
          name: '季度报告 Q3.pdf',
          size: report.length,
          mime: 'application/pdf',
          width: null,
          height: null,
          fileId: null,
        },
      ],
    ]);
    const [image, file] = entries as [(typeof entries)[0], (typeof entries)[0]];
    // The sender's own bubble shows the local bytes while they upload.
    const outgoing = await get(a, `/files/outgoing/${image.clientMsgId}`);
    expect(outgoing.status).toBe(200);
    expect(outgoing.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await outgoing.arrayBuffer())).toEqual(png);

    // Both arrive at B, in the order they were queued, with what the server knows about them.
    const arrived = await filesAt(b, 2);
    const [img, doc] = arrived as [Message, Message];
    expect(img.content).toMatchObject({
      kind: 'image',
      file: {
        name: 'pasted.png',
        size: png.length,
        mime: 'image/png',
        sha256: sha(png),
        width: 1200,
        height: 800,
      },
    });
    expect(doc.content).toMatchObject({
      kind: 'file',
      file: { name: '季度报告 Q3.pdf', size: report.length, sha256: sha(report), hasThumbnail: false },
    });
    expect([img.clientMsgId, doc.clientMsgId]).toEqual([image.clientMsgId, file.clientMsgId]);
    expect(img.seq).toBeLessThan(doc.seq);
    // The sender's outbox is empty and its transfers went through hashing and uploading to done.
    await until(() => a.store.outbox.ofConversation(d).length === 0, 10_000, 'a outbox empty');
    const states = transfers.filter((t) => t.id === file.clientMsgId).map((t) => t.state);
    expect(states).toContain('hashing');
    expect(states).toContain('done');
    expect(states.indexOf('hashing')).toBeLessThan(states.lastIndexOf('done'));
    // The pasted copy moved into A's cache (content-addressed), so A's own picture is there offline.
    expect(existsSync(a.files.cache.outgoing(image.clientMsgId))).toBe(false);
    expect(readFileSync(a.files.cache.blob(sha(png)))).toEqual(png);

    if (img.content?.kind !== 'image' || doc.content?.kind !== 'file') throw new Error('unreachable');
    const imageId = img.content.file.id;
    const docId = doc.content.file.id;

    // B's renderer asks its own origin; the core fetches from the server once, then keeps it.
    const thumbnail = await get(b, `/files/${imageId}/thumbnail`);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    const thumb = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect(thumb.format).toBe('webp');
    expect(Math.max(thumb.width, thumb.height)).toBeLessThan(1200);
    const original = await get(b, `/files/${imageId}/original`);
    expect(Buffer.from(await original.arrayBuffer())).toEqual(png);
    expect((await get(b, `/files/${imageId}/preview`)).status).toBe(200);

    proxy.goOffline();
    await until(() => b.sync.connection !== 'online', 10_000, 'b offline');
    const offline = await get(b, `/files/${imageId}/thumbnail`);
    expect(offline.status).toBe(200);
    expect((await sharp(Buffer.from(await offline.arrayBuffer())).metadata()).format).toBe('webp');
    expect((await get(b, `/files/${imageId}/original`, { range: 'bytes=0-7' })).status).toBe(206);
    // Never fetched, so not there offline; and a file without a thumbnail has none.
    expect((await get(b, `/files/${docId}/original`)).status).toBe(404);
    expect((await get(b, `/files/${docId}/thumbnail`)).status).toBe(404);
    // Ids the cache knows nothing about are never fetched (nor served), online or not.
    expect((await get(b, `/files/${randomUUID()}/thumbnail`)).status).toBe(404);
    proxy.goOnline();
    await until(() => b.sync.connection === 'online', 15_000, 'b online');
    expect((await get(b, `/files/${randomUUID()}/original`)).status).toBe(404);
    expect((await get(b, `/files/${docId}/original`)).status).toBe(200);

    // File names are searchable, offline as everything in search.
    const { results } = b.search('季度报告');
    expect(results.map((r) => r.messageId)).toContain(doc.id);
  });
});

describe('voice and video', () => {
  it('a recording goes as a voice message with its length and waveform; an MP4 as a video with its length', async () => {
    const box = (type: string, body: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(8 + body.length, 0);
      head.write(type, 4, 'latin1');
      return Buffer.concat([head, body]);
    };
    const mvhd = Buffer.alloc(96);
    mvhd.writeUInt32BE(1000, 12);
    mvhd.writeUInt32BE(4_250, 16);
    const mp4 = Buffer.concat([
      box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41')),
      box('mdat', Buffer.alloc(64 * 1024)),
      box('moov', box('mvhd', mvhd)),
    ]);
    const clip = join(tempDir('parley-video-'), 'clip.mp4');
    writeFileSync(clip, mp4);
    const webm = Buffer.concat([
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84]),
      Buffer.from('webm'),
      Buffer.alloc(2048, 7),
    ]);
    const before = b.store.messages.allOf(d).length;
    const { entries } = await ipcOf(a)('files.send', {
      conversationId: d,
      items: [
        {
          source: {
            kind: 'bytes',
            name: 'voice.webm',
            type: 'audio/webm;codecs=opus',
            data: new Uint8Array(webm),
          },
          voice: { durationMs: 12_300, waveform: [0, 40, 255, 12] },
        },
        { source: { kind: 'path', path: clip } },
      ],
    });
    expect(entries.map((e) => [e.content.kind, 'mime' in e.content ? e.content.mime : null])).toEqual([
      ['voice', 'audio/webm'],
      ['video', 'video/mp4'],
    ]);
    expect(entries[1]!.content).toMatchObject({ durationMs: 4_250 });
    await until(() => b.store.messages.allOf(d).length >= before + 2, 30_000, 'voice and video at b');
    const [voice, video] = b.store.messages.allOf(d).slice(before);
    expect(voice?.content).toMatchObject({
      kind: 'voice',
      durationMs: 12_300,
      waveform: [0, 40, 255, 12],
      file: { name: 'voice.webm', mime: 'audio/webm' },
    });
    expect(video?.content).toMatchObject({
      kind: 'video',
      durationMs: 4_250,
      file: { name: 'clip.mp4', mime: 'video/mp4' },
    });
    // Played from the receiver's own origin, seeking with ranges.
    if (voice?.content?.kind !== 'voice') throw new Error('unreachable');
    const part = await get(b, `/files/${voice.content.file.id}/original`, { range: 'bytes=4-15' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-type')).toBe('audio/webm');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(webm.subarray(4, 16));
  });
});

describe('pictures the server will not take as pictures', () => {
  it('go as plain files: a PNG that claims 20000×20000 pixels', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    // IHDR at bytes 8–33: width and height, then its CRC over type and data.
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    const path = join(tempDir('parley-huge-'), 'huge.png');
    writeFileSync(path, png);
    const before = b.store.messages.allOf(d).length;
    const { entries } = await ipcOf(a)('files.send', {
      conversationId: d,
      items: [{ source: { kind: 'path', path } }],
    });
    expect(entries[0]!.content).toMatchObject({ kind: 'image', width: 20_000, height: 20_000 });
    await until(() => b.store.messages.allOf(d).length > before, 30_000, 'the file at b');
    expect(b.store.messages.allOf(d).at(-1)?.content).toMatchObject({
      kind: 'file',
      file: { name: 'huge.png', hasThumbnail: false },
    });
    expect(a.store.outbox.ofConversation(d)).toEqual([]);
  });
});

/** The first `count` file messages B holds in the conversation, waiting for them. */
async function filesAt(core: DesktopCore, count: number): Promise<Message[]> {
  const files = () =>
    core.store.messages.allOf(d).filter((m) => m.content !== null && m.content.kind !== 'text');
  await until(() => files().length >= count, 30_000, `${count} file messages`);
  return files().slice(0, count);
}
