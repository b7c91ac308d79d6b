import { DatabaseTooNewError } from '@parley/db';
import type { ConversationEvent, ConversationEventPage, Message } from '@parley/shared';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDataDir } from '../src/backup/backup.js';
import { RestoreError, restoreDataDir } from '../src/backup/restore.js';
import { TarWriter } from '../src/backup/tar-writer.js';
import { login, newUser, TestClient, until } from './support/client.js';
import { runCli } from './support/cli.js';
import { fetchBytes, fileInfo, sendFile } from './support/files.js';
import { startTestServer, tempDir, type TestServer } from './support/server.js';
import { sha256Hex, TusClient, metaFor } from './support/tus.js';

const servers: TestServer[] = [];
const scratchDirs: string[] = [];
/** A temp folder, removed after the file's tests. */
function scratch(): string {
  const dir = tempDir('parley-backup-test-');
  scratchDirs.push(dir);
  return dir;
}
const clients: TestClient[] = [];
afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of servers) await s.stop();
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

async function server(dataDir?: string): Promise<TestServer> {
  const t = await startTestServer(dataDir === undefined ? {} : { dataDir });
  servers.push(t);
  return t;
}

/** Every event of a conversation, as a member sees it. */
async function allEvents(client: TestClient, conversationId: string) {
  const events: ConversationEvent[] = [];
  for (;;) {
    const page: ConversationEventPage = await client.rpc('sync.conversation', {
      conversationId,
      afterSeq: events.at(-1)?.seq ?? 0,
      limit: 500,
    });
    events.push(...page.events);
    if (!page.hasMore) return events;
  }
}

const fileIdOf = (m: Message) => (m.content && m.content.kind !== 'text' ? m.content.fileId : undefined);

describe('backup and restore', () => {
  it('backs up a running server under write load; restored, it holds every message acknowledged before the backup and every file, byte for byte', async () => {
    const t = await server();
    const a = await newUser(t.url);
    const b = await newUser(t.url);
    clients.push(a, b);
    const { conversation } = await a.rpc('groups.create', { name: 'backed up', memberIds: [b.userId] });
    const tus = new TusClient(t.url, a.auth.accessToken);
    const uploaded = new Map<string, string>();

    // Before: a file and an image (whose thumbnail and preview are made), each sent in a message.
    const document = randomBytes(700_000);
    const documentId = await tus.upload(conversation.id, document, 'report.pdf');
    uploaded.set(documentId, sha256Hex(document));
    await sendFile(a, conversation.id, { kind: 'file', fileId: documentId as never });
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer();
    const imageId = await tus.upload(conversation.id, png, 'photo.png', 'image/png');
    uploaded.set(imageId, sha256Hex(png));
    for (;;) {
      if ((await fileInfo(a, imageId)).info.hasThumbnail) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await sendFile(a, conversation.id, { kind: 'image', fileId: imageId as never });

    // During: one client sends continuously, another uploads a file slowly, until the backup is done.
    const load = { backupDone: false };
    const acks: { clientMsgId: string; seq: number; text: string }[] = [];
    const sending = (async () => {
      for (let i = 0; !load.backupDone; i++) {
        const clientMsgId = randomUUID();
        const text = `under load ${i}`;
        const r = await a.call('messages.send', {
          conversationId: conversation.id,
          clientMsgId,
          content: { kind: 'text', text },
        });
        if (r.ok) acks.push({ clientMsgId, seq: r.data.seq, text });
      }
    })();
    // The upload stops one chunk short until the backup is done: its partial is on disk throughout.
    const slowFile = randomBytes(2 * 1024 * 1024);
    const uploading = (async () => {
      const bTus = new TusClient(t.url, b.auth.accessToken);
      const created = await bTus.create(slowFile.length, metaFor(conversation.id, slowFile, 'slow.bin'));
      const chunk = 256 * 1024;
      for (let offset = 0; offset < slowFile.length; offset += chunk) {
        if (offset + chunk >= slowFile.length) await until(() => load.backupDone, 60_000, 'the backup');
        const res = await bTus.patch(created.id!, offset, slowFile.subarray(offset, offset + chunk));
        if (res.status !== 204) throw new Error(`patch: ${res.status}`);
      }
      await sendFile(b, conversation.id, { kind: 'file', fileId: created.id as never });
      uploaded.set(created.id!, sha256Hex(slowFile));
    })();
    await until(() => acks.length >= 20, 10_000, 'sends under way');

    const ackedBeforeBackup = [...acks];
    const archive = join(scratch(), 'parley-backup.tar');
    const backup = await runCli(['backup', archive, '--data-dir', t.dataDir]);
    load.backupDone = true;
    const ackedDuringBackup = acks.length - ackedBeforeBackup.length;
    await Promise.all([sending, uploading]);
    console.log(backup.out.trim());
    console.log(`messages acknowledged while the backup ran: ${ackedDuringBackup}`);
    expect(backup, backup.err).toMatchObject({ code: 0 });
    expect(backup.out).toMatch(/Backed up .* the database and \d+ files/);
    expect((await fetch(`${t.url}/api/ready`)).status).toBe(200);

    // A standard tar reads the archive.
    const listing = spawnSync('tar', ['-tf', archive], { encoding: 'utf8' });
    expect(listing.status, listing.stderr).toBe(0);
    const names = listing.stdout.trim().split('\n');
    expect(names.slice(0, 2)).toEqual(['parley-backup.json', 'parley.db']);
    expect(names).toContain(
      `files/blobs/${uploaded.get(documentId)!.slice(0, 2)}/${uploaded.get(documentId)!.slice(2, 4)}/${uploaded.get(documentId)!}`,
    );
    expect(names.filter((n) => n.startsWith('files/derived/') && n.endsWith('.thumbnail.webp'))).toHaveLength(
      1,
    );
    expect(names.some((n) => n.startsWith('files/uploads'))).toBe(false);

    const restoredDir = join(scratch(), 'restored');
    const restore = await runCli(['restore', archive, '--data-dir', restoredDir]);
    expect(restore, restore.err).toMatchObject({ code: 0 });
    const r = await server(restoredDir);
    const a2 = await new TestClient(r.url, await login(r.url, a.auth.user.username)).connected();
    clients.push(a2);
    const events = await allEvents(a2, conversation.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const messages = events.flatMap((e) => (e.type === 'message.created' ? [e.message] : []));
    const byKey = new Map(messages.map((m) => [m.clientMsgId, m]));
    for (const ack of ackedBeforeBackup) {
      expect(byKey.get(ack.clientMsgId as never), ack.text).toMatchObject({
        seq: ack.seq,
        content: { kind: 'text', text: ack.text },
      });
    }
    // Every file a restored message refers to downloads with its sha256; those sent before, certainly.
    const restoredFiles = messages.flatMap((m) => fileIdOf(m) ?? []);
    expect(restoredFiles).toEqual(expect.arrayContaining([documentId, imageId]));
    for (const id of restoredFiles) {
      const download = await fetchBytes(r.url, `/api/files/${id}`, a2.auth.accessToken);
      expect(download.status).toBe(200);
      expect(sha256Hex(download.bytes)).toBe(uploaded.get(id));
    }
    const thumbnail = await fetchBytes(r.url, `/api/files/${imageId}/thumbnail`, a2.auth.accessToken);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    // The server's id came along, so desktops know it for the same server.
    expect(r.server.serverId).toBe(t.server.serverId);
  });

  it('takes another snapshot when a file it refers to is deleted before it is pinned; the restore has no dangling file', async () => {
    const t = await server();
    const a = await newUser(t.url);
    clients.push(a);
    const { conversation } = await a.rpc('groups.create', { name: 'g', memberIds: [] });
    const kept = randomBytes(5_000);
    const keptId = await new TusClient(t.url, a.auth.accessToken).upload(conversation.id, kept);
    await sendFile(a, conversation.id, { kind: 'file', fileId: keptId as never });
    const gone = randomBytes(6_000);
    const goneId = await new TusClient(t.url, a.auth.accessToken).upload(conversation.id, gone);
    const recalled = await sendFile(a, conversation.id, { kind: 'file', fileId: goneId as never });
    const goneBlob = join(
      t.dataDir,
      'files',
      'blobs',
      sha256Hex(gone).slice(0, 2),
      sha256Hex(gone).slice(2, 4),
      sha256Hex(gone),
    );

    const archive = join(scratch(), 'resnapshot.tar');
    const lines: string[] = [];
    const result = await backupDataDir(t.dataDir, archive, (line) => lines.push(line), {
      // Right after the first snapshot, the message is recalled: its file and blob are deleted.
      afterSnapshot: async (n) => {
        if (n !== 1) return;
        await a.rpc('messages.recall', { messageId: recalled.id });
        await until(() => !existsSync(goneBlob), 5_000, 'the blob to be deleted');
      },
    });
    expect(result).toMatchObject({ snapshots: 2, blobs: 1 });
    expect(lines[0]).toContain('were deleted while the snapshot was read');

    const restoredDir = join(scratch(), 'restored');
    await restoreDataDir(archive, restoredDir);
    const r = await server(restoredDir);
    const a2 = await new TestClient(r.url, await login(r.url, a.auth.user.username)).connected();
    clients.push(a2);
    const events = await allEvents(a2, conversation.id);
    expect(events.map((e) => e.type)).toContain('message.recalled');
    const download = await fetchBytes(r.url, `/api/files/${keptId}`, a2.auth.accessToken);
    expect(sha256Hex(download.bytes)).toBe(sha256Hex(kept));
    expect((await fetchBytes(r.url, `/api/files/${goneId}`, a2.auth.accessToken)).status).toBe(404);
  });

  it('backs up a stopped server too, and refuses what it must: an existing output, a folder with no database', async () => {
    const t = await server();
    const a = await newUser(t.url);
    const { conversation } = await a.rpc('groups.create', { name: 'g', memberIds: [] });
    await a.send(conversation.id, 'kept');
    a.close();
    await t.server.close();
    // The TLS folder comes along; an old backup and a stray folder in the data dir do not.
    mkdirSync(join(t.dataDir, 'tls'));
    writeFileSync(join(t.dataDir, 'tls', 'key.pem'), 'the pinned key');
    writeFileSync(join(t.dataDir, 'old-backup.tar'), 'an earlier backup');
    mkdirSync(join(t.dataDir, 'junk'));
    writeFileSync(join(t.dataDir, 'junk', 'big.bin'), 'not ours');

    const archive = join(scratch(), 'stopped.tar');
    expect(await runCli(['backup', archive, '--data-dir', t.dataDir])).toMatchObject({ code: 0 });
    const again = await runCli(['backup', archive, '--data-dir', t.dataDir]);
    expect(again.code).toBe(5);
    expect(again.err).toContain('exists already');
    const empty = await runCli(['backup', join(scratch(), 'x.tar'), '--data-dir', scratch()]);
    expect(empty.code).toBe(6);
    expect(empty.err).toContain('no Parley database');
    expect((await runCli(['backup'])).code).toBe(2);
    // Never into the data dir itself, where the next backup would find it.
    await expect(backupDataDir(t.dataDir, join(t.dataDir, 'inside.tar'))).rejects.toMatchObject({
      reason: 'OUTPUT_INSIDE',
    });

    const restoredDir = join(scratch(), 'from-stopped');
    expect(await runCli(['restore', archive, '--data-dir', restoredDir])).toMatchObject({ code: 0 });
    expect(readFileSync(join(restoredDir, 'tls', 'key.pem'), 'utf8')).toBe('the pinned key');
    expect(readdirSync(restoredDir).sort()).toEqual(['parley.db', 'server-id', 'tls']);
    const r = await server(restoredDir);
    const a2 = await new TestClient(r.url, await login(r.url, a.auth.user.username)).connected();
    clients.push(a2);
    const events = await allEvents(a2, conversation.id);
    expect(events.flatMap((e) => (e.type === 'message.created' ? [e.message.content] : []))).toEqual([
      { kind: 'text', text: 'kept' },
    ]);
  });

  it('restore refuses a folder in use, and an archive that is damaged, foreign or hostile, leaving nothing behind', async () => {
    const t = await server();
    const a = await newUser(t.url);
    const { conversation } = await a.rpc('groups.create', { name: 'g', memberIds: [] });
    const bytes = randomBytes(10_000);
    const fileId = await new TusClient(t.url, a.auth.accessToken).upload(conversation.id, bytes);
    await sendFile(a, conversation.id, { kind: 'file', fileId: fileId as never });
    a.close();
    const good = join(scratch(), 'good.tar');
    expect(await runCli(['backup', good, '--data-dir', t.dataDir])).toMatchObject({ code: 0 });

    // Archives built by hand from the good one's pieces.
    const parts = scratch();
    expect(spawnSync('tar', ['-xf', good, '-C', parts]).status).toBe(0);
    const sha = sha256Hex(bytes);
    const blob = `files/blobs/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
    const build = async (name: string, entries: [string, string | Buffer][]) => {
      const path = join(scratch(), name);
      const tar = await TarWriter.create(path);
      for (const [entry, source] of entries) {
        if (typeof source === 'string') await tar.addFile(entry, source);
        else await tar.addBuffer(entry, source);
      }
      await tar.finish();
      return path;
    };
    const manifest = join(parts, 'parley-backup.json');
    const db = join(parts, 'parley.db');
    const damagedBlob = Buffer.from(bytes);
    damagedBlob[5_000] = (damagedBlob[5_000]! + 1) % 256;
    const cases: [string, string, RegExp][] = [
      [
        'damaged',
        await build('damaged.tar', [
          ['parley-backup.json', manifest],
          ['parley.db', db],
          [blob, damagedBlob],
        ]),
        /damaged/,
      ],
      [
        'missing file',
        await build('missing.tar', [
          ['parley-backup.json', manifest],
          ['parley.db', db],
        ]),
        /holds 0 of its 1 files/,
      ],
      [
        'traversal',
        await build('evil.tar', [
          ['parley-backup.json', manifest],
          ['../evil', Buffer.from('x')],
        ]),
        /unexpected path/,
      ],
      [
        'absolute',
        await build('abs.tar', [
          ['parley-backup.json', manifest],
          ['/etc/evil', Buffer.from('x')],
        ]),
        /unexpected path/,
      ],
      [
        'live wal',
        await build('wal.tar', [
          ['parley-backup.json', manifest],
          ['parley.db-wal', Buffer.from('x')],
        ]),
        /unexpected path/,
      ],
      ['no manifest', await build('foreign.tar', [['parley.db', db]]), /not a Parley backup/],
      [
        'not a database',
        await build('notdb.tar', [
          ['parley-backup.json', manifest],
          ['parley.db', Buffer.alloc(8192, 7)],
          [blob, bytes],
        ]),
        /database in the archive/,
      ],
    ];
    const truncated = join(scratch(), 'truncated.tar');
    copyFileSync(good, truncated);
    spawnSync('truncate', ['-s', '3000', truncated]);
    cases.push(['truncated', truncated, /truncated/]);
    const notTar = join(scratch(), 'random.tar');
    writeFileSync(notTar, randomBytes(4096));
    cases.push(['random bytes', notTar, /not a valid backup/]);

    for (const [what, archive, message] of cases) {
      const target = join(scratch(), 'target');
      const refusal = await restoreDataDir(archive, target).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(refusal, what).toBeInstanceOf(RestoreError);
      expect((refusal as RestoreError).reason, what).toBe('INVALID_ARCHIVE');
      expect((refusal as RestoreError).message, what).toMatch(message);
      expect(readdirSync(join(target, '..')), what).toEqual([]);
    }

    // An existing empty folder (a Docker volume's mount point) is restored into in place; refused, it stays empty.
    const volume = scratch();
    await expect(restoreDataDir(notTar, volume)).rejects.toBeInstanceOf(RestoreError);
    expect(readdirSync(volume)).toEqual([]);
    await restoreDataDir(good, volume);
    expect(readdirSync(volume).sort()).toEqual(['files', 'parley.db', 'server-id']);

    // A database from a newer Parley is refused as the server would refuse it.
    const newer = join(scratch(), 'parley.db');
    copyFileSync(db, newer);
    const handle = new Database(newer);
    handle.pragma('user_version = 999');
    handle.close();
    const tooNew = await build('newer.tar', [
      ['parley-backup.json', manifest],
      ['parley.db', newer],
      [blob, bytes],
    ]);
    await expect(restoreDataDir(tooNew, join(scratch(), 'target'))).rejects.toBeInstanceOf(
      DatabaseTooNewError,
    );

    // The CLI's exit codes: 5 for a folder in use, 6 for a bad archive, 3 for a newer database.
    const busy = scratch();
    writeFileSync(join(busy, 'keep.txt'), 'mine');
    const intoBusy = await runCli(['restore', good, '--data-dir', busy]);
    expect(intoBusy.code).toBe(5);
    expect(intoBusy.err).toContain('not an empty folder');
    expect(readdirSync(busy)).toEqual(['keep.txt']);
    expect((await runCli(['restore', notTar, '--data-dir', join(scratch(), 't')])).code).toBe(6);
    expect((await runCli(['restore', tooNew, '--data-dir', join(scratch(), 't')])).code).toBe(3);
  });
});
