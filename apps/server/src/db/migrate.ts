import type BetterSqlite3 from 'better-sqlite3';
import { migrations as allMigrations } from './migrations/index.js';
import type { Migration } from './migrations/types.js';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The database is at schema version ${found}, but this Parley server knows versions up to ${supported}. ` +
        `It was written by a newer Parley: upgrade the server, or restore a backup made by this version.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to `target` (default: the newest), each migration in
 * its own transaction together with its user_version bump.
 */
export function migrate(
  db: BetterSqlite3.Database,
  options: { target?: number; migrations?: readonly Migration[] } = {},
): { from: number; to: number } {
  const list = options.migrations ?? allMigrations;
  const latest = list.length;
  const target = options.target ?? latest;
  const from = schemaVersion(db);
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  for (const m of list) {
    if (m.version <= from || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: schemaVersion(db) };
}
