import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { befriend, newUser, type TestClient, until } from './support/client.js';
import { useTestServer } from './support/fixture.js';
import { blobCount, fetchBytes, fileInfo, partialPath, sendFile, sizeOnDisk } from './support/files.js';
import { errorOf } from './support/http.js';
import { startTestServer, type TestServer } from './support/server.js';
import { metaFor, sha256Hex, TusClient, tusError } from './support/tus.js';

const MiB = 1024 * 1024;

/** Two friends and their direct conversation. */
async function pair(url: string, track: (c: TestClient) => TestClient = (c) => c) {
  const alice = track(await newUser(url));
  const bob = track(await newUser(url));
  await befriend(alice, bob);
  const { conversation } = await alice.rpc('conversations.openDirect', { userId: bob.userId });
  return { alice, bob, conversationId: conversation.id as string };
}

describe('resumable uploads', () => {
  const f = useTestServer();

  it('resumes after a PATCH is cut mid-body: HEAD gives the offset, the rest completes, the bytes match', async () => {
    const { alice, bob, conversationId } = await pair(f.t.url, (c) => f.track(c));
    const bytes = randomBytes(5 * MiB);
    const tus = new TusClient(f.t.url, alice.auth.accessToken);
    const created = await tus.create(bytes.length, { ...metaFor(conversationId, bytes, 'data.bin') });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/files/uploads/${created.id}`);
    const id = created.id!;
    expect((await tus.send(id, bytes.subarray(0, MiB))).headers.get('upload-offset')).toBe(String(MiB));

    // A PATCH that declares 2 MiB, delivers 1.5 MiB, and loses its connection.
    const patch = tus.openPatch(id, MiB, 2 * MiB);
    await patch.write(bytes.subarray(MiB, MiB + 1.5 * MiB));
    await until(() => sizeOnDisk(partialPath(f.t.dataDir, id)) >= 2 * MiB, 10_000, 'bytes on disk');
    await patch.cut();

    const offset = await tus.offset(id);
    expect(offset).toBeGreaterThanOrEqual(2 * MiB);
    expect(offset).toBeLessThanOrEqual(2.5 * MiB);
    const last = await tus.send(id, bytes, MiB, offset);
    expect(last.status).toBe(204);
    expect(last.headers.get('upload-offset')).toBe(String(bytes.length));

    // Finished: HEAD says so (a client that lost the last response learns it is done).
    const head = await tus.head(id);
    expect([head.status, head.headers.get('upload-offset'), head.headers.get('upload-length')]).toEqual([
      200,
      String(bytes.length),
      String(bytes.length),
    ]);
    const download = await fetchBytes(f.t.url, `/api/files/${id}`, alice.auth.accessToken);
    expect(download.status).toBe(200);
    expect(sha256Hex(download.bytes)).toBe(sha256Hex(bytes));
    expect(download.bytes.equals(bytes)).toBe(true);

    const { info } = await fileInfo(alice, id);
    expect(info).toMatchObject({ id, name: 'data.bin', size: bytes.length, sha256: sha256Hex(bytes) });
    // Bob sees nothing of it until a message carries it.
    expect((await fetchBytes(f.t.url, `/api/files/${id}`, bob.auth.accessToken)).status).toBe(404);
    await sendFile(alice, conversationId, { kind: 'file', fileId: id as never });
    const bobs = await fetchBytes(f.t.url, `/api/files/${id}`, bob.auth.accessToken);
    expect(bobs.bytes.equals(bytes)).toBe(true);
  });

  it('lets only the uploader touch an upload: HEAD, PATCH and DELETE by anyone else are 404 and change nothing', async () => {
    const { alice, bob, conversationId } = await pair(f.t.url, (c) => f.track(c));
    const bytes = randomBytes(MiB);
    const mine = new TusClient(f.t.url, alice.auth.accessToken);
    const theirs = new TusClient(f.t.url, bob.auth.accessToken);
    const { id } = await mine.create(bytes.length, { ...metaFor(conversationId, bytes) });
    await mine.send(id!, bytes.subarray(0, 1000));
    for (const res of [
      await theirs.head(id!),
      await theirs.patch(id!, 1000, bytes.subarray(1000, 2000)),
      await theirs.delete(id!),
    ]) {
      expect(res.status).toBe(404);
    }
    const patch = await theirs.patch(id!, 1000, bytes.subarray(1000, 2000));
    expect(tusError(patch)?.code).toBe('FILE_NOT_FOUND');
    expect(await mine.offset(id!)).toBe(1000);
    expect(sizeOnDisk(partialPath(f.t.dataDir, id!))).toBe(1000);
  });

  it('terminates an upload on DELETE: its bytes go and it is unknown afterwards', async () => {
    const { alice, conversationId } = await pair(f.t.url, (c) => f.track(c));
    const bytes = randomBytes(4096);
    const tus = new TusClient(f.t.url, alice.auth.accessToken);
    const { id } = await tus.create(bytes.length, { ...metaFor(conversationId, bytes) });
    await tus.send(id!, bytes.subarray(0, 100));
    expect((await tus.delete(id!)).status).toBe(204);
    expect(sizeOnDisk(partialPath(f.t.dataDir, id!))).toBe(-1);
    expect((await tus.head(id!)).status).toBe(404);
  });

  it('answers 401 with the usual error body without a token, before anything else', async () => {
    const { conversationId } = await pair(f.t.url, (c) => f.track(c));
    const bytes = randomBytes(10);
    const anonymous = new TusClient(f.t.url, '');
    const res = await anonymous.create(
      bytes.length,
      { ...metaFor(conversationId, bytes) },
      { authorization: '' },
    );
    expect(res.status).toBe(401);
    expect(errorOf(res)?.code).toBe('UNAUTHENTICATED');
    const bad = new TusClient(f.t.url, 'not-a-token');
    const patch = await bad.patch('00000000-0000-4000-8000-000000000000', 0, bytes);
    expect([patch.status, errorOf(patch)?.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  it('takes an empty file: finished by its POST alone', async () => {
    const { alice, conversationId } = await pair(f.t.url, (c) => f.track(c));
    const id = await new TusClient(f.t.url, alice.auth.accessToken).upload(
      conversationId,
      Buffer.alloc(0),
      'empty.txt',
    );
    const { info } = await fileInfo(alice, id);
    expect(info).toMatchObject({ size: 0, sha256: sha256Hex(Buffer.alloc(0)) });
    const res = await fetchBytes(f.t.url, `/api/files/${id}`, alice.auth.accessToken);
    expect([res.status, res.bytes.length, res.headers.get('content-length')]).toEqual([200, 0, '0']);
  });

  it('refuses GET on the upload endpoint (tus would serve partial bytes)', async () => {
    const { alice, conversationId } = await pair(f.t.url, (c) => f.track(c));
    const bytes = randomBytes(100);
    const tus = new TusClient(f.t.url, alice.auth.accessToken);
    const { id } = await tus.create(bytes.length, { ...metaFor(conversationId, bytes) });
    await tus.send(id!, bytes.subarray(0, 50));
    const res = await fetchBytes(f.t.url, `/api/files/uploads/${id}`, alice.auth.accessToken);
    expect(res.status).toBe(404);
    expect(res.bytes.includes(bytes.subarray(0, 50))).toBe(false);
  });
});

describe('an upload across a server restart', () => {
  const f = useTestServer();

  it('continues from the offset the server kept, with the same token, and verifies the whole file', async () => {
    const { alice, conversationId } = await pair(f.t.url, (c) => f.track(c));
    const bytes = randomBytes(3 * MiB + 123);
    const tus = new TusClient(f.t.url, alice.auth.accessToken);
    const { id } = await tus.create(bytes.length, { ...metaFor(conversationId, bytes, 'restart.bin') });
    await tus.send(id!, bytes.subarray(0, 2 * MiB));
    await f.t.restart();
    const again = new TusClient(f.t.url, alice.auth.accessToken);
    const offset = await again.offset(id!);
    expect(offset).toBe(2 * MiB);
    expect((await again.send(id!, bytes, MiB, offset)).status).toBe(204);
    const download = await fetchBytes(f.t.url, `/api/files/${id}`, alice.auth.accessToken);
    expect(sha256Hex(download.bytes)).toBe(sha256Hex(bytes));
  });

  it('deletes, on start, blob files the database does not know (a crash between writing and recording)', async () => {
    const stray = join(f.t.dataDir, 'files', 'blobs', 'ab', 'cd', 'abcd'.padEnd(64, '0'));
    await f.t.server.close();
    mkdirSync(dirname(stray), { recursive: true });
    writeFileSync(stray, 'left behind');
    await f.t.restart();
    await until(() => sizeOnDisk(stray) === -1, 10_000, 'the stray blob to go');
  });

  it('finishes an upload whose last byte arrived just before the server stopped', async () => {
    const { alice, conversationId } = await pair(f.t.url, (c) => f.track(c));
    const bytes = randomBytes(64 * 1024);
    const tus = new TusClient(f.t.url, alice.auth.accessToken);
    const { id } = await tus.create(bytes.length, { ...metaFor(conversationId, bytes) });
    // As if the server had died between the bytes and the record: write them where tus keeps them.
    await tus.send(id!, bytes.subarray(0, 1000));
    await f.t.server.close();
    appendFileSync(partialPath(f.t.dataDir, id!), bytes.subarray(1000));
    await f.t.restart();
    await until(() => blobCount(f.t.dataDir) > 0, 10_000, 'the finish after restart');
    const head = await tus.head(id!);
    expect([head.status, head.headers.get('upload-offset')]).toEqual([200, String(bytes.length)]);
    expect((await fileInfo(alice, id!)).info.sha256).toBe(sha256Hex(bytes));
  });
});

describe('expiry', () => {
  let t: TestServer;
  let skew = 0;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    t = await startTestServer(
      { uploadExpiryMs: 60_000, uploadSweepIntervalMs: 100 },
      { now: () => Date.now() + skew },
    );
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.stop();
  });

  it('sweeps unfinished uploads (410 UPLOAD_EXPIRED, bytes gone) and finished ones no message took up', async () => {
    const { alice, conversationId } = await pair(t.url, (c) => {
      clients.push(c);
      return c;
    });
    const tus = new TusClient(t.url, alice.auth.accessToken);
    const partial = randomBytes(2048);
    const { id: openId } = await tus.create(partial.length, { ...metaFor(conversationId, partial) });
    await tus.send(openId!, partial.subarray(0, 1024));
    const unsent = randomBytes(4096);
    const unsentId = await tus.upload(conversationId, unsent);
    const sent = randomBytes(4096);
    const sentId = await tus.upload(conversationId, sent);
    await sendFile(alice, conversationId, { kind: 'file', fileId: sentId as never });
    expect(blobCount(t.dataDir)).toBe(2);

    skew = 61_000;
    await until(() => sizeOnDisk(partialPath(t.dataDir, openId!)) === -1, 10_000, 'the sweep');
    await until(() => blobCount(t.dataDir) === 1, 10_000, 'the unsent file to go');
    const head = await tus.head(openId!);
    expect(head.status).toBe(410);
    const patch = await tus.patch(openId!, 1024, partial.subarray(1024));
    expect([patch.status, tusError(patch)?.code]).toEqual([410, 'UPLOAD_EXPIRED']);
    expect((await fileInfo(alice, unsentId)).status).toBe(404);
    expect((await fileInfo(alice, sentId)).status).toBe(200);
  });
});
