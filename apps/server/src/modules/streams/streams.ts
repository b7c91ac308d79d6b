import type {
  ConversationEvent,
  ConversationEventPage,
  ConversationEventType,
  Message,
  UserEvent,
  UserEventPage,
  UserEventType,
} from '@parley/shared';
import type { Effects } from '../../commit.js';
import type { Context } from '../../context.js';

/** The fields of an event of type T beyond the ones every event has. */
type ConversationEventData<T extends ConversationEventType> = Omit<
  Extract<ConversationEvent, { type: T }>,
  'conversationId' | 'seq' | 'actorId' | 'createdAt' | 'type' | 'message'
>;
type UserEventData<T extends UserEventType> = Omit<
  Extract<UserEvent, { type: T }>,
  'seq' | 'createdAt' | 'type'
>;

interface ConversationEventRow {
  conversation_id: string;
  seq: number;
  type: string;
  actor_id: string;
  message_id: string | null;
  data_json: string;
  created_at: number;
}

interface UserEventRow {
  seq: number;
  type: string;
  data_json: string;
  created_at: number;
}

export type MessageLoader = (ids: readonly string[]) => Map<string, Message>;

/**
 * The two kinds of stream: one per conversation, one per user. Each append
 * takes the next seq inside the caller's transaction, so seqs are gapless and
 * committed together with the change they describe.
 */
export class Streams {
  constructor(
    private readonly ctx: Context,
    private readonly loadMessages: MessageLoader,
  ) {}

  conversationHead(conversationId: string): number {
    return (
      this.ctx.sql.get<{ s: number | null }>(
        'SELECT MAX(seq) AS s FROM conversation_events WHERE conversation_id = ?',
        [conversationId],
      )?.s ?? 0
    );
  }

  /** Heads of many conversations at once. */
  conversationHeads(conversationIds: readonly string[]): Map<string, number> {
    const rows = this.ctx.sql.all<{ conversation_id: string; s: number | null }>(
      `SELECT value AS conversation_id,
              (SELECT MAX(seq) FROM conversation_events WHERE conversation_id = value) AS s
       FROM json_each(?)`,
      [JSON.stringify(conversationIds)],
    );
    return new Map(rows.map((r) => [r.conversation_id, r.s ?? 0]));
  }

  /** Appends an event to a conversation's stream and queues its push to `memberIds`. Call inside a write. */
  appendConversation<T extends ConversationEventType>(
    fx: Effects,
    memberIds: readonly string[],
    input: {
      conversationId: string;
      type: T;
      actorId: string;
      messageId?: string;
      data: ConversationEventData<T>;
    },
  ): ConversationEvent {
    const seq = this.conversationHead(input.conversationId) + 1;
    const now = this.ctx.now();
    this.ctx.sql.run(
      `INSERT INTO conversation_events (conversation_id, seq, type, actor_id, message_id, data_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        input.conversationId,
        seq,
        input.type,
        input.actorId,
        input.messageId ?? null,
        JSON.stringify(input.data),
        now,
      ],
    );
    const row: ConversationEventRow = {
      conversation_id: input.conversationId,
      seq,
      type: input.type,
      actor_id: input.actorId,
      message_id: input.messageId ?? null,
      data_json: JSON.stringify(input.data),
      created_at: now,
    };
    const event = this.toConversationEvents([row])[0];
    if (!event) throw new Error(`event ${input.type} refers to a missing message`);
    fx.conversationEvent(memberIds, event);
    return event;
  }

  readConversation(
    conversationId: string,
    page: { afterSeq?: number | undefined; beforeSeq?: number | undefined; limit: number },
  ): ConversationEventPage {
    const lastSeq = this.conversationHead(conversationId);
    let rows: ConversationEventRow[];
    let hasMore: boolean;
    if (page.afterSeq !== undefined) {
      rows = this.ctx.sql.all<ConversationEventRow>(
        `SELECT * FROM conversation_events WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
        [conversationId, page.afterSeq, page.limit + 1],
      );
      hasMore = rows.length > page.limit;
      rows = rows.slice(0, page.limit);
    } else {
      const before = page.beforeSeq ?? lastSeq + 1;
      rows = this.ctx.sql.all<ConversationEventRow>(
        `SELECT * FROM conversation_events WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
        [conversationId, before, page.limit + 1],
      );
      hasMore = rows.length > page.limit;
      rows = rows.slice(0, page.limit).reverse();
    }
    return { events: this.toConversationEvents(rows), lastSeq, hasMore };
  }

  private toConversationEvents(rows: readonly ConversationEventRow[]): ConversationEvent[] {
    const ids = rows.flatMap((r) => (r.message_id ? [r.message_id] : []));
    const messages = ids.length > 0 ? this.loadMessages(ids) : new Map<string, Message>();
    const events: ConversationEvent[] = [];
    for (const r of rows) {
      const base = {
        ...(JSON.parse(r.data_json) as object),
        conversationId: r.conversation_id,
        seq: r.seq,
        type: r.type,
        actorId: r.actor_id,
        createdAt: r.created_at,
      };
      if (r.message_id) {
        const message = messages.get(r.message_id);
        if (!message) continue;
        events.push({ ...base, message } as ConversationEvent);
      } else {
        events.push(base as ConversationEvent);
      }
    }
    return events;
  }

  userHead(userId: string): number {
    return (
      this.ctx.sql.get<{ s: number | null }>('SELECT MAX(seq) AS s FROM user_events WHERE user_id = ?', [
        userId,
      ])?.s ?? 0
    );
  }

  /** Appends an event to a user's stream and queues its push to their devices. Call inside a write. */
  appendUser<T extends UserEventType>(
    fx: Effects,
    userId: string,
    type: T,
    data: UserEventData<T>,
  ): UserEvent {
    const seq = this.userHead(userId) + 1;
    const now = this.ctx.now();
    const json = JSON.stringify(data);
    this.ctx.sql.run(
      'INSERT INTO user_events (user_id, seq, type, data_json, created_at) VALUES (?, ?, ?, ?, ?)',
      [userId, seq, type, json, now],
    );
    const event = toUserEvent({ seq, type, data_json: json, created_at: now });
    fx.userEvent(userId, event);
    return event;
  }

  readUser(userId: string, afterSeq: number, limit: number): UserEventPage {
    const rows = this.ctx.sql.all<UserEventRow>(
      'SELECT seq, type, data_json, created_at FROM user_events WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      [userId, afterSeq, limit + 1],
    );
    return {
      events: rows.slice(0, limit).map(toUserEvent),
      lastSeq: this.userHead(userId),
      hasMore: rows.length > limit,
    };
  }
}

function toUserEvent(r: UserEventRow): UserEvent {
  return {
    ...(JSON.parse(r.data_json) as object),
    seq: r.seq,
    type: r.type,
    createdAt: r.created_at,
  } as UserEvent;
}
