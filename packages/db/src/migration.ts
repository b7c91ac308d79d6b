import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  /** Equals the file's number; the database's user_version after it has run. */
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
}
