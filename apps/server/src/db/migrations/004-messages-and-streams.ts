import type { Migration } from '@parley/db';

export const migration004: Migration = {
  version: 4,
  name: 'messages and streams',
  up(db) {
    db.exec(`
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        seq INTEGER NOT NULL,
        sender_id TEXT NOT NULL REFERENCES users(id),
        client_msg_id TEXT NOT NULL,
        -- sha256 of the content as first sent: a retry must match it, even after an edit.
        send_hash TEXT NOT NULL,
        kind TEXT NOT NULL,
        -- NULL once recalled: the text does not outlive a recall.
        content_json TEXT,
        mentions_all INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        edited_at INTEGER,
        recalled_at INTEGER,
        recalled_by TEXT,
        UNIQUE (sender_id, client_msg_id),
        UNIQUE (conversation_id, seq)
      ) STRICT;

      CREATE TABLE message_mentions (
        message_id TEXT NOT NULL REFERENCES messages(id),
        user_id TEXT NOT NULL,
        PRIMARY KEY (message_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX message_mentions_by_user ON message_mentions(user_id);

      CREATE TABLE reactions (
        message_id TEXT NOT NULL REFERENCES messages(id),
        user_id TEXT NOT NULL,
        emoji TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (message_id, emoji, user_id)
      ) STRICT, WITHOUT ROWID;

      -- The conversation stream. Message events point at the message row and are
      -- served with its current state, so a recalled text never comes back.
      CREATE TABLE conversation_events (
        conversation_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        message_id TEXT,
        data_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      ) STRICT, WITHOUT ROWID;

      -- The per-user stream. A stream's head is its MAX(seq), one index probe.
      CREATE TABLE user_events (
        user_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        data_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, seq)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
