import type { Me, PublicUser } from '@parley/shared';
import type { Sql } from '@parley/db';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  bio: string;
  avatar_file_id: string | null;
  password_hash: string;
  is_admin: number;
  created_at: number;
  last_seen_at: number | null;
  disabled_at: number | null;
  must_change_password: number;
}

export type StoredUser = UserRow;

const PUBLIC_COLUMNS =
  'id, username, display_name, bio, avatar_file_id, password_hash, is_admin, created_at, last_seen_at, disabled_at, must_change_password';

/** A LIKE pattern's special characters escaped (with backslash). */
const escapeLike = (s: string) => s.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c);

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id as PublicUser['id'],
    username: row.username,
    displayName: row.display_name,
    bio: row.bio,
    avatarFileId: row.avatar_file_id,
    createdAt: row.created_at,
  };
}

export function toMe(row: UserRow): Me {
  return { ...toPublicUser(row), isAdmin: row.is_admin === 1 };
}

/** The users table. */
export class UsersStore {
  constructor(private readonly sql: Sql) {}

  count(): number {
    return this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM users')?.n ?? 0;
  }

  insert(u: {
    id: string;
    username: string;
    displayName: string;
    passwordHash: string;
    isAdmin: boolean;
    now: number;
  }): void {
    this.sql.run(
      `INSERT INTO users (id, username, display_name, password_hash, is_admin, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [u.id, u.username, u.displayName, u.passwordHash, u.isAdmin ? 1 : 0, u.now],
    );
  }

  usernameTaken(username: string): boolean {
    return this.sql.get('SELECT 1 FROM users WHERE username = ?', [username]) !== undefined;
  }

  byUsername(username: string): StoredUser | undefined {
    return this.sql.get<UserRow>(`SELECT ${PUBLIC_COLUMNS} FROM users WHERE username = ?`, [username]);
  }

  byId(id: string): StoredUser | undefined {
    return this.sql.get<UserRow>(`SELECT ${PUBLIC_COLUMNS} FROM users WHERE id = ?`, [id]);
  }

  byIds(ids: readonly string[]): StoredUser[] {
    if (ids.length === 0) return [];
    return this.sql.all<UserRow>(
      `SELECT ${PUBLIC_COLUMNS} FROM users WHERE id IN (SELECT value FROM json_each(?))`,
      [JSON.stringify(ids)],
    );
  }

  exists(id: string): boolean {
    return this.sql.get('SELECT 1 FROM users WHERE id = ?', [id]) !== undefined;
  }

  /**
   * Username prefix or display-name substring, case-insensitive, excluding `exceptId` and disabled
   * accounts (nobody can befriend or reach them).
   */
  search(query: string, exceptId: string, limit: number): StoredUser[] {
    const escaped = escapeLike(query);
    return this.sql.all<UserRow>(
      `SELECT ${PUBLIC_COLUMNS} FROM users
       WHERE id != ? AND disabled_at IS NULL
         AND (username LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\')
       ORDER BY (lower(username) = ?) DESC, username LIMIT ?`,
      [exceptId, `${escaped}%`, `%${escaped}%`, query.toLowerCase(), limit],
    );
  }

  updateProfile(id: string, patch: { displayName?: string | undefined; bio?: string | undefined }): void {
    this.sql.run(
      `UPDATE users SET display_name = COALESCE(?, display_name), bio = COALESCE(?, bio) WHERE id = ?`,
      [patch.displayName ?? null, patch.bio ?? null, id],
    );
  }

  setAvatar(id: string, fileId: string | null): void {
    this.sql.run('UPDATE users SET avatar_file_id = ? WHERE id = ?', [fileId, id]);
  }

  setPasswordHash(id: string, hash: string): void {
    this.sql.run('UPDATE users SET password_hash = ? WHERE id = ?', [hash, id]);
  }

  /**
   * A page of every user by username, for administrators; `query` ('' for all) matches as search()
   * does. With the number of users that match.
   */
  page(query: string, offset: number, limit: number): { users: StoredUser[]; total: number } {
    const escaped = escapeLike(query);
    const where = `? = '' OR username LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\'`;
    const args = [query, `${escaped}%`, `%${escaped}%`];
    const users = this.sql.all<UserRow>(
      `SELECT ${PUBLIC_COLUMNS} FROM users WHERE ${where} ORDER BY username, id LIMIT ? OFFSET ?`,
      [...args, limit, offset],
    );
    const total = this.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM users WHERE ${where}`, args)?.n ?? 0;
    return { users, total };
  }

  /** Administrators whose account is not disabled. */
  activeAdminCount(): number {
    return (
      this.sql.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM users WHERE is_admin = 1 AND disabled_at IS NULL',
      )?.n ?? 0
    );
  }

  setAdmin(id: string, isAdmin: boolean): void {
    this.sql.run('UPDATE users SET is_admin = ? WHERE id = ?', [isAdmin ? 1 : 0, id]);
  }

  setDisabled(id: string, at: number | null): void {
    this.sql.run('UPDATE users SET disabled_at = ? WHERE id = ?', [at, id]);
  }

  setMustChangePassword(id: string, must: boolean): void {
    this.sql.run('UPDATE users SET must_change_password = ? WHERE id = ?', [must ? 1 : 0, id]);
  }

  setLastSeen(id: string, at: number): void {
    this.sql.run('UPDATE users SET last_seen_at = ? WHERE id = ?', [at, id]);
  }

  lastSeen(ids: readonly string[]): Map<string, number | null> {
    const rows = this.sql.all<{ id: string; last_seen_at: number | null }>(
      'SELECT id, last_seen_at FROM users WHERE id IN (SELECT value FROM json_each(?))',
      [JSON.stringify(ids)],
    );
    return new Map(rows.map((r) => [r.id, r.last_seen_at]));
  }
}
