import type { Message, MessageContent } from '@parley/shared';
import type { Sql } from '@parley/db';

export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  client_msg_id: string;
  send_hash: string;
  kind: string;
  content_json: string | null;
  mentions_all: number;
  created_at: number;
  edited_at: number | null;
  recalled_at: number | null;
  recalled_by: string | null;
}

/** The messages, message_mentions and reactions tables. */
export class MessagesStore {
  constructor(private readonly sql: Sql) {}

  byId(id: string): MessageRow | undefined {
    return this.sql.get<MessageRow>('SELECT * FROM messages WHERE id = ?', [id]);
  }

  bySenderAndClientId(senderId: string, clientMsgId: string): MessageRow | undefined {
    return this.sql.get<MessageRow>('SELECT * FROM messages WHERE sender_id = ? AND client_msg_id = ?', [
      senderId,
      clientMsgId,
    ]);
  }

  insert(row: MessageRow, mentions: readonly string[]): void {
    this.sql.run(
      `INSERT INTO messages (id, conversation_id, seq, sender_id, client_msg_id, send_hash, kind, content_json,
                             mentions_all, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        row.id,
        row.conversation_id,
        row.seq,
        row.sender_id,
        row.client_msg_id,
        row.send_hash,
        row.kind,
        row.content_json,
        row.mentions_all,
        row.created_at,
      ],
    );
    this.setMentions(row.id, mentions);
  }

  edit(
    id: string,
    content: MessageContent,
    mentions: readonly string[],
    mentionsAll: boolean,
    now: number,
  ): void {
    this.sql.run('UPDATE messages SET content_json = ?, mentions_all = ?, edited_at = ? WHERE id = ?', [
      JSON.stringify(content),
      mentionsAll ? 1 : 0,
      now,
      id,
    ]);
    this.sql.run('DELETE FROM message_mentions WHERE message_id = ?', [id]);
    this.setMentions(id, mentions);
  }

  /** Forgets the content for good; the row stays as the "recalled" notice. */
  recall(id: string, by: string, now: number): void {
    this.sql.run(
      'UPDATE messages SET content_json = NULL, mentions_all = 0, recalled_at = ?, recalled_by = ? WHERE id = ?',
      [now, by, id],
    );
    this.sql.run('DELETE FROM message_mentions WHERE message_id = ?', [id]);
    this.sql.run('DELETE FROM reactions WHERE message_id = ?', [id]);
  }

  /** The oldest messages created before `cutoff` that were not recalled yet, oldest first. */
  liveBefore(cutoff: number, limit: number): Pick<MessageRow, 'id' | 'conversation_id'>[] {
    return this.sql.all<Pick<MessageRow, 'id' | 'conversation_id'>>(
      `SELECT id, conversation_id FROM messages WHERE recalled_at IS NULL AND created_at < ?
       ORDER BY created_at, id LIMIT ?`,
      [cutoff, limit],
    );
  }

  addReaction(messageId: string, userId: string, emoji: string, now: number): boolean {
    return (
      this.sql.run(
        'INSERT OR IGNORE INTO reactions (message_id, user_id, emoji, created_at) VALUES (?, ?, ?, ?)',
        [messageId, userId, emoji, now],
      ).changes > 0
    );
  }

  removeReaction(messageId: string, userId: string, emoji: string): boolean {
    return (
      this.sql.run('DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?', [
        messageId,
        userId,
        emoji,
      ]).changes > 0
    );
  }

  /** Messages as they are now, with reactions. */
  load(ids: readonly string[]): Map<string, Message> {
    const json = JSON.stringify([...new Set(ids)]);
    const rows = this.sql.all<MessageRow>(
      'SELECT * FROM messages WHERE id IN (SELECT value FROM json_each(?))',
      [json],
    );
    const reactions = this.sql.all<{ message_id: string; emoji: string; user_id: string }>(
      `SELECT message_id, emoji, user_id FROM reactions WHERE message_id IN (SELECT value FROM json_each(?))
       ORDER BY message_id, created_at, user_id`,
      [json],
    );
    const byMessage = new Map<string, Map<string, string[]>>();
    for (const r of reactions) {
      let emojis = byMessage.get(r.message_id);
      if (!emojis) byMessage.set(r.message_id, (emojis = new Map<string, string[]>()));
      let users = emojis.get(r.emoji);
      if (!users) emojis.set(r.emoji, (users = []));
      users.push(r.user_id);
    }
    return new Map(rows.map((row) => [row.id, toMessage(row, byMessage.get(row.id))]));
  }

  /** Who sent the messages with seq in (afterSeq, upToSeq]: the people a receipt over that range is news to. */
  sendersBetween(conversationId: string, afterSeq: number, upToSeq: number): string[] {
    return this.sql
      .all<{ sender_id: string }>(
        'SELECT DISTINCT sender_id FROM messages WHERE conversation_id = ? AND seq > ? AND seq <= ?',
        [conversationId, afterSeq, upToSeq],
      )
      .map((r) => r.sender_id);
  }

  latest(conversationId: string): Message | null {
    const row = this.sql.get<{ id: string }>(
      'SELECT id FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1',
      [conversationId],
    );
    return row ? (this.load([row.id]).get(row.id) ?? null) : null;
  }

  /** Messages from others after `afterSeq` that still stand, and whether any mentions `userId`. */
  unread(conversationId: string, userId: string, afterSeq: number): { count: number; mentioned: boolean } {
    const r = this.sql.get<{ count: number; mentioned: number }>(
      `SELECT COUNT(*) AS count,
              COALESCE(MAX(m.mentions_all = 1 OR EXISTS (
                SELECT 1 FROM message_mentions mm WHERE mm.message_id = m.id AND mm.user_id = ?)), 0) AS mentioned
       FROM messages m
       WHERE m.conversation_id = ? AND m.seq > ? AND m.sender_id != ? AND m.recalled_at IS NULL`,
      [userId, conversationId, afterSeq, userId],
    );
    return { count: r?.count ?? 0, mentioned: (r?.mentioned ?? 0) === 1 };
  }

  private setMentions(messageId: string, mentions: readonly string[]): void {
    for (const userId of new Set(mentions)) {
      this.sql.run('INSERT INTO message_mentions (message_id, user_id) VALUES (?, ?)', [messageId, userId]);
    }
  }
}

function toMessage(row: MessageRow, reactions: Map<string, string[]> | undefined): Message {
  return {
    id: row.id as Message['id'],
    conversationId: row.conversation_id as Message['conversationId'],
    seq: row.seq,
    senderId: row.sender_id as Message['senderId'],
    clientMsgId: row.client_msg_id as Message['clientMsgId'],
    content: row.content_json === null ? null : (JSON.parse(row.content_json) as MessageContent),
    createdAt: row.created_at,
    editedAt: row.edited_at,
    recalledAt: row.recalled_at,
    recalledBy: row.recalled_by as Message['recalledBy'],
    reactions: reactions
      ? [...reactions].map(([emoji, userIds]) => ({ emoji, userIds: userIds as Message['senderId'][] }))
      : [],
  };
}
