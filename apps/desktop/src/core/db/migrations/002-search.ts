import type { Migration } from '@parley/db';
import { conversationToken, indexTokens } from '../../search/tokenizer.js';

/**
 * Full-text search over cached messages. `tokens` holds each message's text already split into
 * words, CJK characters and CJK character pairs (search/tokenizer.ts), so FTS5's own tokenizer only
 * splits on spaces; `conversation` holds one token naming the conversation, to search within one.
 * The table stores no text (the messages table has it), only the ids needed to find it.
 *
 * A row's rowid is its message's created_at × 1024 + n, n counting up from 0 among messages of the
 * same millisecond: rowid order is time order, so "the newest matches" is a cheap FTS5 scan, and a
 * message's row is found again from its created_at. Rows are never deleted, only emptied, so those
 * chains stay unbroken.
 */
export const migration002: Migration = {
  version: 2,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE message_search USING fts5(
        tokens,
        conversation,
        message_id UNINDEXED,
        conversation_id UNINDEXED,
        seq UNINDEXED,
        content = '',
        contentless_delete = 1,
        contentless_unindexed = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
    `);
    // Messages cached before this version; the table starts empty, so slots are counted here.
    const insert = db.prepare(
      `INSERT INTO message_search (rowid, tokens, conversation, message_id, conversation_id, seq)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const page = db.prepare<
      [number],
      { rowid: number; id: string; conversation_id: string; seq: number; created_at: number; text: unknown }
    >(
      `SELECT rowid, id, conversation_id, seq, created_at, json_extract(content_json, '$.text') AS text
       FROM messages WHERE rowid > ? AND content_json IS NOT NULL AND deleted_locally = 0
       ORDER BY rowid LIMIT 1000`,
    );
    const used = new Map<number, number>();
    for (let after = 0, rows = page.all(after); rows.length > 0; rows = page.all(after)) {
      for (const r of rows) {
        after = r.rowid;
        const tokens = typeof r.text === 'string' ? indexTokens(r.text) : '';
        const n = used.get(r.created_at) ?? 0;
        if (tokens === '' || n >= 1024) continue;
        used.set(r.created_at, n + 1);
        insert.run(
          r.created_at * 1024 + n,
          tokens,
          conversationToken(r.conversation_id),
          r.id,
          r.conversation_id,
          r.seq,
        );
      }
    }
  },
};
