import { DATABASE_FILE } from '@parley/server';
import Database from 'better-sqlite3';
import { join } from 'node:path';

export interface StoredMessage {
  id: string;
  conversationId: string;
  seq: number;
  clientMsgId: string;
  text: string | null;
}

/** Every message `senderId` has on the server, read straight from its SQLite file (read-only). */
export function storedMessagesOf(serverDataDir: string, senderId: string): StoredMessage[] {
  const db = new Database(join(serverDataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<
        [string],
        {
          id: string;
          conversation_id: string;
          seq: number;
          client_msg_id: string;
          content_json: string | null;
        }
      >(
        'SELECT id, conversation_id, seq, client_msg_id, content_json FROM messages WHERE sender_id = ? ORDER BY conversation_id, seq',
      )
      .all(senderId)
      .map((r) => ({
        id: r.id,
        conversationId: r.conversation_id,
        seq: r.seq,
        clientMsgId: r.client_msg_id,
        text: r.content_json === null ? null : (JSON.parse(r.content_json) as { text: string }).text,
      }));
  } finally {
    db.close();
  }
}

/** How many times each text is stored. */
export function countsByText(stored: readonly StoredMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of stored) if (m.text !== null) counts.set(m.text, (counts.get(m.text) ?? 0) + 1);
  return counts;
}
