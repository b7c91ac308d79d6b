import type { ConversationSummary, Message, OutboxEntry, PublicUser } from '@parley/shared';

/** Values the chat list's pure modules take, with only what a test cares about spelled out. */
export function conversation(over: Partial<ConversationSummary> & { id: string }): ConversationSummary {
  return {
    kind: 'direct',
    title: over.id,
    members: [],
    dissolvedAt: null,
    leftReason: null,
    lastMessage: null,
    lastActivityAt: 0,
    readSeq: 0,
    unreadCount: 0,
    mentioned: false,
    muted: false,
    pinned: false,
    draft: null,
    pendingCount: 0,
    failedCount: 0,
    newestOutgoing: null,
    ...over,
  };
}

export function message(over: Partial<Omit<Message, 'content'>> & { text?: string | null } = {}): Message {
  const { text = 'hello', ...rest } = over;
  return {
    id: 'm1' as Message['id'],
    conversationId: 'c1' as Message['conversationId'],
    seq: 1,
    senderId: 'u-other' as Message['senderId'],
    clientMsgId: 'k1' as Message['clientMsgId'],
    content: text === null ? null : { kind: 'text', text },
    createdAt: 1000,
    editedAt: null,
    recalledAt: null,
    recalledBy: null,
    reactions: [],
    ...rest,
  };
}

export function outboxEntry(text: string, createdAt: number): OutboxEntry {
  return {
    clientMsgId: 'k2',
    conversationId: 'c1',
    content: { kind: 'text', text },
    createdAt,
    state: 'pending',
    error: null,
    attempts: 0,
  };
}

export function user(id: string, displayName: string, username = id): PublicUser {
  return {
    id: id as PublicUser['id'],
    username,
    displayName,
    bio: '',
    avatarFileId: null,
    createdAt: 0,
  };
}

export const member = (userId: string): ConversationSummary['members'][number] => ({
  userId: userId as ConversationSummary['members'][number]['userId'],
  role: 'member',
  joinedAt: 0,
});
