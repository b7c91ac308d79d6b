import { describe, expect, it } from 'vitest';
import { dbAt, tableNames } from './support.js';

describe('migration 002: social', () => {
  it('adds friend requests, friendships and blocks', () => {
    const db = dbAt(2);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['blocks', 'friend_requests', 'friendships']));
  });

  it('allows one pending request per direction, any number of resolved ones', () => {
    const db = dbAt(2);
    const user = db.prepare(
      'INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, 0)',
    );
    user.run('a', 'a', 'A', 'h');
    user.run('b', 'b', 'B', 'h');
    const request = db.prepare(
      'INSERT INTO friend_requests (id, from_user_id, to_user_id, status, created_at) VALUES (?, ?, ?, ?, 0)',
    );
    request.run('r1', 'a', 'b', 'declined');
    request.run('r2', 'a', 'b', 'pending');
    expect(() => request.run('r3', 'a', 'b', 'pending')).toThrow(/UNIQUE/);
    request.run('r4', 'b', 'a', 'pending');
    expect(() => request.run('r5', 'a', 'b', 'maybe')).toThrow(/CHECK/);
  });
});
