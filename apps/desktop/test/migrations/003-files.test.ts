import { migrate, schemaVersion } from '@parley/db';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/core/db/migrations/index.js';
import { CACHE_FILE, LocalStore } from '../../src/core/store/local-store.js';
import { tempDir } from '../support/harness.js';

const columns = (db: Database.Database, table: string) =>
  db.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck().all(table);

describe('migration 003: files', () => {
  it('adds the uploads and files tables and a group avatar column', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    expect(schemaVersion(db)).toBe(3);
    expect(columns(db, 'uploads')).toEqual([
      'client_msg_id',
      'source',
      'path',
      'size',
      'mtime_ms',
      'sha256',
      'upload_url',
      'confirmed_offset',
      'paused',
      'file_json',
    ]);
    expect(columns(db, 'files')).toEqual(['id', 'message_id', 'conversation_id', 'sha256', 'info_json']);
    expect(columns(db, 'conversations')).toContain('avatar_file_id');
    expect(() =>
      db
        .prepare("INSERT INTO uploads (client_msg_id, source, path, size) VALUES ('k', 'somewhere', '/x', 1)")
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare("INSERT INTO uploads (client_msg_id, source, path, size) VALUES ('k', 'path', '/x', 'big')")
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });

  it('keeps a version 2 cache as it was, with its outbox, and removes an upload with its outbox entry', () => {
    const dir = tempDir();
    const db = new Database(join(dir, CACHE_FILE));
    migrate(db, migrations, { target: 2 });
    const conversationId = randomUUID();
    const kept = randomUUID();
    const withFile = randomUUID();
    db.prepare(
      `INSERT INTO conversations (id, kind, name, created_by, created_at, member_limit) VALUES (?, 'group', 'Team', 'u', 1, 500)`,
    ).run(conversationId);
    const outbox = db.prepare(
      `INSERT INTO outbox (client_msg_id, conversation_id, content_json, created_at, state) VALUES (?, ?, ?, ?, 'pending')`,
    );
    outbox.run(kept, conversationId, JSON.stringify({ kind: 'text', text: 'still here' }), 1);
    db.close();

    const store = LocalStore.open(dir);
    try {
      expect(schemaVersion(store.db)).toBe(3);
      expect(store.outbox.pending().map((e) => [e.clientMsgId, e.content])).toEqual([
        [kept, { kind: 'text', text: 'still here' }],
      ]);
      expect(store.conversations.get(conversationId)).toMatchObject({ name: 'Team', avatar_file_id: null });

      store.outbox.add({
        clientMsgId: withFile,
        conversationId,
        content: {
          kind: 'file',
          name: 'a.pdf',
          size: 3,
          mime: 'application/pdf',
          width: null,
          height: null,
          fileId: null,
        },
        createdAt: 2,
      });
      store.uploads.add({
        clientMsgId: withFile,
        source: 'path',
        path: '/home/ada/a.pdf',
        size: 3,
        mtimeMs: 5,
      });
      expect(store.uploads.get(withFile)).toMatchObject({
        source: 'path',
        confirmedOffset: 0,
        paused: false,
      });
      // The trigger: an outbox entry that goes (sent, discarded, came back from another device) takes its upload along.
      store.outbox.remove(withFile);
      expect(store.uploads.get(withFile)).toBeUndefined();
      expect(store.uploads.get(kept)).toBeUndefined();
    } finally {
      store.close();
    }
  });
});
