import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from '@parley/db';
import { migrations } from './migrations/index.js';

/**
 * Opens the server database with the durability the delivery guarantee needs:
 * WAL, and synchronous=FULL so a commit is on disk before anything is acked. `nativeBinding` is
 * better-sqlite3's addon to load instead of its own (the desktop's host process runs under
 * Electron's ABI, see docs/architecture.md, "Native modules").
 */
export function openDatabase(file: string, nativeBinding?: string): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, nativeBinding === undefined ? {} : { nativeBinding });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
