import type { Sql } from '@parley/db';
import type { PublicUser } from '@parley/shared';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  bio: string;
  avatar_file_id: string | null;
  created_at: number;
}

const toUser = (r: UserRow): PublicUser => ({
  id: r.id as PublicUser['id'],
  username: r.username,
  displayName: r.display_name,
  bio: r.bio,
  avatarFileId: r.avatar_file_id,
  createdAt: r.created_at,
});

/** Profiles of everyone the account has seen. */
export class UsersCache {
  constructor(private readonly sql: Sql) {}

  upsert(u: PublicUser): void {
    this.sql.run(
      `INSERT INTO users (id, username, display_name, bio, avatar_file_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
         bio = excluded.bio, avatar_file_id = excluded.avatar_file_id`,
      [u.id, u.username, u.displayName, u.bio, u.avatarFileId, u.createdAt],
    );
  }

  get(id: string): PublicUser | undefined {
    const r = this.sql.get<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
    return r && toUser(r);
  }

  many(ids: readonly string[]): PublicUser[] {
    return this.sql
      .all<UserRow>('SELECT * FROM users WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)])
      .map(toUser);
  }

  /** Whether a cached profile shows this file as its avatar. */
  hasAvatar(fileId: string): boolean {
    return this.sql.get('SELECT 1 FROM users WHERE avatar_file_id = ? LIMIT 1', [fileId]) !== undefined;
  }

  /** Ids we hold no profile for. */
  missing(ids: readonly string[]): string[] {
    const known = new Set(this.many(ids).map((u) => u.id as string));
    return [...new Set(ids)].filter((id) => !known.has(id));
  }
}
