import type { Sql } from '@parley/db';

/** Small per-device facts: who is signed in where, and the user stream's position. */
export class MetaStore {
  constructor(private readonly sql: Sql) {}

  get(key: string): string | undefined {
    return this.sql.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key])?.value;
  }

  set(key: string, value: string): void {
    this.sql.run(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }

  delete(key: string): void {
    this.sql.run('DELETE FROM meta WHERE key = ?', [key]);
  }

  get userSeq(): number {
    return Number(this.get('user_seq') ?? 0);
  }

  set userSeq(seq: number) {
    this.set('user_seq', String(seq));
  }

  /** Whether the signed-in user administers the server (from the sign-in, then their profile events). */
  get isAdmin(): boolean {
    return this.get('is_admin') === '1';
  }

  set isAdmin(isAdmin: boolean) {
    this.set('is_admin', isAdmin ? '1' : '0');
  }
}
