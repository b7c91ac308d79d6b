import type { LocalStore } from './store/local-store.js';
import type { SyncEngine } from './sync/sync-engine.js';
import type { TimelineItem, TimelinePage } from './types.js';

const NEWEST = Number.MAX_SAFE_INTEGER;

const seqOf = (item: TimelineItem | undefined): number | undefined =>
  item === undefined || item.kind === 'outgoing' ? undefined : item.seq;

/**
 * Pages of a conversation's timeline, read from the cache. The cache holds every event of a
 * conversation from its floor_seq up to its synced_seq without a gap; a page that reaches past
 * either end has the missing part fetched first, when the server can be reached.
 */
export class TimelinePages {
  constructor(
    private readonly store: LocalStore,
    private readonly sync: SyncEngine,
  ) {}

  /** The newest page, without waiting; the messages still in the outbox come last. */
  newest(conversationId: string, limit: number): TimelinePage {
    const items = this.store.messages.page(conversationId, NEWEST, limit);
    return this.finish(conversationId, items, { first: NEWEST, last: NEWEST, newest: true });
  }

  /** The page before `beforeSeq`, from the cache alone. */
  before(conversationId: string, beforeSeq: number, limit: number): TimelinePage {
    const items = this.store.messages.page(conversationId, beforeSeq, limit);
    return this.finish(conversationId, items, { first: beforeSeq, last: beforeSeq - 1 });
  }

  /** The page before `beforeSeq`: from the cache, or from the server when the cache runs out. */
  async older(conversationId: string, beforeSeq: number, limit: number): Promise<TimelinePage> {
    const cached = this.before(conversationId, beforeSeq, limit);
    const c = this.store.conversations.get(conversationId);
    if (cached.items.length >= limit || !c || c.floor_seq <= 1) return cached;
    const floor = Math.min(c.floor_seq, ...cached.items.flatMap((i) => seqOf(i) ?? []));
    await this.sync.loadOlder(conversationId, floor, limit);
    return this.before(conversationId, beforeSeq, limit);
  }

  /** About half the page before `seq` and half after, `seq` included (for jumping to a message). */
  async around(conversationId: string, seq: number, limit: number): Promise<TimelinePage> {
    await this.fetchFrom(conversationId, seq - limit);
    const { messages } = this.store;
    const after = messages.pageAfter(conversationId, seq, limit);
    // Near either end, the other side fills the page.
    const before = messages.page(
      conversationId,
      seq + 1,
      limit - Math.min(Math.floor(limit / 2), after.length),
    );
    const items = [...before, ...after.slice(0, limit - before.length)];
    return this.finish(conversationId, items, { first: seq, last: seq - 1 });
  }

  /** The page after `afterSeq`; the outbox's messages come last once it reaches the newest. */
  async newer(conversationId: string, afterSeq: number, limit: number): Promise<TimelinePage> {
    await this.fetchFrom(conversationId, afterSeq + 1);
    const items = this.store.messages.pageAfter(conversationId, afterSeq, limit);
    return this.finish(conversationId, items, { first: afterSeq + 1, last: afterSeq });
  }

  /**
   * Fetches what the cache lacks from `seq` to the newest: older pages down to `seq`, and any
   * events the cache has not caught up with. Offline, or no longer a member, the cache is what
   * there is, and the page says so with hasOlder/hasNewer.
   */
  private async fetchFrom(conversationId: string, seq: number): Promise<void> {
    const c = this.store.conversations.get(conversationId);
    if (!c || this.sync.connection !== 'online') return;
    if (c.left_reason === null && c.synced_seq < c.server_seq)
      await this.sync.applied(conversationId, c.server_seq);
    await this.sync.loadOlderTo(conversationId, seq).catch(() => undefined);
  }

  /**
   * Tells whether older and newer items exist beyond the page's items (or, for an empty page, beyond
   * `first`/`last`), and adds the outbox at the newest end.
   */
  private finish(
    conversationId: string,
    items: TimelineItem[],
    empty: { first: number; last: number; newest?: boolean },
  ): TimelinePage {
    const { messages } = this.store;
    const c = this.store.conversations.get(conversationId);
    const first = seqOf(items[0]) ?? empty.first;
    const last = seqOf(items.at(-1)) ?? empty.last;
    const hasOlder =
      messages.hasItemBefore(conversationId, first) || (c !== undefined && c.floor_seq > 1 && first > 1);
    const hasNewer =
      empty.newest !== true &&
      (messages.hasItemAfter(conversationId, last) ||
        (c?.left_reason === null && c.synced_seq < c.server_seq));
    if (!hasNewer) {
      for (const entry of this.store.outbox.ofConversation(conversationId))
        items.push({ kind: 'outgoing', entry });
    }
    return { items, hasOlder, hasNewer };
  }
}
