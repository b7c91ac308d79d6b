import type { Sql } from '@parley/db';

/** What I had typed in each conversation, kept across restarts. */
export class DraftsStore {
  constructor(private readonly sql: Sql) {}

  get(conversationId: string): string | null {
    return (
      this.sql.get<{ text: string }>('SELECT text FROM drafts WHERE conversation_id = ?', [conversationId])
        ?.text ?? null
    );
  }

  set(conversationId: string, text: string, now: number): void {
    if (text.trim() === '') {
      this.sql.run('DELETE FROM drafts WHERE conversation_id = ?', [conversationId]);
      return;
    }
    this.sql.run(
      `INSERT INTO drafts (conversation_id, text, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
      [conversationId, text, now],
    );
  }
}
