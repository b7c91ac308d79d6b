import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './migration.js';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The database is at schema version ${found}, but this Parley knows versions up to ${supported}. ` +
        `It was written by a newer Parley: upgrade, or restore a backup made by this version.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to `target` (default: the newest of `migrations`), each
 * migration in its own transaction together with its user_version bump.
 * Migration n must have version n.
 */
export function migrate(
  db: BetterSqlite3.Database,
  migrations: readonly Migration[],
  options: { target?: number } = {},
): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const target = options.target ?? latest;
  const from = schemaVersion(db);
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  for (const m of migrations) {
    if (m.version <= from || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: schemaVersion(db) };
}
