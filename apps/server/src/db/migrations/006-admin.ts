import type { Migration } from '@parley/db';

export const migration006: Migration = {
  version: 6,
  name: 'admin',
  up(db) {
    db.exec(`
      -- Settings an administrator changes at run time (registration policy, name, announcement, file
      -- limits, retention), one JSON value per key; a key that is absent takes the configured default.
      CREATE TABLE server_settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
      ) STRICT;

      CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        -- Kept readable so administrators can copy it again, as XXXX-XXXX-XXXX (see invite-code.ts).
        code TEXT NOT NULL UNIQUE,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER,
        max_uses INTEGER,
        uses INTEGER NOT NULL DEFAULT 0,
        revoked_at INTEGER
      ) STRICT;

      ALTER TABLE users ADD COLUMN disabled_at INTEGER;
      -- 1 after an administrator reset the password, until the user sets a new one.
      ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;

      -- Retention looks for the oldest messages that still have content.
      CREATE INDEX messages_live_by_age ON messages(created_at) WHERE recalled_at IS NULL;
    `);
  },
};
