import type { Sql } from '@parley/db';

export type ImageState = 'pending' | 'ready' | 'too_large' | 'unsupported';

export interface BlobRow {
  sha256: string;
  size: number;
  image_state: ImageState | null;
  width: number | null;
  height: number | null;
  created_at: number;
}

export interface FileRow {
  id: string;
  uploader_id: string;
  conversation_id: string | null;
  purpose: 'message' | 'avatar';
  name: string;
  size: number;
  mime: string;
  sha256: string;
  executable: number;
  created_at: number;
}

export interface UploadRow {
  id: string;
  uploader_id: string;
  conversation_id: string;
  name: string;
  declared_type: string;
  sha256: string;
  size: number;
  state: 'open' | 'expired';
  created_at: number;
}

/** The blobs, files, message_files and uploads tables. */
export class FilesStore {
  constructor(private readonly sql: Sql) {}

  // uploads

  upload(id: string): UploadRow | undefined {
    return this.sql.get<UploadRow>('SELECT * FROM uploads WHERE id = ?', [id]);
  }

  insertUpload(row: UploadRow): void {
    this.sql.run(
      `INSERT INTO uploads (id, uploader_id, conversation_id, name, declared_type, sha256, size, state, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        row.id,
        row.uploader_id,
        row.conversation_id,
        row.name,
        row.declared_type,
        row.sha256,
        row.size,
        row.state,
        row.created_at,
      ],
    );
  }

  deleteUpload(id: string): void {
    this.sql.run('DELETE FROM uploads WHERE id = ?', [id]);
  }

  openUploads(): UploadRow[] {
    return this.sql.all<UploadRow>("SELECT * FROM uploads WHERE state = 'open'");
  }

  /** Open uploads begun before `cutoff`. */
  openUploadsBefore(cutoff: number): UploadRow[] {
    return this.sql.all<UploadRow>("SELECT * FROM uploads WHERE state = 'open' AND created_at < ?", [cutoff]);
  }

  markExpired(id: string): void {
    this.sql.run("UPDATE uploads SET state = 'expired' WHERE id = ?", [id]);
  }

  /** Forgets expired uploads begun before `cutoff`; from then on they answer 404 instead of 410. */
  forgetExpiredBefore(cutoff: number): void {
    this.sql.run("DELETE FROM uploads WHERE state = 'expired' AND created_at < ?", [cutoff]);
  }

  /** Bytes counted against a user's quota: their message files and their open uploads. */
  bytesHeldBy(userId: string): number {
    const r = this.sql.get<{ n: number }>(
      `SELECT (SELECT COALESCE(SUM(size), 0) FROM files WHERE uploader_id = ? AND purpose = 'message')
            + (SELECT COALESCE(SUM(size), 0) FROM uploads WHERE uploader_id = ? AND state = 'open') AS n`,
      [userId, userId],
    );
    return r?.n ?? 0;
  }

  // blobs

  blob(sha256: string): BlobRow | undefined {
    return this.sql.get<BlobRow>('SELECT * FROM blobs WHERE sha256 = ?', [sha256]);
  }

  insertBlob(row: BlobRow): void {
    this.sql.run(
      `INSERT INTO blobs (sha256, size, image_state, width, height, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      [row.sha256, row.size, row.image_state, row.width, row.height, row.created_at],
    );
  }

  setImageState(sha256: string, state: ImageState): void {
    this.sql.run('UPDATE blobs SET image_state = ? WHERE sha256 = ?', [state, sha256]);
  }

  pendingImages(): string[] {
    return this.sql
      .all<{ sha256: string }>("SELECT sha256 FROM blobs WHERE image_state = 'pending'")
      .map((r) => r.sha256);
  }

  allBlobShas(): Set<string> {
    return new Set(this.sql.all<{ sha256: string }>('SELECT sha256 FROM blobs').map((r) => r.sha256));
  }

  /** Deletes the blob's row if no file points at it any more; true when it did. */
  dropBlobIfUnreferenced(sha256: string): boolean {
    return (
      this.sql.run(
        'DELETE FROM blobs WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM files WHERE sha256 = ?)',
        [sha256, sha256],
      ).changes > 0
    );
  }

  // files

  file(id: string): FileRow | undefined {
    return this.sql.get<FileRow>('SELECT * FROM files WHERE id = ?', [id]);
  }

  insertFile(row: FileRow): void {
    this.sql.run(
      `INSERT INTO files (id, uploader_id, conversation_id, purpose, name, size, mime, sha256, executable, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        row.id,
        row.uploader_id,
        row.conversation_id,
        row.purpose,
        row.name,
        row.size,
        row.mime,
        row.sha256,
        row.executable,
        row.created_at,
      ],
    );
  }

  deleteFile(id: string): void {
    this.sql.run('DELETE FROM files WHERE id = ?', [id]);
  }

  /** Message files never taken up by a message, uploaded before `cutoff`. */
  unsentFilesBefore(cutoff: number): FileRow[] {
    return this.sql.all<FileRow>(
      `SELECT * FROM files f WHERE purpose = 'message' AND created_at < ?
         AND NOT EXISTS (SELECT 1 FROM message_files mf WHERE mf.file_id = f.id)`,
      [cutoff],
    );
  }

  // message_files

  attach(messageId: string, fileId: string, conversationId: string): void {
    this.sql.run(
      'INSERT OR IGNORE INTO message_files (message_id, file_id, conversation_id) VALUES (?, ?, ?)',
      [messageId, fileId, conversationId],
    );
  }

  /** Removes a message's file references; returns the files it carried. */
  detach(messageId: string): string[] {
    const ids = this.sql
      .all<{ file_id: string }>('SELECT file_id FROM message_files WHERE message_id = ?', [messageId])
      .map((r) => r.file_id);
    this.sql.run('DELETE FROM message_files WHERE message_id = ?', [messageId]);
    return ids;
  }

  isCarried(fileId: string): boolean {
    return this.sql.get('SELECT 1 FROM message_files WHERE file_id = ? LIMIT 1', [fileId]) !== undefined;
  }

  /** Conversations where a live message carries the file. */
  carriedIn(fileId: string): string[] {
    return this.sql
      .all<{ conversation_id: string }>(
        'SELECT DISTINCT conversation_id FROM message_files WHERE file_id = ?',
        [fileId],
      )
      .map((r) => r.conversation_id);
  }
}
