import type { Migration } from '@parley/db';

/** The local cache of everything the signed-in account can see, plus what only this device holds. */
export const migration001: Migration = {
  version: 1,
  name: 'cache',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        display_name TEXT NOT NULL,
        bio TEXT NOT NULL,
        avatar_file_id TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        dissolved_at INTEGER,
        member_limit INTEGER NOT NULL,
        -- The newest seq the server has told us about, and the newest we hold without a gap.
        server_seq INTEGER NOT NULL DEFAULT 0,
        synced_seq INTEGER NOT NULL DEFAULT 0,
        -- The oldest seq we hold without a gap down to synced_seq (older pages load on demand).
        floor_seq INTEGER NOT NULL DEFAULT 0,
        read_seq INTEGER NOT NULL DEFAULT 0,
        muted INTEGER NOT NULL DEFAULT 0,
        pinned INTEGER NOT NULL DEFAULT 0,
        -- 0 while I am a member; the reason once I left or was removed.
        left_reason TEXT,
        last_activity_at INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE members (
        conversation_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, user_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        sender_id TEXT NOT NULL,
        client_msg_id TEXT NOT NULL,
        content_json TEXT,
        created_at INTEGER NOT NULL,
        edited_at INTEGER,
        recalled_at INTEGER,
        recalled_by TEXT,
        reactions_json TEXT NOT NULL DEFAULT '[]',
        -- Set by the last event applied to this message, so an older snapshot never overwrites a newer one.
        version_seq INTEGER NOT NULL,
        deleted_locally INTEGER NOT NULL DEFAULT 0,
        UNIQUE (conversation_id, seq)
      ) STRICT;
      CREATE INDEX messages_by_client_id ON messages(sender_id, client_msg_id);

      -- System events (joins, renames…) shown in the timeline beside messages.
      CREATE TABLE timeline_events (
        conversation_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        data_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      ) STRICT, WITHOUT ROWID;

      -- What I typed and have not seen acknowledged: written before anything is sent.
      CREATE TABLE outbox (
        client_msg_id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        content_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'failed')),
        error_code TEXT,
        error_message TEXT,
        attempts INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX outbox_by_conversation ON outbox(conversation_id, created_at);

      CREATE TABLE drafts (
        conversation_id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Per-user stream state.
      CREATE TABLE friends (
        user_id TEXT PRIMARY KEY,
        since INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE friend_requests (
        id TEXT PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
        json TEXT NOT NULL
      ) STRICT;
      CREATE TABLE blocks (
        user_id TEXT PRIMARY KEY
      ) STRICT;
    `);
  },
};
