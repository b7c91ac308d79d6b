import type { Sql } from '@parley/db';
import type { Message, MessageContent } from '@parley/shared';
import type { SystemEvent, TimelineItem } from '../types.js';

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  client_msg_id: string;
  content_json: string | null;
  created_at: number;
  edited_at: number | null;
  recalled_at: number | null;
  recalled_by: string | null;
  reactions_json: string;
}

const toMessage = (r: MessageRow): Message => ({
  id: r.id as Message['id'],
  conversationId: r.conversation_id as Message['conversationId'],
  seq: r.seq,
  senderId: r.sender_id as Message['senderId'],
  clientMsgId: r.client_msg_id as Message['clientMsgId'],
  content: r.content_json === null ? null : (JSON.parse(r.content_json) as MessageContent),
  createdAt: r.created_at,
  editedAt: r.edited_at,
  recalledAt: r.recalled_at,
  recalledBy: r.recalled_by as Message['recalledBy'],
  reactions: JSON.parse(r.reactions_json) as Message['reactions'],
});

/** One row of a timeline query: a message (by id) or a system event (by seq). */
interface ItemRow {
  src: 'm' | 'e';
  seq: number;
  key: string;
}

/** Told whenever a message's content changes (null: recalled, or hidden on this device). */
export type ContentListener = (message: {
  id: string;
  conversationId: string;
  seq: number;
  content: MessageContent | null;
}) => void;

/** Cached messages and system events: the timeline of each conversation. */
export class MessagesCache {
  constructor(
    private readonly sql: Sql,
    private readonly onContent: ContentListener = () => undefined,
  ) {}

  /**
   * Stores a message snapshot unless a newer one (by the seq of the event that carried it) is held:
   * applying the same or an older event again changes nothing.
   */
  upsert(m: Message, versionSeq: number): boolean {
    const changed =
      this.sql.run(
        `INSERT INTO messages (id, conversation_id, seq, sender_id, client_msg_id, content_json, created_at, edited_at,
                               recalled_at, recalled_by, reactions_json, version_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET content_json = excluded.content_json, edited_at = excluded.edited_at,
           recalled_at = excluded.recalled_at, recalled_by = excluded.recalled_by,
           reactions_json = excluded.reactions_json, version_seq = excluded.version_seq
         WHERE excluded.version_seq > messages.version_seq`,
        [
          m.id,
          m.conversationId,
          m.seq,
          m.senderId,
          m.clientMsgId,
          m.content === null ? null : JSON.stringify(m.content),
          m.createdAt,
          m.editedAt,
          m.recalledAt,
          m.recalledBy,
          JSON.stringify(m.reactions),
          versionSeq,
        ],
      ).changes > 0;
    if (changed)
      this.onContent({ id: m.id, conversationId: m.conversationId, seq: m.seq, content: m.content });
    return changed;
  }

  addSystemEvent(e: SystemEvent): void {
    const { conversationId, seq, type, actorId, createdAt, ...data } = e;
    this.sql.run(
      `INSERT OR IGNORE INTO timeline_events (conversation_id, seq, type, actor_id, data_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [conversationId, seq, type, actorId, JSON.stringify(data), createdAt],
    );
  }

  get(id: string): Message | undefined {
    const r = this.sql.get<MessageRow>('SELECT * FROM messages WHERE id = ?', [id]);
    return r && toMessage(r);
  }

  /** A message of this conversation that is shown on this device (not hidden with delete-for-me). */
  shown(conversationId: string, id: string): Message | undefined {
    const r = this.sql.get<MessageRow>(
      'SELECT * FROM messages WHERE id = ? AND conversation_id = ? AND deleted_locally = 0',
      [id, conversationId],
    );
    return r && toMessage(r);
  }

  bySeq(conversationId: string, seq: number): Message | undefined {
    const r = this.sql.get<MessageRow>('SELECT * FROM messages WHERE conversation_id = ? AND seq = ?', [
      conversationId,
      seq,
    ]);
    return r && toMessage(r);
  }

  /** All cached messages of a conversation in seq order (for tests and exports). */
  allOf(conversationId: string): Message[] {
    return this.sql
      .all<MessageRow>('SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq', [conversationId])
      .map(toMessage);
  }

  latest(conversationId: string): Message | null {
    const r = this.sql.get<MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? AND deleted_locally = 0 ORDER BY seq DESC LIMIT 1',
      [conversationId],
    );
    return r ? toMessage(r) : null;
  }

  /** Up to `limit` timeline items with seq < beforeSeq, newest last. */
  page(conversationId: string, beforeSeq: number, limit: number): TimelineItem[] {
    const rows = this.sql.all<ItemRow>(
      // Each half is limited first, so only the newest rows are read, not the whole conversation.
      `SELECT * FROM (
         SELECT * FROM (SELECT 'm' AS src, seq, id AS key FROM messages
           WHERE conversation_id = ? AND seq < ? AND deleted_locally = 0 ORDER BY seq DESC LIMIT ?)
         UNION ALL
         SELECT * FROM (SELECT 'e' AS src, seq, '' AS key FROM timeline_events
           WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?)
       ) ORDER BY seq DESC LIMIT ?`,
      [conversationId, beforeSeq, limit, conversationId, beforeSeq, limit, limit],
    );
    return this.items(conversationId, rows.reverse());
  }

  /** Up to `limit` timeline items with seq > afterSeq, oldest first. */
  pageAfter(conversationId: string, afterSeq: number, limit: number): TimelineItem[] {
    const rows = this.sql.all<ItemRow>(
      `SELECT * FROM (
         SELECT * FROM (SELECT 'm' AS src, seq, id AS key FROM messages
           WHERE conversation_id = ? AND seq > ? AND deleted_locally = 0 ORDER BY seq LIMIT ?)
         UNION ALL
         SELECT * FROM (SELECT 'e' AS src, seq, '' AS key FROM timeline_events
           WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?)
       ) ORDER BY seq LIMIT ?`,
      [conversationId, afterSeq, limit, conversationId, afterSeq, limit, limit],
    );
    return this.items(conversationId, rows);
  }

  /** Whether the cache holds a timeline item after `seq`. */
  hasItemAfter(conversationId: string, seq: number): boolean {
    const r = this.sql.get<{ found: number }>(
      `SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = ? AND seq > ? AND deleted_locally = 0)
           OR EXISTS (SELECT 1 FROM timeline_events WHERE conversation_id = ? AND seq > ?) AS found`,
      [conversationId, seq, conversationId, seq],
    );
    return r?.found === 1;
  }

  /** Whether the cache holds a timeline item before `seq`. */
  hasItemBefore(conversationId: string, seq: number): boolean {
    const r = this.sql.get<{ found: number }>(
      `SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = ? AND seq < ? AND deleted_locally = 0)
           OR EXISTS (SELECT 1 FROM timeline_events WHERE conversation_id = ? AND seq < ?) AS found`,
      [conversationId, seq, conversationId, seq],
    );
    return r?.found === 1;
  }

  /** The messages and system events the rows point at, in the rows' order. */
  private items(conversationId: string, rows: readonly ItemRow[]): TimelineItem[] {
    const ids = rows.filter((r) => r.src === 'm').map((r) => r.key);
    const messages = new Map(
      this.sql
        .all<MessageRow>('SELECT * FROM messages WHERE id IN (SELECT value FROM json_each(?))', [
          JSON.stringify(ids),
        ])
        .map((r) => [r.id, toMessage(r)]),
    );
    const seqs = rows.filter((r) => r.src === 'e').map((r) => r.seq);
    const events = new Map(
      this.sql
        .all<{ seq: number; type: string; actor_id: string; data_json: string; created_at: number }>(
          `SELECT seq, type, actor_id, data_json, created_at FROM timeline_events
           WHERE conversation_id = ? AND seq IN (SELECT value FROM json_each(?))`,
          [conversationId, JSON.stringify(seqs)],
        )
        .map((e) => [
          e.seq,
          {
            ...(JSON.parse(e.data_json) as object),
            conversationId,
            seq: e.seq,
            type: e.type,
            actorId: e.actor_id,
            createdAt: e.created_at,
          } as SystemEvent,
        ]),
    );
    return rows.flatMap((r): TimelineItem[] => {
      if (r.src === 'm') {
        const message = messages.get(r.key);
        return message ? [{ kind: 'message', seq: r.seq, message }] : [];
      }
      const event = events.get(r.seq);
      return event ? [{ kind: 'system', seq: r.seq, event }] : [];
    });
  }

  /** Hides a message on this device only. */
  deleteLocally(id: string): void {
    const m = this.get(id);
    this.sql.run('UPDATE messages SET deleted_locally = 1 WHERE id = ?', [id]);
    if (m) this.onContent({ id, conversationId: m.conversationId, seq: m.seq, content: null });
  }

  unread(conversationId: string, me: string, afterSeq: number): { count: number; mentioned: boolean } {
    const r = this.sql.get<{ count: number; mentioned: number | null }>(
      `SELECT COUNT(*) AS count,
              MAX(json_extract(content_json, '$.mentionsAll') = 1
                  OR EXISTS (SELECT 1 FROM json_each(content_json, '$.mentions') WHERE value = ?)) AS mentioned
       FROM messages
       WHERE conversation_id = ? AND seq > ? AND sender_id != ? AND recalled_at IS NULL AND deleted_locally = 0`,
      [me, conversationId, afterSeq, me],
    );
    return { count: r?.count ?? 0, mentioned: (r?.mentioned ?? 0) === 1 };
  }
}
