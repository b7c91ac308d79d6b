import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { befriend, type TestClient } from './support/client.js';
import { useTestServer } from './support/fixture.js';
import { fetchBytes, jsonOf, sendFile } from './support/files.js';
import { sha256Hex, TusClient } from './support/tus.js';

const MiB = 1024 * 1024;

describe('downloads', () => {
  const f = useTestServer();

  /** Alice uploads `bytes` into a direct conversation with Bob and sends it; Carol is a stranger. */
  async function shared(bytes: Buffer, name = 'big.bin', type = 'application/octet-stream', chunk = 8 * MiB) {
    const [alice, bob, carol] = (await f.users(3)) as [TestClient, TestClient, TestClient];
    await befriend(alice, bob);
    const { conversation } = await alice.rpc('conversations.openDirect', { userId: bob.userId });
    const tus = new TusClient(f.t.url, alice.auth.accessToken);
    const created = await tus.create(bytes.length, {
      conversationId: conversation.id,
      name,
      type,
      sha256: sha256Hex(bytes),
    });
    expect((await tus.send(created.id!, bytes, chunk)).status).toBe(204);
    const fileId = created.id!;
    await sendFile(alice, conversation.id, { kind: 'file', fileId: fileId as never });
    return { alice, bob, carol, fileId };
  }

  it('serves a 64 MiB file in Range pieces, and resumes a cut download with If-Range', async () => {
    const bytes = randomBytes(64 * MiB);
    const { bob, fileId } = await shared(bytes);
    const token = bob.auth.accessToken;
    const path = `/api/files/${fileId}`;
    const etag = `"${sha256Hex(bytes)}"`;

    const pieces: Buffer[] = [];
    const step = 10 * MiB + 7;
    for (let start = 0; start < bytes.length; start += step) {
      const end = Math.min(bytes.length, start + step) - 1;
      const res = await fetchBytes(f.t.url, path, token, { range: `bytes=${start}-${end}` });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${bytes.length}`);
      expect(res.headers.get('content-length')).toBe(String(end - start + 1));
      pieces.push(res.bytes);
    }
    expect(Buffer.concat(pieces).equals(bytes)).toBe(true);

    // A download cut after some bytes, then resumed from where it stopped.
    const controller = new AbortController();
    const res = await fetch(f.t.url + path, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(res.headers.get('etag')).toBe(etag);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const received: Buffer[] = [];
    let got = 0;
    while (got < 5 * MiB) {
      const { value, done } = await reader.read();
      if (done) break;
      received.push(Buffer.from(value));
      got += value.length;
    }
    controller.abort();
    const rest = await fetchBytes(f.t.url, path, token, { range: `bytes=${got}-`, 'if-range': etag });
    expect(rest.status).toBe(206);
    expect(Buffer.concat([...received, rest.bytes]).equals(bytes)).toBe(true);

    const suffix = await fetchBytes(f.t.url, path, token, { range: 'bytes=-100' });
    expect([suffix.status, suffix.bytes.equals(bytes.subarray(-100))]).toEqual([206, true]);
  });

  it('answers validators and conditions: ETag, 304, If-Range with a stale tag, 416, and safe headers', async () => {
    const bytes = randomBytes(1000);
    const { alice, fileId } = await shared(bytes, 'notes.bin');
    const token = alice.auth.accessToken;
    const path = `/api/files/${fileId}`;
    const full = await fetchBytes(f.t.url, path, token);
    const etag = `"${sha256Hex(bytes)}"`;
    expect(full.status).toBe(200);
    expect(
      Object.fromEntries(
        [
          'etag',
          'accept-ranges',
          'content-length',
          'content-type',
          'x-content-type-options',
          'cache-control',
        ].map((h) => [h, full.headers.get(h)]),
      ),
    ).toEqual({
      etag,
      'accept-ranges': 'bytes',
      'content-length': '1000',
      'content-type': 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=31536000, immutable',
    });

    const notModified = await fetchBytes(f.t.url, path, token, { 'if-none-match': `"other", ${etag}` });
    expect([notModified.status, notModified.bytes.length]).toEqual([304, 0]);
    const stale = await fetchBytes(f.t.url, path, token, { range: 'bytes=0-9', 'if-range': '"stale"' });
    expect([stale.status, stale.bytes.length]).toEqual([200, 1000]);
    const fresh = await fetchBytes(f.t.url, path, token, { range: 'bytes=0-9', 'if-range': etag });
    expect([fresh.status, fresh.bytes.equals(bytes.subarray(0, 10))]).toEqual([206, true]);
    const past = await fetchBytes(f.t.url, path, token, { range: 'bytes=1000-' });
    expect([past.status, past.headers.get('content-range')]).toEqual([416, 'bytes */1000']);
    const head = await fetchBytes(f.t.url, path, token, {}, 'HEAD');
    expect([head.status, head.headers.get('content-length'), head.bytes.length]).toEqual([200, '1000', 0]);
  });

  it('gives a non-member, someone signed out, and an unknown id nothing but 404 / 401', async () => {
    const bytes = randomBytes(2048);
    const { carol, fileId } = await shared(bytes);
    for (const suffix of ['', '/info', '/thumbnail', '/preview']) {
      const res = await fetchBytes(f.t.url, `/api/files/${fileId}${suffix}`, carol.auth.accessToken, {
        range: 'bytes=0-',
      });
      expect(res.status).toBe(404);
      expect(jsonOf<{ error: { code: string } }>(res).error.code).toBe('FILE_NOT_FOUND');
      expect(res.bytes.includes(bytes.subarray(0, 64))).toBe(false);
    }
    const anonymous = await fetchBytes(f.t.url, `/api/files/${fileId}`, undefined);
    expect(anonymous.status).toBe(401);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id', '..%2F..%2Fparley.db']) {
      expect((await fetchBytes(f.t.url, `/api/files/${id}`, carol.auth.accessToken)).status).toBe(404);
    }
  });

  it('names the file safely in Content-Disposition, Chinese and hostile names alike', async () => {
    const chinese = await shared(randomBytes(10), '年度报告 2024.pdf', 'application/pdf');
    const res = await fetchBytes(f.t.url, `/api/files/${chinese.fileId}`, chinese.bob.auth.accessToken);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="____ 2024.pdf"; filename*=UTF-8''${encodeURIComponent('年度报告 2024.pdf')}`,
    );
    const evil = await shared(randomBytes(10), '../..\\x";\r\nSet-Cookie: a=b; \u202Efdp.exe', 'text/html');
    const disposition = (await fetchBytes(f.t.url, `/api/files/${evil.fileId}`, evil.bob.auth.accessToken))
      .headers;
    expect(disposition.get('set-cookie')).toBeNull();
    expect(disposition.get('content-type')).toBe('application/octet-stream');
    expect(disposition.get('content-disposition')).toBe(
      `attachment; filename="x_;Set-Cookie: a=b; fdp.exe"; filename*=UTF-8''x%22%3BSet-Cookie%3A%20a%3Db%3B%20fdp.exe`,
    );
  });
});
