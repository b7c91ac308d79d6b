import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, type Migration, schemaVersion } from '../src/index.js';

const list: Migration[] = [
  { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE a (x INTEGER)') },
  { version: 2, name: 'two', up: (db) => db.exec('ALTER TABLE a ADD COLUMN y TEXT') },
];

describe('migrate', () => {
  it('runs every migration once, in order, and records the version', () => {
    const db = new Database(':memory:');
    expect(migrate(db, list, { target: 1 })).toEqual({ from: 0, to: 1 });
    expect(migrate(db, list)).toEqual({ from: 1, to: 2 });
    expect(migrate(db, list)).toEqual({ from: 2, to: 2 });
    expect(db.prepare("SELECT name FROM pragma_table_info('a') ORDER BY cid").all()).toEqual([
      { name: 'x' },
      { name: 'y' },
    ]);
  });

  it('rolls back a failing migration together with its version bump', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      ...list,
      {
        version: 3,
        name: 'broken',
        up(d) {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
  });

  it('refuses a database from a newer version', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 9');
    expect(() => migrate(db, list)).toThrow(DatabaseTooNewError);
    expect(schemaVersion(db)).toBe(9);
  });

  it('refuses a list whose versions are not 1..n', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [list[1]!])).toThrow(/expected 1/);
  });
});
