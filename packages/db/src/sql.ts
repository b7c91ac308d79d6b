import type BetterSqlite3 from 'better-sqlite3';

type Param = string | number | bigint | Buffer | null;
export type Params = Param[] | Record<string, Param>;

/**
 * The one way modules touch SQLite: prepared statements cached by their text,
 * with the row type stated at the call site.
 */
export class Sql {
  private readonly cache = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly raw: BetterSqlite3.Database) {}

  private stmt(query: string): BetterSqlite3.Statement {
    let s = this.cache.get(query);
    if (!s) {
      s = this.raw.prepare(query);
      this.cache.set(query, s);
    }
    return s;
  }

  get<T>(query: string, params: Params = []): T | undefined {
    return this.stmt(query).get(params) as T | undefined;
  }

  all<T>(query: string, params: Params = []): T[] {
    return this.stmt(query).all(params) as T[];
  }

  run(query: string, params: Params = []): BetterSqlite3.RunResult {
    return this.stmt(query).run(params);
  }

  /** Runs `fn` in a transaction (a savepoint when already inside one). */
  tx<T>(fn: () => T): T {
    return this.raw.transaction(fn)();
  }
}
