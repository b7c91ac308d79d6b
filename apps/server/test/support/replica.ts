import type {
  ConversationEvent,
  ConversationEventPage,
  Me,
  MemberRole,
  Message,
  RpcMethod,
  RpcRequest,
  RpcResponse,
  SyncHeads,
  UserEvent,
  UserEventPage,
} from '@parley/shared';

/**
 * A reference client-side replica of Parley's two kinds of stream, as a client would keep it.
 *
 * Every piece of state remembers the seq of the event that last set it and only takes a value
 * from a later event, so applying an event twice, or an older snapshot after a newer one, never
 * takes the state back. Applied seqs are kept, so a gap is visible as a seq that is missing.
 */

/** A value and the seq of the event that set it. */
interface Versioned<T> {
  value: T;
  seq: number;
}

function setIfNewer<K, T>(map: Map<K, Versioned<T>>, key: K, value: T, seq: number): void {
  const current = map.get(key);
  if (!current || current.seq < seq) map.set(key, { value, seq });
}

/** Seqs applied, the highest seq below which none is missing, and what is missing above it. */
class SeqTracker {
  private readonly applied = new Set<number>();
  private contiguous = 0;
  private highest = 0;
  duplicates = 0;

  /** Records `seq`; false if it was applied already. */
  add(seq: number): boolean {
    if (!Number.isSafeInteger(seq) || seq < 1) throw new Error(`bad seq ${seq}`);
    if (this.applied.has(seq)) {
      this.duplicates += 1;
      return false;
    }
    this.applied.add(seq);
    this.highest = Math.max(this.highest, seq);
    while (this.applied.has(this.contiguous + 1)) this.contiguous += 1;
    return true;
  }

  /** Every seq up to this one has been applied. */
  get lastSeq(): number {
    return this.contiguous;
  }

  get highestSeq(): number {
    return this.highest;
  }

  /** Seqs missing between lastSeq and the highest seq seen. */
  missing(): number[] {
    const out: number[] = [];
    for (let s = this.contiguous + 1; s < this.highest; s++) if (!this.applied.has(s)) out.push(s);
    return out;
  }

  seqs(): number[] {
    return [...this.applied].sort((a, b) => a - b);
  }

  copyFrom(other: SeqTracker): void {
    for (const s of other.applied) this.applied.add(s);
    this.contiguous = other.contiguous;
    this.highest = other.highest;
    this.duplicates = other.duplicates;
  }
}

/** What a conversation looks like to a client, in a form two replicas can be compared by. */
export interface ConversationState {
  conversationId: string;
  lastSeq: number;
  kind: 'direct' | 'group' | null;
  name: string | null;
  dissolved: boolean;
  /** [userId, role], sorted by userId. */
  members: [string, MemberRole][];
  /** Every message, ordered by seq. */
  messages: Message[];
}

export class ConversationReplica {
  private readonly seqs = new SeqTracker();
  private readonly messages = new Map<string, Versioned<Message>>();
  private readonly members = new Map<string, Versioned<MemberRole | null>>();
  private kind: Versioned<'direct' | 'group' | null> = { value: null, seq: 0 };
  private name: Versioned<string | null> = { value: null, seq: 0 };
  private dissolved: Versioned<boolean> = { value: false, seq: 0 };

  constructor(readonly conversationId: string) {}

  /** Applies one event of this conversation; false if its seq was applied already (nothing changes). */
  apply(event: ConversationEvent): boolean {
    if (event.conversationId !== this.conversationId) {
      throw new Error(`event of ${event.conversationId} applied to ${this.conversationId}`);
    }
    if (!this.seqs.add(event.seq)) return false;
    const seq = event.seq;
    switch (event.type) {
      case 'message.created':
      case 'message.edited':
      case 'message.recalled':
      case 'reaction.added':
      case 'reaction.removed':
        if (event.message.conversationId !== this.conversationId)
          throw new Error('message of another conversation');
        setIfNewer(this.messages, event.message.id, event.message, seq);
        break;
      case 'conversation.created':
        if (seq > this.kind.seq) this.kind = { value: event.kind, seq };
        if (seq > this.name.seq) this.name = { value: event.name, seq };
        for (const id of event.memberIds) {
          const role: MemberRole = event.kind === 'group' && id === event.actorId ? 'owner' : 'member';
          setIfNewer(this.members, id, role, seq);
        }
        break;
      case 'members.added':
        for (const id of event.userIds) setIfNewer(this.members, id, 'member', seq);
        break;
      case 'member.removed':
      case 'member.left':
        setIfNewer(this.members, event.userId, null, seq);
        break;
      case 'member.role':
        setIfNewer(this.members, event.userId, event.role, seq);
        break;
      case 'conversation.ownerChanged':
        setIfNewer(this.members, event.fromUserId, 'admin', seq);
        setIfNewer(this.members, event.toUserId, 'owner', seq);
        break;
      case 'conversation.renamed':
        if (seq > this.name.seq) this.name = { value: event.name, seq };
        break;
      case 'conversation.dissolved':
        if (seq > this.dissolved.seq) this.dissolved = { value: true, seq };
        break;
    }
    return true;
  }

  /** Applies events in the order given; returns how many were new. */
  applyAll(events: readonly ConversationEvent[]): number {
    let applied = 0;
    for (const e of events) if (this.apply(e)) applied += 1;
    return applied;
  }

  /** Every seq up to this one has been applied: the `afterSeq` of the next catch-up. */
  get lastSeq(): number {
    return this.seqs.lastSeq;
  }

  get highestSeq(): number {
    return this.seqs.highestSeq;
  }

  /** How many events arrived that had been applied already. */
  get duplicates(): number {
    return this.seqs.duplicates;
  }

  /** Seqs known to be missing: a later event was applied but these were not. */
  missing(): number[] {
    return this.seqs.missing();
  }

  appliedSeqs(): number[] {
    return this.seqs.seqs();
  }

  message(id: string): Message | undefined {
    return this.messages.get(id)?.value;
  }

  state(): ConversationState {
    const messages = [...this.messages.values()].map((v) => v.value).sort((a, b) => a.seq - b.seq);
    for (let i = 1; i < messages.length; i++) {
      if (messages[i - 1]!.seq === messages[i]!.seq)
        throw new Error(`two messages share seq ${messages[i]!.seq}`);
    }
    const members = [...this.members]
      .flatMap(([id, v]): [string, MemberRole][] => (v.value === null ? [] : [[id, v.value]]))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      conversationId: this.conversationId,
      lastSeq: this.lastSeq,
      kind: this.kind.value,
      name: this.name.value,
      dissolved: this.dissolved.value,
      members,
      messages,
    };
  }

  clone(): ConversationReplica {
    const copy = new ConversationReplica(this.conversationId);
    copy.seqs.copyFrom(this.seqs);
    for (const [k, v] of this.messages) copy.messages.set(k, structuredClone(v));
    for (const [k, v] of this.members) copy.members.set(k, { ...v });
    copy.kind = { ...this.kind };
    copy.name = { ...this.name };
    copy.dissolved = { ...this.dissolved };
    return copy;
  }
}

/** What the per-user stream says, in a comparable form. */
export interface UserState {
  lastSeq: number;
  profile: Me | null;
  /** Conversations I am in, sorted. */
  conversations: string[];
  /** [conversationId, readSeq], sorted. */
  reads: [string, number][];
  /** [conversationId, muted, pinned], sorted. */
  prefs: [string, boolean, boolean][];
  friends: string[];
  blocks: string[];
  /** [requestId, status], sorted. */
  requests: [string, string][];
}

const sortedKeys = <T>(map: Map<string, Versioned<T>>, keep: (v: T) => boolean): string[] =>
  [...map].flatMap(([k, v]) => (keep(v.value) ? [k] : [])).sort();

export class UserReplica {
  private readonly seqs = new SeqTracker();
  private profile: Versioned<Me | null> = { value: null, seq: 0 };
  private readonly conversations = new Map<string, Versioned<boolean>>();
  private readonly reads = new Map<string, number>();
  private readonly prefs = new Map<string, Versioned<[boolean, boolean]>>();
  private readonly friends = new Map<string, Versioned<boolean>>();
  private readonly blocks = new Map<string, Versioned<boolean>>();
  private readonly requests = new Map<string, Versioned<string>>();

  apply(event: UserEvent): boolean {
    if (!this.seqs.add(event.seq)) return false;
    const seq = event.seq;
    switch (event.type) {
      case 'profile.updated':
        if (seq > this.profile.seq) this.profile = { value: event.user, seq };
        break;
      case 'friendRequest.received':
      case 'friendRequest.sent':
        setIfNewer(this.requests, event.request.id, event.request.status, seq);
        break;
      case 'friendRequest.resolved':
        setIfNewer(this.requests, event.requestId, event.status, seq);
        break;
      case 'friend.added':
        setIfNewer(this.friends, event.user.id, true, seq);
        break;
      case 'friend.removed':
        setIfNewer(this.friends, event.userId, false, seq);
        break;
      case 'block.added':
        setIfNewer(this.blocks, event.userId, true, seq);
        break;
      case 'block.removed':
        setIfNewer(this.blocks, event.userId, false, seq);
        break;
      case 'conversation.joined':
        setIfNewer(this.conversations, event.conversationId, true, seq);
        break;
      case 'conversation.left':
        setIfNewer(this.conversations, event.conversationId, false, seq);
        break;
      case 'conversation.prefs':
        setIfNewer(this.prefs, event.conversationId, [event.muted, event.pinned], seq);
        break;
      case 'read.updated':
        // Read positions only move forward.
        this.reads.set(
          event.conversationId,
          Math.max(this.reads.get(event.conversationId) ?? 0, event.readSeq),
        );
        break;
    }
    return true;
  }

  applyAll(events: readonly UserEvent[]): number {
    let applied = 0;
    for (const e of events) if (this.apply(e)) applied += 1;
    return applied;
  }

  get lastSeq(): number {
    return this.seqs.lastSeq;
  }

  missing(): number[] {
    return this.seqs.missing();
  }

  appliedSeqs(): number[] {
    return this.seqs.seqs();
  }

  /** Whether the stream says I am in the conversation. */
  isIn(conversationId: string): boolean {
    return this.conversations.get(conversationId)?.value === true;
  }

  state(): UserState {
    return {
      lastSeq: this.lastSeq,
      profile: this.profile.value,
      conversations: sortedKeys(this.conversations, (v) => v),
      reads: [...this.reads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      prefs: [...this.prefs]
        .map(([id, v]): [string, boolean, boolean] => [id, ...v.value])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      friends: sortedKeys(this.friends, (v) => v),
      blocks: sortedKeys(this.blocks, (v) => v),
      requests: [...this.requests]
        .map(([id, v]): [string, string] => [id, v.value])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    };
  }

  clone(): UserReplica {
    const copy = new UserReplica();
    copy.seqs.copyFrom(this.seqs);
    copy.profile = structuredClone(this.profile);
    for (const [k, v] of this.conversations) copy.conversations.set(k, { ...v });
    for (const [k, v] of this.reads) copy.reads.set(k, v);
    for (const [k, v] of this.prefs) copy.prefs.set(k, structuredClone(v));
    for (const [k, v] of this.friends) copy.friends.set(k, { ...v });
    for (const [k, v] of this.blocks) copy.blocks.set(k, { ...v });
    for (const [k, v] of this.requests) copy.requests.set(k, { ...v });
    return copy;
  }
}

/** Anything that can make a socket RPC and return its data (TestClient does). */
export interface RpcCaller {
  rpc<M extends RpcMethod>(method: M, payload: RpcRequest<M>): Promise<RpcResponse<M>>;
}

/** What one catch-up fetched: the raw pages, and per stream the seqs in the order they came. */
export interface CatchUpReport {
  heads: SyncHeads;
  userPages: UserEventPage[];
  conversationPages: Map<string, ConversationEventPage[]>;
  userSeqs: number[];
  conversationSeqs: Map<string, number[]>;
  /** Conversations the replica held that the heads no longer list (left or removed). */
  dropped: string[];
}

/**
 * Fetches a conversation's events after what the replica has, page by page until hasMore is
 * false, and applies them. Returns the pages.
 */
export async function backfill(
  client: RpcCaller,
  replica: ConversationReplica,
  limit?: number,
): Promise<ConversationEventPage[]> {
  const pages: ConversationEventPage[] = [];
  for (;;) {
    const page = await client.rpc('sync.conversation', {
      conversationId: replica.conversationId,
      afterSeq: replica.lastSeq,
      ...(limit === undefined ? {} : { limit }),
    });
    pages.push(page);
    replica.applyAll(page.events);
    if (!page.hasMore) return pages;
    if (page.events.length === 0) throw new Error('hasMore with an empty page');
  }
}

/** Everything one device knows: its user stream and a replica per conversation it is in. */
export class DeviceReplica {
  user = new UserReplica();
  readonly conversations = new Map<string, ConversationReplica>();

  conversation(id: string): ConversationReplica {
    let c = this.conversations.get(id);
    if (!c) this.conversations.set(id, (c = new ConversationReplica(id)));
    return c;
  }

  /** Applies a pushed conversation event. */
  applyConversationEvent(event: ConversationEvent): boolean {
    return this.conversation(event.conversationId).apply(event);
  }

  /**
   * The catch-up rule: where does every stream stand (sync.heads), then each stream after the
   * seq I have, paged until hasMore is false.
   */
  async catchUp(client: RpcCaller, pageLimit?: number): Promise<CatchUpReport> {
    const limit = pageLimit === undefined ? {} : { limit: pageLimit };
    const heads = await client.rpc('sync.heads', {});
    const report: CatchUpReport = {
      heads,
      userPages: [],
      conversationPages: new Map(),
      userSeqs: [],
      conversationSeqs: new Map(),
      dropped: [],
    };
    for (;;) {
      const page = await client.rpc('sync.user', { afterSeq: this.user.lastSeq, ...limit });
      report.userPages.push(page);
      report.userSeqs.push(...page.events.map((e) => e.seq));
      this.user.applyAll(page.events);
      if (!page.hasMore) break;
      if (page.events.length === 0) throw new Error('hasMore with an empty user page');
    }
    if (this.user.lastSeq < heads.userSeq) throw new Error('user stream behind its head after catch-up');

    const listed = new Set<string>(heads.conversations.map((h) => h.conversationId));
    for (const id of [...this.conversations.keys()]) {
      if (!listed.has(id)) {
        this.conversations.delete(id);
        report.dropped.push(id);
      }
    }
    for (const head of heads.conversations) {
      const replica = this.conversation(head.conversationId);
      const pages = await backfill(client, replica, pageLimit);
      report.conversationPages.set(head.conversationId, pages);
      report.conversationSeqs.set(
        head.conversationId,
        pages.flatMap((p) => p.events.map((e) => e.seq)),
      );
      if (replica.lastSeq < head.lastSeq) {
        throw new Error(`conversation ${head.conversationId} behind its head after catch-up`);
      }
    }
    return report;
  }

  /** A comparable picture of everything the device knows. */
  state(): { user: UserState; conversations: ConversationState[] } {
    return {
      user: this.user.state(),
      conversations: [...this.conversations.values()]
        .map((c) => c.state())
        .sort((a, b) => (a.conversationId < b.conversationId ? -1 : 1)),
    };
  }

  clone(): DeviceReplica {
    const copy = new DeviceReplica();
    copy.user = this.user.clone();
    for (const [id, c] of this.conversations) copy.conversations.set(id, c.clone());
    return copy;
  }
}
