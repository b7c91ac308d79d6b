import type { Sql } from '@parley/db';
import { findMatches, type Range } from './highlight.js';
import { type ParsedQuery, parseQuery } from './query.js';
import { conversationToken, indexTokens } from './tokenizer.js';

export interface SearchHit {
  messageId: string;
  conversationId: string;
  seq: number;
  senderId: string;
  createdAt: number;
  text: string;
  /** The matched parts of `text`, as UTF-16 ranges, in order, not overlapping. */
  highlights: Range[];
  /** bm25: lower is better. */
  rank: number;
}

export interface SearchPage {
  results: SearchHit[];
  hasMore: boolean;
}

export interface SearchOptions {
  /** Only this conversation; all of them when absent. */
  conversationId?: string;
  limit?: number;
  offset?: number;
}

/** Rows per millisecond of created_at; see migration 002. */
const SLOTS = 1024;

/**
 * How many matches are ranked together. bm25 over every match of a word found in half the cache
 * costs hundreds of milliseconds, so matches are ranked in windows of this many, newest window
 * first: a query with fewer matches is simply ranked by bm25, a common word shows the best of its
 * recent matches first.
 */
export const RANK_WINDOW = 1000;

interface Ranked {
  rowid: number;
  rank: number;
}

const byRank = (a: Ranked, b: Ranked) => a.rank - b.rank || b.rowid - a.rowid;

/** Full-text search over the cached messages (their searchableText); kept current by MessagesCache's listener. */
export class SearchIndex {
  constructor(private readonly sql: Sql) {}

  /** The rowid of a message's row, or the free slot where it goes (with `found: false`). */
  private slot(id: string, createdAt: number): { rowid: number; found: boolean } | null {
    if (!Number.isSafeInteger((createdAt + 1) * SLOTS) || createdAt < 0) return null;
    for (let n = 0; n < SLOTS; n++) {
      const rowid = createdAt * SLOTS + n;
      const row = this.sql.get<{ message_id: string }>(
        'SELECT message_id FROM message_search WHERE rowid = ?',
        [rowid],
      );
      if (!row) return { rowid, found: false };
      if (row.message_id === id) return { rowid, found: true };
    }
    return null;
  }

  /** Indexes a message's current text, or empties its row (null: recalled or deleted). */
  update(m: { id: string; conversationId: string; seq: number; text: string | null }): void {
    const message = this.sql.get<{ created_at: number; deleted_locally: number }>(
      'SELECT created_at, deleted_locally FROM messages WHERE id = ?',
      [m.id],
    );
    if (!message) return;
    // A message hidden on this device stays out of the index, even when it is edited later.
    const tokens = m.text === null || message.deleted_locally === 1 ? '' : indexTokens(m.text);
    const slot = this.slot(m.id, message.created_at);
    if (!slot || (!slot.found && tokens === '')) return;
    this.sql.run(
      `INSERT ${slot.found ? 'OR REPLACE' : ''} INTO message_search
         (rowid, tokens, conversation, message_id, conversation_id, seq) VALUES (?, ?, ?, ?, ?, ?)`,
      [slot.rowid, tokens, conversationToken(m.conversationId), m.id, m.conversationId, m.seq],
    );
  }

  /** One window of matches, newest first, ranked. */
  private window(match: string, index: number): Ranked[] {
    return this.sql
      .all<Ranked>(
        `SELECT rowid, bm25(message_search, 1.0, 0.0) AS rank FROM message_search WHERE message_search MATCH ?
         ORDER BY rowid DESC LIMIT ? OFFSET ?`,
        [match, RANK_WINDOW, index * RANK_WINDOW],
      )
      .sort(byRank);
  }

  /** Best matches first (bm25, then newest); `hasMore` tells whether a next page exists. */
  search(query: string, options: SearchOptions = {}): SearchPage {
    const limit = Math.max(1, Math.min(Math.floor(options.limit ?? 20), 200));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const parsed = parseQuery(query);
    if (!parsed) return { results: [], hasMore: false };
    const { conversationId } = options;
    const match =
      conversationId === undefined
        ? `tokens : (${parsed.match})`
        : `conversation : "${conversationToken(conversationId)}" AND tokens : (${parsed.match})`;

    const ranked: Ranked[] = [];
    const first = Math.floor(offset / RANK_WINDOW);
    for (let w = first; w <= Math.floor((offset + limit) / RANK_WINDOW); w++) {
      const rows = this.window(match, w);
      ranked.push(...rows);
      if (rows.length < RANK_WINDOW) break;
    }
    const wanted = ranked.slice(offset - first * RANK_WINDOW, offset - first * RANK_WINDOW + limit + 1);
    const page = wanted.slice(0, limit);
    return { results: this.hits(page, parsed, conversationId), hasMore: wanted.length > limit };
  }

  private hits(page: Ranked[], parsed: ParsedQuery, conversationId: string | undefined): SearchHit[] {
    return page.flatMap((r): SearchHit[] => {
      const row = this.sql.get<{
        message_id: string;
        conversation_id: string;
        seq: number;
        sender_id: string;
        created_at: number;
        text: unknown;
      }>(
        `SELECT s.message_id, s.conversation_id, s.seq, m.sender_id, m.created_at,
                CASE json_extract(m.content_json, '$.kind')
                  WHEN 'file' THEN json_extract(m.content_json, '$.file.name')
                  ELSE json_extract(m.content_json, '$.text') END AS text
         FROM message_search s JOIN messages m ON m.id = s.message_id WHERE s.rowid = ?`,
        [r.rowid],
      );
      if (!row || typeof row.text !== 'string') return [];
      if (conversationId !== undefined && row.conversation_id !== conversationId) return [];
      const { ranges, complete } = findMatches(row.text, parsed);
      if (!complete) return [];
      return [
        {
          messageId: row.message_id,
          conversationId: row.conversation_id,
          seq: row.seq,
          senderId: row.sender_id,
          createdAt: row.created_at,
          text: row.text,
          highlights: ranges,
          rank: r.rank,
        },
      ];
    });
  }
}
