import type { Sql } from '@parley/db';
import type { FileInfo } from '@parley/shared';

/** The transfer half of a file message in the outbox (see migration 003). */
export interface UploadRecord {
  clientMsgId: string;
  /** 'path': the user's file where it is; 'copy': our copy of bytes the renderer handed over. */
  source: 'path' | 'copy';
  path: string;
  size: number;
  mtimeMs: number | null;
  sha256: string | null;
  uploadUrl: string | null;
  /** What the server confirmed it holds. */
  confirmedOffset: number;
  paused: boolean;
  /** Set once the upload finished: the server's description of the file. */
  file: FileInfo | null;
}

interface UploadRow {
  client_msg_id: string;
  source: 'path' | 'copy';
  path: string;
  size: number;
  mtime_ms: number | null;
  sha256: string | null;
  upload_url: string | null;
  confirmed_offset: number;
  paused: number;
  file_json: string | null;
}

const toRecord = (r: UploadRow): UploadRecord => ({
  clientMsgId: r.client_msg_id,
  source: r.source,
  path: r.path,
  size: r.size,
  mtimeMs: r.mtime_ms,
  sha256: r.sha256,
  uploadUrl: r.upload_url,
  confirmedOffset: r.confirmed_offset,
  paused: r.paused === 1,
  file: r.file_json === null ? null : (JSON.parse(r.file_json) as FileInfo),
});

/** Uploads of outgoing file messages; a row goes with its outbox entry (a trigger removes it). */
export class UploadsStore {
  constructor(private readonly sql: Sql) {}

  add(u: {
    clientMsgId: string;
    source: 'path' | 'copy';
    path: string;
    size: number;
    mtimeMs: number | null;
  }): void {
    this.sql.run('INSERT INTO uploads (client_msg_id, source, path, size, mtime_ms) VALUES (?, ?, ?, ?, ?)', [
      u.clientMsgId,
      u.source,
      u.path,
      u.size,
      u.mtimeMs,
    ]);
  }

  get(clientMsgId: string): UploadRecord | undefined {
    const r = this.sql.get<UploadRow>('SELECT * FROM uploads WHERE client_msg_id = ?', [clientMsgId]);
    return r && toRecord(r);
  }

  /** Every upload, oldest message first. */
  all(): UploadRecord[] {
    return this.sql
      .all<UploadRow>(
        `SELECT u.* FROM uploads u JOIN outbox o ON o.client_msg_id = u.client_msg_id
         ORDER BY o.created_at, o.rowid`,
      )
      .map(toRecord);
  }

  /** The bytes were (re)hashed: what they are now. A new hash means a new upload. */
  hashed(clientMsgId: string, sha256: string, size: number, mtimeMs: number | null): void {
    this.sql.run(
      `UPDATE uploads SET size = ?, mtime_ms = ?,
         upload_url = CASE WHEN sha256 IS ? THEN upload_url ELSE NULL END,
         confirmed_offset = CASE WHEN sha256 IS ? THEN confirmed_offset ELSE 0 END,
         sha256 = ?
       WHERE client_msg_id = ?`,
      [size, mtimeMs, sha256, sha256, sha256, clientMsgId],
    );
  }

  /** The server created (or re-created) the upload at this URL. */
  setUrl(clientMsgId: string, url: string | null): void {
    this.sql.run(
      `UPDATE uploads SET upload_url = ?,
         confirmed_offset = CASE WHEN upload_url IS ? THEN confirmed_offset ELSE 0 END
       WHERE client_msg_id = ?`,
      [url, url, clientMsgId],
    );
  }

  setOffset(clientMsgId: string, offset: number): void {
    this.sql.run('UPDATE uploads SET confirmed_offset = ? WHERE client_msg_id = ?', [offset, clientMsgId]);
  }

  setPaused(clientMsgId: string, paused: boolean): boolean {
    return (
      this.sql.run('UPDATE uploads SET paused = ? WHERE client_msg_id = ?', [Number(paused), clientMsgId])
        .changes > 0
    );
  }

  finished(clientMsgId: string, file: FileInfo): void {
    this.sql.run('UPDATE uploads SET file_json = ?, confirmed_offset = size WHERE client_msg_id = ?', [
      JSON.stringify(file),
      clientMsgId,
    ]);
  }

  /** The server no longer has the finished file: upload it again from the start. */
  unfinish(clientMsgId: string): void {
    this.sql.run(
      'UPDATE uploads SET file_json = NULL, upload_url = NULL, confirmed_offset = 0 WHERE client_msg_id = ?',
      [clientMsgId],
    );
  }

  /** Where the bytes are now (a copy moved into the blob cache once the server had them). */
  moved(clientMsgId: string, path: string): void {
    this.sql.run('UPDATE uploads SET path = ? WHERE client_msg_id = ?', [path, clientMsgId]);
  }
}
