import type { LocalStore } from '../store/local-store.js';
import type { SearchHit } from './search-index.js';

export interface LabelledHit extends SearchHit {
  /** The sender's display name, or '' when the cache holds no profile. */
  senderName: string;
  /** As the conversation list titles it: the group's name, or the other person's display name. */
  conversationTitle: string;
}

/** Adds the names a result list shows, from the cache, once per sender and conversation. */
export function labelHits(store: LocalStore, me: string | null, hits: readonly SearchHit[]): LabelledHit[] {
  const names = new Map(
    store.users.many([...new Set(hits.map((h) => h.senderId))]).map((u) => [u.id as string, u.displayName]),
  );
  const titles = new Map<string, string>();
  const title = (conversationId: string): string => {
    const c = store.conversations.get(conversationId);
    if (!c) return '';
    if (c.kind === 'group') return c.name ?? '';
    const other = store.conversations.members(c.id).find((m) => m.userId !== me);
    return (other && store.users.get(other.userId)?.displayName) ?? c.name ?? '';
  };
  return hits.map((h) => {
    let t = titles.get(h.conversationId);
    if (t === undefined) titles.set(h.conversationId, (t = title(h.conversationId)));
    return { ...h, senderName: names.get(h.senderId) ?? '', conversationTitle: t };
  });
}
