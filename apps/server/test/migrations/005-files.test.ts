import { migrate } from '@parley/db';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations/index.js';
import { dbAt, tableNames } from './support.js';

function seed(db: ReturnType<typeof dbAt>): void {
  db.prepare(
    'INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, 0)',
  ).run('a', 'a', 'A', 'h');
  db.exec(
    "INSERT INTO conversations (id, kind, name, created_by, created_at, member_limit) VALUES ('c', 'group', 'g', 'a', 0, 9)",
  );
}

describe('migration 005: files', () => {
  it('adds blobs, files, message_files and uploads, and a group avatar column', () => {
    const db = dbAt(5);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['blobs', 'files', 'message_files', 'uploads']));
    seed(db);
    expect(db.prepare("SELECT avatar_file_id FROM conversations WHERE id = 'c'").get()).toEqual({
      avatar_file_id: null,
    });
  });

  it('ties files to their blob, and refuses states and purposes it does not know', () => {
    const db = dbAt(5);
    seed(db);
    const blob = db.prepare('INSERT INTO blobs (sha256, size, image_state, created_at) VALUES (?, 1, ?, 0)');
    blob.run('s1', null);
    expect(() => blob.run('s2', 'maybe')).toThrow(/CHECK/);
    const file = db.prepare(
      `INSERT INTO files (id, uploader_id, conversation_id, purpose, name, size, mime, sha256, executable, created_at)
       VALUES (?, 'a', 'c', ?, 'n', 1, 'x/y', ?, 0, 0)`,
    );
    file.run('f1', 'message', 's1');
    expect(() => file.run('f2', 'message', 'no-such-blob')).toThrow(/FOREIGN KEY/);
    expect(() => file.run('f3', 'sticker', 's1')).toThrow(/CHECK/);
    const upload = db.prepare(
      `INSERT INTO uploads (id, uploader_id, conversation_id, name, declared_type, sha256, size, state, created_at)
       VALUES (?, 'a', 'c', 'n', 't', 's', 1, ?, 0)`,
    );
    upload.run('u1', 'open');
    expect(() => upload.run('u2', 'paused')).toThrow(/CHECK/);
  });

  it('keeps the data written at version 4', () => {
    const db = dbAt(4);
    seed(db);
    expect(migrate(db, migrations, { target: 5 })).toEqual({ from: 4, to: 5 });
    expect(db.prepare('SELECT id, name, avatar_file_id FROM conversations').all()).toEqual([
      { id: 'c', name: 'g', avatar_file_id: null },
    ]);
  });
});
