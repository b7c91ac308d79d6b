import type { Sql } from '@parley/db';

export interface SessionRow {
  id: string;
  user_id: string;
  device_name: string;
  created_at: number;
  last_used_at: number;
  revoked_at: number | null;
  revoke_reason: string | null;
}

/** The sessions and refresh_tokens tables, and the token secret in server_meta. */
export class SessionsStore {
  constructor(private readonly sql: Sql) {}

  tokenSecret(generate: () => string): string {
    const row = this.sql.get<{ value: string }>("SELECT value FROM server_meta WHERE key = 'token_secret'");
    if (row) return row.value;
    const secret = generate();
    this.sql.run("INSERT INTO server_meta (key, value) VALUES ('token_secret', ?)", [secret]);
    return secret;
  }

  insert(s: { id: string; userId: string; deviceName: string; now: number }): void {
    this.sql.run(
      'INSERT INTO sessions (id, user_id, device_name, created_at, last_used_at) VALUES (?, ?, ?, ?, ?)',
      [s.id, s.userId, s.deviceName, s.now, s.now],
    );
  }

  byId(id: string): SessionRow | undefined {
    return this.sql.get<SessionRow>('SELECT * FROM sessions WHERE id = ?', [id]);
  }

  activeOfUser(userId: string): SessionRow[] {
    return this.sql.all<SessionRow>(
      'SELECT * FROM sessions WHERE user_id = ? AND revoked_at IS NULL ORDER BY last_used_at DESC',
      [userId],
    );
  }

  touch(id: string, now: number): void {
    this.sql.run('UPDATE sessions SET last_used_at = ? WHERE id = ?', [now, id]);
  }

  revoke(id: string, reason: string, now: number): boolean {
    return (
      this.sql.run(
        'UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL',
        [now, reason, id],
      ).changes > 0
    );
  }

  insertRefreshToken(hash: string, sessionId: string, now: number): void {
    this.sql.run('INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES (?, ?, ?)', [
      hash,
      sessionId,
      now,
    ]);
  }

  refreshToken(hash: string): { session_id: string; created_at: number; used_at: number | null } | undefined {
    return this.sql.get('SELECT session_id, created_at, used_at FROM refresh_tokens WHERE token_hash = ?', [
      hash,
    ]);
  }

  markRefreshTokenUsed(hash: string, now: number): void {
    this.sql.run('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?', [now, hash]);
  }
}
