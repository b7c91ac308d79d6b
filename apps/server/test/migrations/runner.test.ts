import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, schemaVersion } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { openDatabase } from '../../src/db/open.js';
import { createServer } from '../../src/index.js';
import { tempDir } from '../support/server.js';

describe('the migration runner', () => {
  it('numbers migrations 1..n in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('migrates a fresh database to the newest version and is idempotent', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: migrations.length });
    expect(migrate(db)).toEqual({ from: migrations.length, to: migrations.length });
  });

  it('rolls back a failing migration with its version bump', () => {
    const db = new Database(':memory:');
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        up(d: Database.Database) {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, { migrations: broken })).toThrow('boom');
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
  });

  it('opens the server database in WAL mode with synchronous=FULL', () => {
    const db = openDatabase(join(tempDir(), 'parley.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('refuses a database written by a newer Parley, with a clear message, and leaves it untouched', async () => {
    const dir = tempDir();
    const file = join(dir, 'parley.db');
    const db = new Database(file);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    await expect(
      createServer({ dataDir: dir, port: 0, host: '127.0.0.1', logLevel: 'silent' }),
    ).rejects.toThrow(DatabaseTooNewError);
    await expect(
      createServer({ dataDir: dir, port: 0, host: '127.0.0.1', logLevel: 'silent' }),
    ).rejects.toThrow(/newer Parley/);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(migrations.length + 1);
    after.close();
  });
});
