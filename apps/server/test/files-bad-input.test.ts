import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { befriend, type TestClient, until } from './support/client.js';
import { useTestServer } from './support/fixture.js';
import { fetchBytes, fileInfo, partialPath, sendFile, sizeOnDisk } from './support/files.js';
import { request } from './support/http.js';
import { refusal } from './support/refusal.js';
import { metaFor, sha256Hex, TusClient, tusError, uploadMetadata } from './support/tus.js';

const MiB = 1024 * 1024;

async function direct(users: () => Promise<TestClient[]>) {
  const [alice, bob] = (await users()) as [TestClient, TestClient];
  await befriend(alice, bob);
  const { conversation } = await alice.rpc('conversations.openDirect', { userId: bob.userId });
  const tus = new TusClient(alice.url, alice.auth.accessToken);
  return { alice, bob, conversationId: conversation.id as string, tus };
}

/** Every file name under a directory, recursively. */
const namesUnder = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[]).map((p) => p.split(/[/\\]/).at(-1));

/** The server is still fine: health answers and a text message goes through. */
async function stillServing(client: TestClient, conversationId: string) {
  expect((await fetch(`${client.url}/api/health`)).status).toBe(200);
  const ack = await client.send(conversationId, 'still here');
  expect(ack.seq).toBeGreaterThan(0);
}

describe('hostile names', () => {
  const f = useTestServer();

  it('keeps only a neutral base name: no paths, no NUL or bidi controls, bounded length with the extension kept', async () => {
    const { alice, conversationId, tus } = await direct(() => f.users(2));
    const cases: [string, string][] = [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\x', 'x'],
      ['..', 'file'],
      ['  \u0000\u0007  ', 'file'],
      ['report\u0000.pdf', 'report.pdf'],
      ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
      ['\u2066a\u2069\u200Eb\u200F.txt', 'ab.txt'],
    ];
    for (const [declared, stored] of cases) {
      const id = await tus.upload(conversationId, randomBytes(16), declared);
      expect((await fileInfo(alice, id)).info.name, JSON.stringify(declared)).toBe(stored);
    }
    expect(namesUnder(f.t.dataDir)).not.toContain('passwd');
    expect(
      (await fileInfo(alice, await tus.upload(conversationId, randomBytes(16), 'invoice\u202Efdp.exe'))).info
        .executable,
    ).toBe(true);

    const long = await tus.upload(conversationId, randomBytes(16), `${'x'.repeat(9_996)}.txt`);
    const longName = (await fileInfo(alice, long)).info.name;
    expect([Array.from(longName).length, longName.endsWith('.txt')]).toEqual([200, true]);
    // 10,000 CJK characters: a 40 KB Upload-Metadata header, still accepted and shortened by code points.
    const cjk = await tus.upload(conversationId, randomBytes(16), `${'文'.repeat(9_996)}.doc`);
    const cjkName = (await fileInfo(alice, cjk)).info.name;
    expect([Array.from(cjkName).length, cjkName.endsWith('文.doc')]).toEqual([200, true]);
    await stillServing(alice, conversationId);
  });
});

describe('content that is not what it claims', () => {
  const f = useTestServer();
  let bomb: Buffer;
  beforeAll(async () => {
    // A solid 20000×20000 PNG (400 megapixels) compresses to about a megabyte.
    bomb = await sharp({
      create: { width: 20_000, height: 20_000, channels: 3, background: '#808080' },
      limitInputPixels: false,
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
  });

  it('stores HTML named .png as text/html, never serves it inline, and refuses it as an image', async () => {
    const { alice, bob, conversationId, tus } = await direct(() => f.users(2));
    const html = Buffer.from('<!DOCTYPE html><html><script>fetch("/api/me")</script></html>');
    const id = await tus.upload(conversationId, html, 'cat.png', 'image/png');
    expect((await fileInfo(alice, id)).info).toMatchObject({
      mime: 'text/html',
      hasThumbnail: false,
      width: null,
    });
    expect(await refusal(sendFile(alice, conversationId, { kind: 'image', fileId: id as never }))).toBe(
      'FILE_KIND_MISMATCH',
    );
    await sendFile(alice, conversationId, { kind: 'file', fileId: id as never });
    const res = await fetchBytes(f.t.url, `/api/files/${id}`, bob.auth.accessToken);
    expect([res.headers.get('content-type'), res.headers.get('x-content-type-options')]).toEqual([
      'application/octet-stream',
      'nosniff',
    ]);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await fetchBytes(f.t.url, `/api/files/${id}/preview`, bob.auth.accessToken)).status).toBe(404);
    await stillServing(alice, conversationId);
  });

  it('refuses an SVG as an image (UNSUPPORTED_IMAGE) but takes it as a file', async () => {
    const { alice, conversationId, tus } = await direct(() => f.users(2));
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    );
    const id = await tus.upload(conversationId, svg, 'logo.svg', 'image/svg+xml');
    expect((await fileInfo(alice, id)).info.mime).toBe('image/svg+xml');
    expect(await refusal(sendFile(alice, conversationId, { kind: 'image', fileId: id as never }))).toBe(
      'UNSUPPORTED_IMAGE',
    );
    await expect(
      sendFile(alice, conversationId, { kind: 'file', fileId: id as never }),
    ).resolves.toBeDefined();
    const res = await fetchBytes(f.t.url, `/api/files/${id}`, alice.auth.accessToken);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('refuses a 20000×20000 PNG as an image (IMAGE_TOO_LARGE) from its header, in bounded memory', async () => {
    const { alice, conversationId, tus } = await direct(() => f.users(2));
    const rssBefore = process.memoryUsage().rss;
    const id = await tus.upload(conversationId, bomb, 'huge.png', 'image/png');
    expect(await refusal(sendFile(alice, conversationId, { kind: 'image', fileId: id as never }))).toBe(
      'IMAGE_TOO_LARGE',
    );
    expect((await fileInfo(alice, id)).info).toMatchObject({
      width: 20_000,
      height: 20_000,
      hasThumbnail: false,
    });
    expect((await fetchBytes(f.t.url, `/api/files/${id}/thumbnail`, alice.auth.accessToken)).status).toBe(
      404,
    );
    // Decoding it would take over a gigabyte; reading its header takes next to nothing.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * MiB);
    await stillServing(alice, conversationId);
  });

  it('refuses a truncated JPEG as an image (UNSUPPORTED_IMAGE) once decoding fails', async () => {
    const { alice, conversationId, tus } = await direct(() => f.users(2));
    const jpeg = await sharp({
      create: {
        width: 1200,
        height: 900,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .jpeg()
      .toBuffer();
    const id = await tus.upload(conversationId, jpeg.subarray(0, jpeg.length >> 1), 'cut.jpg', 'image/jpeg');
    expect(await refusal(sendFile(alice, conversationId, { kind: 'image', fileId: id as never }))).toBe(
      'UNSUPPORTED_IMAGE',
    );
    expect((await fileInfo(alice, id)).info.hasThumbnail).toBe(false);
    await stillServing(alice, conversationId);
  });

  it('flags executables by name or by their bytes', async () => {
    const { alice, conversationId, tus } = await direct(() => f.users(2));
    const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(100)]);
    const disguised = await tus.upload(conversationId, exe, 'holiday.jpg', 'image/jpeg');
    expect((await fileInfo(alice, disguised)).info).toMatchObject({
      executable: true,
      mime: 'application/vnd.microsoft.portable-executable',
    });
    const script = await tus.upload(
      conversationId,
      Buffer.from('#!/bin/sh\nrm -rf ~\n'),
      'readme',
      'text/plain',
    );
    expect((await fileInfo(alice, script)).info.executable).toBe(true);
    const plain = await tus.upload(conversationId, Buffer.from('just text'), 'readme.md', 'text/markdown');
    expect((await fileInfo(alice, plain)).info).toMatchObject({ executable: false, mime: 'text/markdown' });
  });
});

describe('refusals before any byte, and at the end', () => {
  const f = useTestServer({ maxFileSize: 2 * MiB, userQuotaBytes: 3 * MiB });

  it('refuses an upload into a conversation the user is not in, over the size limit, and over quota, on POST', async () => {
    const { alice, conversationId, tus } = await direct(() => f.users(2));
    const [carol] = (await f.users(1)) as [TestClient];
    const outsider = new TusClient(f.t.url, carol.auth.accessToken);
    const notMine = await outsider.create(100, { ...metaFor(conversationId, randomBytes(100)) });
    expect([notMine.status, tusError(notMine)?.code]).toEqual([404, 'CONVERSATION_NOT_FOUND']);
    const unknown = await tus.create(100, {
      ...metaFor('00000000-0000-4000-8000-000000000000', randomBytes(100)),
    });
    expect([unknown.status, tusError(unknown)?.code]).toEqual([404, 'CONVERSATION_NOT_FOUND']);

    const tooBig = await tus.create(2 * MiB + 1, { ...metaFor(conversationId, randomBytes(1)) });
    expect([tooBig.status, tusError(tooBig)?.code]).toEqual([413, 'FILE_TOO_LARGE']);

    await tus.upload(conversationId, randomBytes(2 * MiB));
    const open = await tus.create(MiB / 2, { ...metaFor(conversationId, randomBytes(1)) });
    expect(open.status).toBe(201);
    // 2 MiB stored + 0.5 MiB reserved by the open upload + 1 MiB > 3 MiB.
    const overQuota = await tus.create(MiB, { ...metaFor(conversationId, randomBytes(1)) });
    expect([overQuota.status, tusError(overQuota)?.code]).toEqual([413, 'QUOTA_EXCEEDED']);
    expect(tusError(overQuota)?.message).toMatch(/at most/);
    for (const refused of [notMine, unknown, tooBig, overQuota])
      expect(refused.headers.get('location')).toBeNull();
    expect(readdirSync(join(f.t.dataDir, 'files', 'uploads')).filter((n) => !n.endsWith('.json'))).toEqual([
      open.id,
    ]);
    // Ending the open upload gives its reservation back.
    expect((await tus.delete(open.id!)).status).toBe(204);
    expect((await tus.create(MiB, { ...metaFor(conversationId, randomBytes(1)) })).status).toBe(201);
    await stillServing(alice, conversationId);
  });

  it('refuses a wrong sha256 at the last byte (422 CHECKSUM_MISMATCH) and drops the bytes', async () => {
    const { alice, conversationId, tus } = await direct(() => f.users(2));
    const bytes = randomBytes(100_000);
    const { id } = await tus.create(bytes.length, {
      ...metaFor(conversationId, bytes),
      sha256: sha256Hex(Buffer.from('other')),
    });
    const last = await tus.send(id!, bytes, 40_000);
    expect([last.status, tusError(last)?.code]).toEqual([422, 'CHECKSUM_MISMATCH']);
    expect(last.headers.get('content-type')).toMatch(/^application\/json/);
    expect(sizeOnDisk(partialPath(f.t.dataDir, id!))).toBe(-1);
    expect((await tus.head(id!)).status).toBe(404);
    expect(await refusal(sendFile(alice, conversationId, { kind: 'file', fileId: id as never }))).toBe(
      'FILE_NOT_FOUND',
    );
    await stillServing(alice, conversationId);
  });

  it('refuses bad metadata and lengths with VALIDATION_FAILED', async () => {
    const { alice, conversationId, tus } = await direct(() => f.users(2));
    const good = metaFor(conversationId, randomBytes(10));
    const cases: [string, number | string, string | Record<string, string>, Record<string, string>?][] = [
      ['no metadata', 10, ''],
      ['no sha256', 10, { conversationId, name: 'a', type: 'x/y' }],
      ['sha256 not hex', 10, { ...good, sha256: 'Z'.repeat(64) }],
      ['conversationId not a uuid', 10, { ...good, conversationId: 'general' }],
      ['empty name', 10, { ...good, name: '' }],
      ['an unknown key', 10, { ...good, colour: 'red' }],
      ['not base64', 10, `conversationId ${conversationId}`],
      ['a negative length', -1, good],
      ['a length that is not a number', 'ten', good],
      ['a deferred length', 10, good, { 'upload-defer-length': '1' }],
    ];
    for (const [label, length, meta, headers] of cases) {
      const res = await tus.create(length, meta, headers);
      expect([res.status, tusError(res)?.code], label).toEqual([400, 'VALIDATION_FAILED']);
    }
    const noLength = await tus.create(10, good, { 'upload-length': '' });
    expect(noLength.status).toBe(400);
    const noTus = await tus.create(10, good, { 'tus-resumable': '' });
    expect([noTus.status, tusError(noTus)?.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(uploadMetadata({ a: 'b' })).toBe('a Yg==');
    await stillServing(alice, conversationId);
  });
});

describe('PATCH requests', () => {
  const f = useTestServer();

  /** A PATCH with a chunked body (no Content-Length), for bodies longer than they should be. */
  function chunkedPatch(tus: TusClient, id: string, offset: number, body: Buffer) {
    return new Promise<{ status: number; body: string; headers: IncomingHttpHeaders }>((resolve, reject) => {
      const req = httpRequest(new URL(`/api/files/uploads/${id}`, tus.url), {
        method: 'PATCH',
        headers: {
          'tus-resumable': '1.0.0',
          authorization: `Bearer ${tus.token}`,
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
          'transfer-encoding': 'chunked',
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      });
      // The server may answer and close before the whole body went out.
      req.on('error', () => undefined);
      for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
      req.end();
      req.on('close', () => reject(new Error('closed without an answer')));
    });
  }

  it('refuses a PATCH without the tus headers, or with more bytes than declared, and keeps the upload', async () => {
    const { alice, conversationId, tus } = await direct(() => f.users(2));
    const bytes = randomBytes(2 * MiB);
    const { id } = await tus.create(bytes.length, { ...metaFor(conversationId, bytes) });
    expect((await tus.send(id!, bytes.subarray(0, MiB))).status).toBe(204);
    const patch = (headers: Record<string, string>, body: Uint8Array = bytes.subarray(MiB, MiB + 10)) =>
      request(f.t.url, `/api/files/uploads/${id}`, {
        method: 'PATCH',
        token: alice.auth.accessToken,
        headers: {
          'tus-resumable': '1.0.0',
          'upload-offset': String(MiB),
          'content-type': 'application/offset+octet-stream',
          ...headers,
        },
        body,
      });
    for (const [label, headers] of [
      ['no Tus-Resumable', { 'tus-resumable': '' }],
      ['an old Tus-Resumable', { 'tus-resumable': '0.2.2' }],
      ['no Upload-Offset', { 'upload-offset': '' }],
      ['an Upload-Offset that is not a number', { 'upload-offset': '1e6' }],
      ['a negative Upload-Offset', { 'upload-offset': '-1' }],
      ['another content type', { 'content-type': 'application/octet-stream' }],
    ] as const) {
      const res = await patch(headers);
      expect([res.status, tusError(res)?.code], label).toEqual([400, 'VALIDATION_FAILED']);
    }
    const behind = await patch({ 'upload-offset': String(MiB - 1) });
    expect([behind.status, tusError(behind)?.code]).toEqual([409, 'UPLOAD_OFFSET_MISMATCH']);
    // Declared longer than the rest: refused before a byte is taken.
    const long = await patch({}, randomBytes(MiB + 1));
    expect([long.status, tusError(long)?.code]).toEqual([413, 'FILE_TOO_LARGE']);
    expect(await tus.offset(id!)).toBe(MiB);
    // Longer than the rest without saying so (chunked): refused where it passes the end.
    const sneaky = await chunkedPatch(tus, id!, MiB, Buffer.concat([bytes.subarray(MiB), randomBytes(MiB)]));
    expect(sneaky.status).toBe(413);
    expect((JSON.parse(sneaky.body) as { error: { code: string } }).error.code).toBe('FILE_TOO_LARGE');
    const kept = await tus.offset(id!);
    expect(kept).toBeGreaterThanOrEqual(MiB);
    expect(kept).toBeLessThanOrEqual(bytes.length);

    // The upload goes on from what was kept (all of it may be there: then the HEAD finished it), and
    // its bytes are the file's.
    if (kept < bytes.length) {
      const last = await tus.send(id!, bytes, MiB, kept);
      expect([last.status, last.headers.get('upload-offset')]).toEqual([204, String(bytes.length)]);
    }
    const { info } = await fileInfo(alice, id!);
    expect(info.sha256).toBe(sha256Hex(bytes));
    await stillServing(alice, conversationId);
  });

  it('a PATCH left hanging by a lost link gives way to the client coming back (HEAD, then PATCH)', async () => {
    const { alice, conversationId, tus } = await direct(() => f.users(2));
    const bytes = randomBytes(4 * MiB);
    const { id } = await tus.create(bytes.length, { ...metaFor(conversationId, bytes) });
    // The old request: declared the whole file, sent a part, then nothing (the link is gone, unnoticed).
    const hanging = tus.openPatch(id!, 0, bytes.length);
    await hanging.write(bytes.subarray(0, 1.5 * MiB));
    await until(() => sizeOnDisk(partialPath(f.t.dataDir, id!)) >= 1.5 * MiB, 10_000, 'bytes on disk');

    // The client, reconnected, asks where it stands: the old request stops where it is and the answer
    // comes at once (not after tus's 30 s lock timeout).
    const started = Date.now();
    const offset = await tus.offset(id!);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(offset).toBe(1.5 * MiB);
    const last = await tus.send(id!, bytes, MiB, offset);
    expect(last.status).toBe(204);
    const { info } = await fileInfo(alice, id!);
    expect(info.sha256).toBe(sha256Hex(bytes));
    await hanging.cut();
    await stillServing(alice, conversationId);
  });
});
