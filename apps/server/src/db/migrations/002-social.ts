import type { Migration } from '@parley/db';

export const migration002: Migration = {
  version: 2,
  name: 'social',
  up(db) {
    db.exec(`
      CREATE TABLE friend_requests (
        id TEXT PRIMARY KEY,
        from_user_id TEXT NOT NULL REFERENCES users(id),
        to_user_id TEXT NOT NULL REFERENCES users(id),
        message TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled')),
        created_at INTEGER NOT NULL,
        resolved_at INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX friend_requests_one_pending
        ON friend_requests(from_user_id, to_user_id) WHERE status = 'pending';
      CREATE INDEX friend_requests_to ON friend_requests(to_user_id, status);

      -- Both directions are stored, so "my friends" is one index range.
      CREATE TABLE friendships (
        user_id TEXT NOT NULL REFERENCES users(id),
        friend_id TEXT NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, friend_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE blocks (
        user_id TEXT NOT NULL REFERENCES users(id),
        blocked_id TEXT NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, blocked_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
