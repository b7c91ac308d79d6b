import type { Sql } from '@parley/db';
import type { FileInfo, MessageContent } from '@parley/shared';

/** A file a cached message carries. */
export interface KnownFile {
  info: FileInfo;
  messageId: string;
  conversationId: string;
}

/** The files of a message's content: the file, and a video's poster. */
export function filesOf(content: MessageContent | null): FileInfo[] {
  if (content === null || content.kind === 'text') return [];
  return content.kind === 'video' && content.poster ? [content.file, content.poster] : [content.file];
}

/**
 * Which files the cached messages carry, kept in step with the messages (MessagesCache's listener):
 * the only ids the renderer's URLs may name. A recalled or hidden message's files are forgotten.
 */
export class FilesIndex {
  constructor(private readonly sql: Sql) {}

  /** What a message carries now (nothing once recalled or hidden). */
  record(messageId: string, conversationId: string, content: MessageContent | null): void {
    this.sql.run('DELETE FROM files WHERE message_id = ?', [messageId]);
    for (const f of filesOf(content)) {
      this.sql.run(
        `INSERT INTO files (id, message_id, conversation_id, sha256, info_json) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET message_id = excluded.message_id,
           conversation_id = excluded.conversation_id, sha256 = excluded.sha256, info_json = excluded.info_json`,
        [f.id, messageId, conversationId, f.sha256, JSON.stringify(f)],
      );
    }
  }

  get(fileId: string): KnownFile | undefined {
    const r = this.sql.get<{ info_json: string; message_id: string; conversation_id: string }>(
      'SELECT info_json, message_id, conversation_id FROM files WHERE id = ?',
      [fileId],
    );
    return (
      r && {
        info: JSON.parse(r.info_json) as FileInfo,
        messageId: r.message_id,
        conversationId: r.conversation_id,
      }
    );
  }
}
