import { migrate } from '@parley/db';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from './migrations/index.js';

export interface OpenOptions {
  /** Electron needs a better-sqlite3 build for its own ABI; see docs/architecture.md. */
  nativeBinding?: string;
}

/** Opens (creating and migrating) the local cache. WAL, and synchronous=FULL so the outbox survives a crash. */
export function openCacheDatabase(file: string, options: OpenOptions = {}): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
