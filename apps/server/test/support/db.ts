import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../src/index.js';

/** Every row of every table, keyed by table name, in a stable order. */
export type DbSnapshot = Record<string, unknown[]>;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Reads every table of a (running) server's database through a separate read-only connection. */
export function dbSnapshot(dataDir: string): DbSnapshot {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const snapshot: DbSnapshot = {};
    for (const table of tables) {
      const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
      const order = columns.map((_, i) => i + 1).join(', ');
      snapshot[table] = db.prepare(`SELECT * FROM ${quote(table)} ORDER BY ${order}`).all();
    }
    return snapshot;
  } finally {
    db.close();
  }
}

/** One value from the server's own settings table (the token secret, say). */
export function serverMeta(dataDir: string, key: string): string | undefined {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT value FROM server_meta WHERE key = ?').pluck().get(key) as string | undefined;
  } finally {
    db.close();
  }
}
