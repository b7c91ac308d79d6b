import Database from 'better-sqlite3';
import { migrate } from '@parley/db';
import { migrations } from '../../src/db/migrations/index.js';

/** An in-memory database migrated to exactly `version`. */
export function dbAt(version: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations, { target: version });
  return db;
}

export function tableNames(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);
}
