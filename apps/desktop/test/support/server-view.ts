import type { ConversationEvent, Message } from '@parley/shared';
import { expect } from 'vitest';
import type { DesktopCore } from '../../src/core/desktop-core.js';
import type { TimelineItem } from '../../src/core/types.js';
import { untilAsync } from './harness.js';

const MESSAGE_EVENTS = new Set([
  'message.created',
  'message.edited',
  'message.recalled',
  'reaction.added',
  'reaction.removed',
]);

/** A conversation as the server has it now, read from seq 0 page by page. */
export interface ServerView {
  lastSeq: number;
  /** Every message as it is now, in seq order. */
  messages: Message[];
  /** What a timeline shows, in seq order: each message and each system event. */
  timeline: { seq: number; id: string }[];
  systemEvents: ConversationEvent[];
}

export async function serverView(viewer: DesktopCore, conversationId: string): Promise<ServerView> {
  const events: ConversationEvent[] = [];
  let page;
  do {
    page = await viewer.sync.rpc('sync.conversation', {
      conversationId,
      afterSeq: events.at(-1)?.seq ?? 0,
      limit: 500,
    });
    events.push(...page.events);
  } while (page.hasMore);
  const lastSeq = page.lastSeq;
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  const messages = new Map<string, Message>();
  const timeline: { seq: number; id: string }[] = [];
  const systemEvents: ConversationEvent[] = [];
  for (const e of events) {
    if ('message' in e) messages.set(e.message.id, e.message);
    if (e.type === 'message.created') timeline.push({ seq: e.seq, id: e.message.id });
    else if (!MESSAGE_EVENTS.has(e.type)) {
      timeline.push({ seq: e.seq, id: `event:${e.type}` });
      systemEvents.push(e);
    }
  }
  return {
    lastSeq,
    messages: [...messages.values()].sort((x, y) => x.seq - y.seq),
    timeline,
    systemEvents,
  };
}

const itemKey = (i: TimelineItem) =>
  i.kind === 'message'
    ? { seq: i.seq, id: i.message.id }
    : i.kind === 'system'
      ? { seq: i.seq, id: `event:${i.event.type}` }
      : { seq: -1, id: `outgoing:${i.entry.clientMsgId}` };

/**
 * Waits until `core` holds the conversation up to the server's head with nothing left in its
 * outbox, then checks that its cache equals a fresh fetch made by `fresh` (another device of the
 * same account): messages (ids, seqs, content, edits, recalls, reactions), the timeline in order
 * with no duplicates, the conversation's name and members, and the account's read position,
 * unread count and preferences.
 */
export async function expectCacheEqualsServer(
  core: DesktopCore,
  fresh: DesktopCore,
  conversationId: string,
): Promise<ServerView> {
  // Caught up: nothing left to send, and the cache holds the stream up to the head the server
  // reports, which the full read then confirms (something may still have been committed meanwhile).
  let view: ServerView | undefined;
  await untilAsync(
    async () => {
      await core.sync.settled();
      const { conversation } = await fresh.sync.rpc('conversations.get', { conversationId });
      const at = core.store.conversations.get(conversationId)?.synced_seq;
      if (at !== conversation.lastSeq || core.store.outbox.ofConversation(conversationId).length > 0)
        return false;
      view = await serverView(fresh, conversationId);
      return view.lastSeq === at;
    },
    30_000,
    `${conversationId} caught up`,
  );
  if (!view) throw new Error('unreachable');
  const { conversation } = await fresh.sync.rpc('conversations.get', { conversationId });

  expect(core.store.messages.allOf(conversationId)).toEqual(view.messages);
  const items = core.timeline(conversationId, { limit: 1_000_000 }).items;
  expect(items.map(itemKey)).toEqual(view.timeline);
  expect(items.flatMap((i) => (i.kind === 'system' ? [i.event] : []))).toEqual(view.systemEvents);

  const cached = core.store.conversations.get(conversationId);
  expect(cached).toMatchObject({
    synced_seq: view.lastSeq,
    name: conversation.name,
    dissolved_at: conversation.dissolvedAt,
    read_seq: conversation.readSeq,
    muted: Number(conversation.muted),
    pinned: Number(conversation.pinned),
    left_reason: null,
    avatar_file_id: conversation.avatarFileId,
  });
  // joinedAt is left out: see the report (the server stamps the member row and its event apart).
  const roles = (ms: readonly { userId: string; role: string }[]) =>
    ms.map((m) => ({ userId: m.userId, role: m.role })).sort((x, y) => x.userId.localeCompare(y.userId));
  expect(roles(core.store.conversations.members(conversationId))).toEqual(roles(conversation.members));
  for (const m of conversation.members) expect(core.store.users.get(m.userId)).toBeDefined();

  const summary = core.conversations().find((c) => c.id === conversationId);
  expect(summary).toMatchObject({
    readSeq: conversation.readSeq,
    unreadCount: conversation.unreadCount,
    mentioned: conversation.mentioned,
    muted: conversation.muted,
    pendingCount: 0,
    failedCount: 0,
    newestOutgoing: null,
  });
  expect(summary?.lastMessage).toEqual(conversation.lastMessage);
  return view;
}
