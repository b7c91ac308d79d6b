import type { Migration } from '@parley/db';

export const migration005: Migration = {
  version: 5,
  name: 'files',
  up(db) {
    db.exec(`
      -- Stored content, once per sha256 (files/blobs/ab/cd/<sha256>). A blob lives as long as a file
      -- row points at it. Images keep what probing and the thumbnail job found out.
      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        -- NULL: not an image. pending: thumbnail job queued; ready: thumbnail and preview exist;
        -- too_large: over the pixel limit, never decoded; unsupported: SVG, corrupt or truncated.
        image_state TEXT CHECK (image_state IN ('pending', 'ready', 'too_large', 'unsupported')),
        width INTEGER,
        height INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT;

      -- A finished upload (its id is the upload's) or an avatar. Names are neutralised before they get here.
      CREATE TABLE files (
        id TEXT PRIMARY KEY,
        uploader_id TEXT NOT NULL REFERENCES users(id),
        -- The conversation it was uploaded into; NULL for a user's avatar.
        conversation_id TEXT REFERENCES conversations(id),
        purpose TEXT NOT NULL CHECK (purpose IN ('message', 'avatar')),
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        mime TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        executable INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX files_by_uploader ON files(uploader_id, purpose);
      CREATE INDEX files_by_sha256 ON files(sha256);
      CREATE INDEX files_unsent ON files(purpose, created_at);

      -- Which live (not recalled) messages carry which files. A file no message carries any more goes.
      CREATE TABLE message_files (
        message_id TEXT NOT NULL REFERENCES messages(id),
        file_id TEXT NOT NULL REFERENCES files(id),
        conversation_id TEXT NOT NULL,
        PRIMARY KEY (message_id, file_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX message_files_by_file ON message_files(file_id);

      -- tus uploads not finished yet (the bytes are in files/uploads/<id>). An expired one keeps its
      -- row for a while, so a client asking about it hears 410 rather than 404.
      CREATE TABLE uploads (
        id TEXT PRIMARY KEY,
        uploader_id TEXT NOT NULL REFERENCES users(id),
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        name TEXT NOT NULL,
        declared_type TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'expired')),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX uploads_by_uploader ON uploads(uploader_id, state);
      CREATE INDEX uploads_by_age ON uploads(state, created_at);

      ALTER TABLE conversations ADD COLUMN avatar_file_id TEXT;
    `);
  },
};
