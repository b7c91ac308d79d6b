import type { Sql } from '@parley/db';
import type { FriendRequest } from '@parley/shared';

/** Friends, pending requests and blocks, as the user stream says. */
export class SocialCache {
  constructor(private readonly sql: Sql) {}

  addFriend(userId: string, since: number): void {
    this.sql.run('INSERT INTO friends (user_id, since) VALUES (?, ?) ON CONFLICT DO NOTHING', [
      userId,
      since,
    ]);
  }

  removeFriend(userId: string): void {
    this.sql.run('DELETE FROM friends WHERE user_id = ?', [userId]);
  }

  friends(): { userId: string; since: number }[] {
    return this.sql
      .all<{ user_id: string; since: number }>('SELECT user_id, since FROM friends ORDER BY since')
      .map((r) => ({ userId: r.user_id, since: r.since }));
  }

  putRequest(request: FriendRequest, direction: 'incoming' | 'outgoing'): void {
    this.sql.run(
      `INSERT INTO friend_requests (id, direction, json) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET json = excluded.json`,
      [request.id, direction, JSON.stringify(request)],
    );
  }

  removeRequest(id: string): void {
    this.sql.run('DELETE FROM friend_requests WHERE id = ?', [id]);
  }

  requests(direction: 'incoming' | 'outgoing'): FriendRequest[] {
    return this.sql
      .all<{ json: string }>('SELECT json FROM friend_requests WHERE direction = ? ORDER BY rowid DESC', [
        direction,
      ])
      .map((r) => JSON.parse(r.json) as FriendRequest);
  }

  setBlocked(userId: string, blocked: boolean): void {
    if (blocked) this.sql.run('INSERT OR IGNORE INTO blocks (user_id) VALUES (?)', [userId]);
    else this.sql.run('DELETE FROM blocks WHERE user_id = ?', [userId]);
  }

  blocked(): string[] {
    return this.sql.all<{ user_id: string }>('SELECT user_id FROM blocks').map((r) => r.user_id);
  }
}
