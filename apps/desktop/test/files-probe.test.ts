import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hashFile } from '../src/core/files/hash.js';
import { exifOrientation } from '../src/core/files/image-size.js';
import { classify, IoError, probeFile } from '../src/core/files/probe.js';
import { safeFileName } from '../src/core/files/safe-name.js';
import { sniffType } from '../src/core/files/sniff.js';
import { tempDir } from './support/harness.js';

const dir = tempDir('parley-probe-');
let n = 0;
function file(bytes: Uint8Array | string, name = `f${++n}`): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const picture = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 20 } } });

describe('probing a file to send', () => {
  it('reads the type from the bytes and the size from the header of PNG, GIF, WebP and JPEG', async () => {
    const cases: [string, Buffer, { mime: string; width: number; height: number }][] = [
      ['png', await picture(300, 200).png().toBuffer(), { mime: 'image/png', width: 300, height: 200 }],
      ['gif', await picture(31, 17).gif().toBuffer(), { mime: 'image/gif', width: 31, height: 17 }],
      [
        'lossy webp',
        await picture(640, 480).webp().toBuffer(),
        { mime: 'image/webp', width: 640, height: 480 },
      ],
      [
        'lossless webp',
        await picture(5000, 3).webp({ lossless: true }).toBuffer(),
        { mime: 'image/webp', width: 5000, height: 3 },
      ],
      [
        'extended webp (alpha)',
        await sharp({ create: { width: 12, height: 9000, channels: 4, background: '#ff000080' } })
          .webp()
          .toBuffer(),
        { mime: 'image/webp', width: 12, height: 9000 },
      ],
      ['jpeg', await picture(400, 300).jpeg().toBuffer(), { mime: 'image/jpeg', width: 400, height: 300 }],
      [
        'progressive jpeg',
        await picture(1024, 768).jpeg({ progressive: true }).toBuffer(),
        { mime: 'image/jpeg', width: 1024, height: 768 },
      ],
    ];
    for (const [what, bytes, expected] of cases) {
      const probe = await probeFile(file(bytes, `picture-${what}.bin`), what);
      expect(probe, what).toMatchObject({
        size: bytes.length,
        sniffed: { mime: expected.mime, media: 'image' },
        width: expected.width,
        height: expected.height,
      });
      expect(classify(probe, null, false), what).toEqual({ kind: 'image', mime: expected.mime });
    }
  });

  it('measures a JPEG as shown: an EXIF orientation of a quarter turn swaps its sides', async () => {
    for (const [orientation, size] of [
      [1, [400, 300]],
      [3, [400, 300]],
      [6, [300, 400]],
      [8, [300, 400]],
    ] as const) {
      const bytes = await picture(400, 300).jpeg().withMetadata({ orientation }).toBuffer();
      const probe = await probeFile(file(bytes), `o${orientation}`);
      expect([probe.width, probe.height], `orientation ${orientation}`).toEqual(size);
    }
    expect(exifOrientation(Buffer.from('Exif\0\0MM\0\x2a\0\0\0\x08\0\0'))).toBeNull();
    expect(exifOrientation(Buffer.from('not exif at all'))).toBeNull();
  });

  it('believes the bytes, not the name: HTML named .png is a plain file of opaque bytes', async () => {
    const html = file('<!doctype html><script>alert(1)</script>', 'cute-cat.png');
    const probe = await probeFile(html, 'cute-cat.png');
    expect(probe.sniffed).toBeNull();
    expect(classify(probe, 'image/png', false)).toEqual({ kind: 'file', mime: 'application/octet-stream' });
    // A declared type that says nothing about media is kept for a plain file.
    expect(classify(probe, 'text/plain; charset=utf-8', false)).toEqual({ kind: 'file', mime: 'text/plain' });
  });

  it('sends a picture whose header does not read as a plain file', async () => {
    const png = await picture(50, 50).png().toBuffer();
    const probe = await probeFile(file(png.subarray(0, 20)), 'truncated.png');
    expect(probe).toMatchObject({ sniffed: { mime: 'image/png' }, width: null, height: null });
    expect(classify(probe, 'image/png', false)).toEqual({ kind: 'file', mime: 'application/octet-stream' });
    const svg = await probeFile(file('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'logo.svg');
    expect(classify(svg, 'image/svg+xml', false)).toEqual({ kind: 'file', mime: 'application/octet-stream' });
  });

  it('knows videos and audio by their containers, and a recording keeps its declared audio type', async () => {
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom\0\0\x02\0isomiso2mp41')]);
    const mov = Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from('ftypqt  \0\0\0\0qt  ')]);
    const webm = Buffer.concat([
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]),
      Buffer.from('B\x82\x84webm'),
    ]);
    expect(sniffType(mp4)).toEqual({ mime: 'video/mp4', media: 'video' });
    expect(sniffType(mov)).toEqual({ mime: 'video/quicktime', media: 'video' });
    expect(sniffType(webm)).toEqual({ mime: 'video/webm', media: 'video' });
    expect(sniffType(Buffer.from('OggS\0\x02'))).toEqual({ mime: 'audio/ogg', media: 'audio' });
    expect(sniffType(Buffer.from('ID3\x04\0'))).toEqual({ mime: 'audio/mpeg', media: 'audio' });
    expect(sniffType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toEqual({ mime: 'audio/wav', media: 'audio' });
    expect(sniffType(Buffer.from('%PDF-1.7'))).toEqual({ mime: 'application/pdf', media: null });
    expect(sniffType(Buffer.alloc(0))).toBeNull();

    const video = await probeFile(file(mp4), 'clip.mp4');
    expect(classify(video, null, false)).toEqual({ kind: 'video', mime: 'video/mp4' });
    const recording = await probeFile(file(webm), 'voice.webm');
    expect(classify(recording, 'audio/webm;codecs=opus', true)).toEqual({
      kind: 'voice',
      mime: 'audio/webm',
    });
    expect(classify(recording, '', true)).toEqual({ kind: 'voice', mime: 'video/webm' });
  });

  it("reads an MP4 video's length from its movie header, wherever the header sits", async () => {
    const box = (type: string, body: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(8 + body.length, 0);
      head.write(type, 4, 'latin1');
      return Buffer.concat([head, body]);
    };
    const mvhd = (version: 0 | 1, timescale: number, duration: number) => {
      const body = Buffer.alloc(version === 1 ? 108 : 96);
      body[0] = version;
      if (version === 1) {
        body.writeUInt32BE(timescale, 20);
        body.writeBigUInt64BE(BigInt(duration), 24);
      } else {
        body.writeUInt32BE(timescale, 12);
        body.writeUInt32BE(duration, 16);
      }
      return box('mvhd', body);
    };
    const ftyp = box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41'));
    const moovLast = Buffer.concat([
      ftyp,
      box('mdat', Buffer.alloc(3 * 1024 * 1024)),
      box('moov', mvhd(0, 600, 7_500)),
    ]);
    const moovFirst = Buffer.concat([
      ftyp,
      box('moov', Buffer.concat([box('trak', Buffer.alloc(40)), mvhd(1, 90_000, 90_000 * 65)])),
      box('mdat', Buffer.alloc(100)),
    ]);
    expect((await probeFile(file(moovLast), 'a.mp4')).durationMs).toBe(12_500);
    expect((await probeFile(file(moovFirst), 'b.mp4')).durationMs).toBe(65_000);
    expect(
      (await probeFile(file(Buffer.concat([ftyp, box('free', Buffer.alloc(10))])), 'c.mp4')).durationMs,
    ).toBeNull();
  });

  it("reads a WebM or Matroska video's length from its Segment's Info, and none from a recording", async () => {
    /** An EBML element: its id as written, a size of 8 bytes (or unknown), its body. */
    const el = (id: number, body: Buffer, unknownSize = false) => {
      const idBytes = Buffer.from(
        id
          .toString(16)
          .padStart(2, '0')
          .replace(/^(.(..)*)$/, '0$1'),
        'hex',
      );
      const size = Buffer.alloc(8);
      if (unknownSize) size.fill(0xff, 1);
      else size.writeBigUInt64BE(BigInt(body.length));
      size[0] = 0x01;
      return Buffer.concat([idBytes, size, body]);
    };
    const uint = (n: number) => Buffer.from([n >> 16, (n >> 8) & 0xff, n & 0xff]);
    const float64 = (n: number) => {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(n);
      return b;
    };
    const float32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeFloatBE(n);
      return b;
    };
    const header = (docType: string) => el(0x1a45dfa3, el(0x4282, Buffer.from(docType)));
    const seekHead = el(0x114d9b74, Buffer.alloc(30));
    const cluster = el(0x1f43b675, Buffer.alloc(2048));
    const info = (...fields: Buffer[]) => el(0x1549a966, Buffer.concat(fields));
    const webm = Buffer.concat([
      header('webm'),
      el(
        0x18538067,
        Buffer.concat([seekHead, info(el(0x2ad7b1, uint(1_000_000)), el(0x4489, float64(83_250))), cluster]),
        true,
      ),
    ]);
    const mkv = Buffer.concat([
      header('matroska'),
      // TimecodeScale in microseconds, Duration as a 4-byte float.
      el(
        0x18538067,
        Buffer.concat([info(el(0x2ad7b1, uint(1000)), el(0x4489, float32(2_500_000))), cluster]),
      ),
    ]);
    // What MediaRecorder writes: an Info without Duration, then the media.
    const recording = Buffer.concat([
      header('webm'),
      el(0x18538067, Buffer.concat([info(el(0x2ad7b1, uint(1_000_000))), cluster]), true),
    ]);
    // Media before any Info: nothing to read.
    const clusterFirst = Buffer.concat([
      header('webm'),
      el(0x18538067, Buffer.concat([cluster, info(el(0x4489, float64(5)))])),
    ]);

    expect(await probeFile(file(webm), 'a.webm')).toMatchObject({
      sniffed: { mime: 'video/webm' },
      durationMs: 83_250,
    });
    expect(await probeFile(file(mkv), 'b.mkv')).toMatchObject({
      sniffed: { mime: 'video/x-matroska' },
      durationMs: 2_500,
    });
    expect((await probeFile(file(recording), 'c.webm')).durationMs).toBeNull();
    expect((await probeFile(file(clusterFirst), 'd.webm')).durationMs).toBeNull();
    expect((await probeFile(file(header('webm').subarray(0, 20)), 'e.webm')).durationMs).toBeNull();
  });

  it('fails with IO, naming the file, when it cannot be read', async () => {
    await expect(probeFile(join(dir, 'missing.txt'), 'missing.txt')).rejects.toMatchObject({
      code: 'IO',
      message: 'cannot read missing.txt: ENOENT',
    });
    await expect(probeFile(dir, 'a folder')).rejects.toBeInstanceOf(IoError);
  });
});

describe('hashing', () => {
  it('streams a file through SHA-256 and reports how far it got', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a);
    const path = file(bytes);
    const progress: number[] = [];
    const { sha256, stamp } = await hashFile(path, { onProgress: (b) => progress.push(b) });
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(stamp.size).toBe(bytes.length);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress.length).toBeGreaterThan(1);
    await expect(hashFile(join(dir, 'gone'), { name: 'gone' })).rejects.toMatchObject({ code: 'IO' });
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('paused'));
    await expect(hashFile(file(Buffer.alloc(1024)), { signal: controller.signal })).rejects.toThrow('paused');
  });
});

describe('file names on our disk', () => {
  it('keeps ordinary names and makes hostile ones harmless', () => {
    expect(safeFileName('季度报告 Q3.pdf')).toBe('季度报告 Q3.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(safeFileName('..\\..\\boot.ini')).toBe('.._.._boot.ini');
    expect(safeFileName('a\u0000b\u202egnp.exe')).toBe('a_b_gnp.exe');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('trailing dots... ')).toBe('trailing dots');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('')).toBe('file');
    const long = safeFileName(`${'长'.repeat(500)}.docx`);
    expect(long.endsWith('.docx')).toBe(true);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(200);
  });
});
