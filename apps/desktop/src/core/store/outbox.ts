import type { Sql } from '@parley/db';
import type { OutboxEntry, OutgoingContent } from '../types.js';

interface OutboxRow {
  client_msg_id: string;
  conversation_id: string;
  content_json: string;
  created_at: number;
  state: 'pending' | 'failed';
  error_code: string | null;
  error_message: string | null;
  attempts: number;
}

const toEntry = (r: OutboxRow): OutboxEntry => ({
  clientMsgId: r.client_msg_id,
  conversationId: r.conversation_id,
  content: JSON.parse(r.content_json) as OutgoingContent,
  createdAt: r.created_at,
  state: r.state,
  error:
    r.error_code === null
      ? null
      : { code: r.error_code as NonNullable<OutboxEntry['error']>['code'], message: r.error_message ?? '' },
  attempts: r.attempts,
});

/** What I sent and the server has not acknowledged: stored before it is sent, removed when acked. */
export class OutboxStore {
  constructor(private readonly sql: Sql) {}

  add(entry: {
    clientMsgId: string;
    conversationId: string;
    content: OutgoingContent;
    createdAt: number;
  }): void {
    this.sql.run(
      `INSERT INTO outbox (client_msg_id, conversation_id, content_json, created_at, state) VALUES (?, ?, ?, ?, 'pending')`,
      [entry.clientMsgId, entry.conversationId, JSON.stringify(entry.content), entry.createdAt],
    );
  }

  get(clientMsgId: string): OutboxEntry | undefined {
    const r = this.sql.get<OutboxRow>('SELECT * FROM outbox WHERE client_msg_id = ?', [clientMsgId]);
    return r && toEntry(r);
  }

  /** Waiting to be sent, oldest first. */
  pending(): OutboxEntry[] {
    return this.sql
      .all<OutboxRow>("SELECT * FROM outbox WHERE state = 'pending' ORDER BY created_at, rowid")
      .map(toEntry);
  }

  /**
   * The oldest entry that can be sent now: text, or a file message whose upload has finished and
   * that no older file of its conversation still waits for (files arrive in the order they were
   * picked). A file still uploading never holds back text, nor files behind a paused upload.
   */
  nextReady(): OutboxEntry | undefined {
    const r = this.sql.get<OutboxRow>(
      `SELECT o.* FROM outbox o WHERE o.state = 'pending'
         AND (json_extract(o.content_json, '$.kind') = 'text'
           OR (json_extract(o.content_json, '$.fileId') IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM outbox p JOIN uploads u ON u.client_msg_id = p.client_msg_id
             WHERE p.conversation_id = o.conversation_id AND p.state = 'pending' AND u.paused = 0
               AND json_extract(p.content_json, '$.fileId') IS NULL
               AND (p.created_at < o.created_at OR (p.created_at = o.created_at AND p.rowid < o.rowid)))))
       ORDER BY o.created_at, o.rowid LIMIT 1`,
    );
    return r && toEntry(r);
  }

  /** The upload of a file message finished: the content now names the server's file. */
  setContent(clientMsgId: string, content: OutgoingContent): void {
    this.sql.run('UPDATE outbox SET content_json = ? WHERE client_msg_id = ?', [
      JSON.stringify(content),
      clientMsgId,
    ]);
  }

  ofConversation(conversationId: string): OutboxEntry[] {
    return this.sql
      .all<OutboxRow>('SELECT * FROM outbox WHERE conversation_id = ? ORDER BY created_at, rowid', [
        conversationId,
      ])
      .map(toEntry);
  }

  attempted(clientMsgId: string): void {
    this.sql.run('UPDATE outbox SET attempts = attempts + 1 WHERE client_msg_id = ?', [clientMsgId]);
  }

  fail(clientMsgId: string, code: string, message: string): void {
    this.sql.run(
      "UPDATE outbox SET state = 'failed', error_code = ?, error_message = ? WHERE client_msg_id = ?",
      [code, message, clientMsgId],
    );
  }

  retry(clientMsgId: string): boolean {
    return (
      this.sql.run(
        "UPDATE outbox SET state = 'pending', error_code = NULL, error_message = NULL WHERE client_msg_id = ?",
        [clientMsgId],
      ).changes > 0
    );
  }

  remove(clientMsgId: string): boolean {
    return this.sql.run('DELETE FROM outbox WHERE client_msg_id = ?', [clientMsgId]).changes > 0;
  }
}
