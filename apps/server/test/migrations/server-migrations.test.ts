import { DatabaseTooNewError } from '@parley/db';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations/index.js';
import { openDatabase } from '../../src/db/open.js';
import { createServer } from '../../src/index.js';
import { tempDir } from '../support/server.js';

describe("the server's schema", () => {
  it('numbers its migrations 1..n in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('opens the database in WAL mode with synchronous=FULL, fully migrated', () => {
    const db = openDatabase(join(tempDir(), 'parley.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('refuses a database written by a newer Parley, with a clear message, and leaves it untouched', async () => {
    const dir = tempDir();
    const file = join(dir, 'parley.db');
    const db = new Database(file);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    const start = () => createServer({ dataDir: dir, port: 0, host: '127.0.0.1', logLevel: 'silent' });
    await expect(start()).rejects.toThrow(DatabaseTooNewError);
    await expect(start()).rejects.toThrow(/newer Parley/);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(migrations.length + 1);
    after.close();
  });
});
