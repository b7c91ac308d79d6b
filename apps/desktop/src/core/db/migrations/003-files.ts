import type { Migration } from '@parley/db';

/**
 * Files. `uploads` is the transfer half of a file message in the outbox (one row per outbox entry,
 * removed with it by a trigger): where its bytes are, what they hashed to, and the tus upload URL
 * and the offset the server confirmed, so an upload resumes after a drop or a restart.
 *
 * `files` lists the files that cached messages carry (a video's poster too): the only file ids the
 * renderer's URLs may name, with what the cache needs to fetch and check them. Avatars are known
 * from users.avatar_file_id and conversations.avatar_file_id.
 */
export const migration003: Migration = {
  version: 3,
  name: 'files',
  up(db) {
    db.exec(`
      CREATE TABLE uploads (
        client_msg_id TEXT PRIMARY KEY,
        -- 'path': the user's own file, read where it is; 'copy': bytes handed over, kept under outgoing/.
        source TEXT NOT NULL CHECK (source IN ('path', 'copy')),
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        -- The path source's modification time when it was hashed: a change means the bytes did too.
        mtime_ms REAL,
        sha256 TEXT,
        upload_url TEXT,
        -- What the server confirmed it holds (tus Upload-Offset).
        confirmed_offset INTEGER NOT NULL DEFAULT 0,
        paused INTEGER NOT NULL DEFAULT 0,
        -- The server's FileInfo once the upload finished (the message still has to be sent).
        file_json TEXT
      ) STRICT;

      CREATE TRIGGER outbox_upload_gone AFTER DELETE ON outbox
      BEGIN
        DELETE FROM uploads WHERE client_msg_id = OLD.client_msg_id;
      END;

      CREATE TABLE files (
        id TEXT PRIMARY KEY,
        message_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        info_json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX files_by_message ON files(message_id);

      ALTER TABLE conversations ADD COLUMN avatar_file_id TEXT;
    `);
  },
};
