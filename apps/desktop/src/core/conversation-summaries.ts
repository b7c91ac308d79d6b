import type { LocalStore } from './store/local-store.js';
import type { ConversationSummary } from './types.js';

/** The conversation list from the cache alone: pinned first, then by latest activity. */
export function conversationSummaries(store: LocalStore, me: string): ConversationSummary[] {
  const list = store.conversations.all().map((c): ConversationSummary => {
    const outbox = store.outbox.ofConversation(c.id);
    const members = store.conversations.members(c.id);
    const unread = store.messages.unread(c.id, me, c.read_seq);
    const other = c.kind === 'direct' ? members.find((m) => m.userId !== me) : undefined;
    const person = other && store.users.get(other.userId);
    const title = c.kind === 'group' ? (c.name ?? '') : (person?.displayName ?? c.name ?? '');
    return {
      id: c.id,
      kind: c.kind,
      title,
      avatarFileId: c.kind === 'group' ? c.avatar_file_id : (person?.avatarFileId ?? null),
      members,
      dissolvedAt: c.dissolved_at,
      leftReason: c.left_reason,
      lastMessage: store.messages.latest(c.id),
      lastActivityAt: c.last_activity_at,
      readSeq: c.read_seq,
      unreadCount: unread.count,
      mentioned: unread.mentioned,
      muted: c.muted === 1,
      pinned: c.pinned === 1,
      draft: store.drafts.get(c.id),
      pendingCount: outbox.length,
      failedCount: outbox.filter((e) => e.state === 'failed').length,
      newestOutgoing: outbox.at(-1) ?? null,
    };
  });
  return list.sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) || b.lastActivityAt - a.lastActivityAt || a.id.localeCompare(b.id),
  );
}
