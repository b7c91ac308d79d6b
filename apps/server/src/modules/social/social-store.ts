import type { Sql } from '@parley/db';

export interface FriendRequestRow {
  id: string;
  from_user_id: string;
  to_user_id: string;
  message: string;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  created_at: number;
}

/** The friend_requests, friendships and blocks tables. */
export class SocialStore {
  constructor(private readonly sql: Sql) {}

  areFriends(a: string, b: string): boolean {
    return (
      this.sql.get('SELECT 1 FROM friendships WHERE user_id = ? AND friend_id = ?', [a, b]) !== undefined
    );
  }

  friendsOf(userId: string): { friend_id: string; created_at: number }[] {
    return this.sql.all(
      'SELECT friend_id, created_at FROM friendships WHERE user_id = ? ORDER BY created_at',
      [userId],
    );
  }

  friendIds(userId: string): string[] {
    return this.friendsOf(userId).map((r) => r.friend_id);
  }

  addFriendship(a: string, b: string, now: number): void {
    this.sql.run(
      'INSERT OR IGNORE INTO friendships (user_id, friend_id, created_at) VALUES (?, ?, ?), (?, ?, ?)',
      [a, b, now, b, a, now],
    );
  }

  removeFriendship(a: string, b: string): boolean {
    return (
      this.sql.run(
        'DELETE FROM friendships WHERE (user_id = ? AND friend_id = ?) OR (user_id = ? AND friend_id = ?)',
        [a, b, b, a],
      ).changes > 0
    );
  }

  /** Whether `userId` has blocked `other`. */
  hasBlocked(userId: string, other: string): boolean {
    return (
      this.sql.get('SELECT 1 FROM blocks WHERE user_id = ? AND blocked_id = ?', [userId, other]) !== undefined
    );
  }

  block(userId: string, other: string, now: number): boolean {
    return (
      this.sql.run('INSERT OR IGNORE INTO blocks (user_id, blocked_id, created_at) VALUES (?, ?, ?)', [
        userId,
        other,
        now,
      ]).changes > 0
    );
  }

  unblock(userId: string, other: string): boolean {
    return (
      this.sql.run('DELETE FROM blocks WHERE user_id = ? AND blocked_id = ?', [userId, other]).changes > 0
    );
  }

  blockedBy(userId: string): string[] {
    return this.sql
      .all<{ blocked_id: string }>('SELECT blocked_id FROM blocks WHERE user_id = ? ORDER BY created_at', [
        userId,
      ])
      .map((r) => r.blocked_id);
  }

  insertRequest(r: Omit<FriendRequestRow, 'status'>): void {
    this.sql.run(
      `INSERT INTO friend_requests (id, from_user_id, to_user_id, message, status, created_at)
       VALUES (?, ?, ?, ?, 'pending', ?)`,
      [r.id, r.from_user_id, r.to_user_id, r.message, r.created_at],
    );
  }

  request(id: string): FriendRequestRow | undefined {
    return this.sql.get<FriendRequestRow>('SELECT * FROM friend_requests WHERE id = ?', [id]);
  }

  pendingBetween(from: string, to: string): FriendRequestRow | undefined {
    return this.sql.get<FriendRequestRow>(
      "SELECT * FROM friend_requests WHERE from_user_id = ? AND to_user_id = ? AND status = 'pending'",
      [from, to],
    );
  }

  pendingOf(userId: string): FriendRequestRow[] {
    return this.sql.all<FriendRequestRow>(
      `SELECT * FROM friend_requests WHERE (from_user_id = ? OR to_user_id = ?) AND status = 'pending'
       ORDER BY created_at DESC`,
      [userId, userId],
    );
  }

  resolve(id: string, status: Exclude<FriendRequestRow['status'], 'pending'>, now: number): void {
    this.sql.run('UPDATE friend_requests SET status = ?, resolved_at = ? WHERE id = ?', [status, now, id]);
  }
}
