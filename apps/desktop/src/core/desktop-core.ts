import type { MessageContent, Presence, PublicUser } from '@parley/shared';
import { EventEmitter } from 'node:events';
import { conversationSummaries } from './conversation-summaries.js';
import { type Batch, NotificationCoalescer, type NotifyClock } from './notifications/coalescer.js';
import { badgeCount, shouldNotify } from './notifications/policy.js';
import { ReceiptBook } from './receipts.js';
import { type LabelledHit, labelHits } from './search/labels.js';
import type { SearchOptions } from './search/search-index.js';
import { LocalStore } from './store/local-store.js';
import type { CredentialStore } from './sync/credentials.js';
import { RpcError } from './sync/socket-rpc.js';
import { type ConnectionState, SyncEngine } from './sync/sync-engine.js';
import { TimelinePages } from './timeline-pages.js';
import type { ConversationSummary, Receipt, TimelinePage } from './types.js';
import { TypingThrottle } from './typing-throttle.js';

export interface DesktopCoreOptions {
  dataDir: string;
  credentials: CredentialStore;
  deviceName: string;
  nativeBinding?: string;
  now?: () => number;
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  rpcTimeoutMs?: number;
  /** How notifications are coalesced (see NotificationCoalescer); tests inject the clock. */
  notifications?: { clock?: NotifyClock; windowMs?: number; summaryAbove?: number };
}

/**
 * New messages in one conversation: the latest of them (what the notification shows) and how many
 * it stands for (1 for a message on its own, more for a follow-up that merges a burst or a backlog).
 */
export interface MessageNotifyRequest {
  kind: 'message';
  conversationId: string;
  /** The latest of the messages. */
  messageId: string;
  senderId: string;
  count: number;
  /** Whether any of the messages mentions me (by name or @all). */
  mention: boolean;
}

/** After a catch-up that brought news to many conversations: one notification for all of them. */
export interface SummaryNotifyRequest {
  kind: 'summary';
  conversationIds: string[];
  messageCount: number;
  /** Whether any of the messages mentions me. */
  mention: boolean;
}

export type NotifyRequest = MessageNotifyRequest | SummaryNotifyRequest;

export interface CoreEvents {
  connection: [state: ConnectionState];
  changed: [conversationIds: string[]];
  'people-changed': [];
  notify: [request: NotifyRequest];
  badge: [count: number];
  'signed-out': [reason: string];
  /** Someone else started typing in a conversation. */
  typing: [conversationId: string, userId: string];
  presence: [presence: Presence];
  /** Another member's read or delivered position in a conversation moved. */
  'receipts-changed': [conversationId: string];
}

/** A refusal of the core's own, with a code the renderer knows. */
export class CoreError extends Error {
  constructor(
    readonly code: 'MESSAGE_NOT_FOUND',
    message: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

/**
 * Everything the desktop app does that is not window glue: the cache, the link to the server, the
 * outbox, and the notification policy. The main process calls it; tests run it under plain Node.
 */
export class DesktopCore extends EventEmitter<CoreEvents> {
  readonly store: LocalStore;
  readonly sync: SyncEngine;
  private readonly pages: TimelinePages;
  private readonly receiptBook = new ReceiptBook();
  private readonly typingThrottle: TypingThrottle;
  private readonly coalescer: NotificationCoalescer;
  private focused: string | null = null;
  private doNotDisturb = false;

  constructor(options: DesktopCoreOptions) {
    super();
    this.store = LocalStore.open(
      options.dataDir,
      options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
    );
    this.sync = new SyncEngine(this.store, options.credentials, {
      deviceName: options.deviceName,
      ...(options.now ? { now: options.now } : {}),
      ...(options.reconnectDelayMs ? { reconnectDelayMs: options.reconnectDelayMs } : {}),
      ...(options.reconnectDelayMaxMs ? { reconnectDelayMaxMs: options.reconnectDelayMaxMs } : {}),
      ...(options.rpcTimeoutMs ? { rpcTimeoutMs: options.rpcTimeoutMs } : {}),
    });
    this.pages = new TimelinePages(this.store, this.sync);
    this.typingThrottle = new TypingThrottle(options.now ?? (() => Date.now()));
    this.sync.on('connection', (state) => this.emit('connection', state));
    this.sync.on('typing', (notice) => this.emit('typing', notice.conversationId, notice.userId));
    this.sync.on('presence', (presence) => this.emit('presence', presence));
    this.sync.on('receipt', (notice) => {
      if (notice.userId !== this.sync.me && this.receiptBook.raise(notice.conversationId, notice))
        this.emit('receipts-changed', notice.conversationId);
    });
    this.sync.on('people-changed', () => this.emit('people-changed'));
    this.sync.on('signed-out', (reason) => this.emit('signed-out', reason));
    this.sync.on('changed', (ids) => {
      this.emit('changed', ids);
      this.emit('badge', this.badge());
    });
    this.coalescer = new NotificationCoalescer({
      ...options.notifications,
      emit: (request) => this.emit('notify', request),
      wanted: (batch) => this.stillWanted(batch),
    });
    this.sync.on('catch-up', (running) => {
      if (running) this.coalescer.beginCatchUp();
      else this.coalescer.endCatchUp();
    });
    this.sync.on('signed-out', () => {
      this.coalescer.clear();
    });
    this.sync.on('message-arrived', (e) => {
      const me = this.sync.me;
      const c = this.store.conversations.get(e.conversationId);
      if (!me || !c) return;
      // The policy first: what it stops never counts towards a merged notification.
      const decision = shouldNotify(e.message, {
        me,
        focusedConversationId: this.focused,
        doNotDisturb: this.doNotDisturb,
        muted: c.muted === 1,
      });
      if (decision.notify) {
        this.coalescer.add({
          conversationId: e.conversationId,
          messageId: e.message.id,
          senderId: e.message.senderId,
          seq: e.message.seq,
          mention: decision.mention,
        });
      }
    });
  }

  /**
   * Whether a held batch is still worth a notification when it goes out: not once the conversation
   * is on screen, muted or read up to its latest message, nor without a mention under do-not-disturb.
   */
  private stillWanted(batch: Batch): boolean {
    const c = this.store.conversations.get(batch.conversationId);
    if (!c || c.muted === 1 || this.focused === batch.conversationId) return false;
    if (c.read_seq >= batch.latest.seq) return false;
    return batch.mention || !this.doNotDisturb;
  }

  /** Opens the cache and resumes the saved session, if any; the cache is usable at once either way. */
  start(): Promise<boolean> {
    return this.sync.resume();
  }

  conversations(): ConversationSummary[] {
    const me = this.sync.me;
    return me ? conversationSummaries(this.store, me) : [];
  }

  badge(): number {
    return badgeCount(this.conversations());
  }

  /** The newest page of a conversation (or the page before `beforeSeq`), from the cache, without waiting. */
  timeline(conversationId: string, options: { beforeSeq?: number; limit?: number } = {}): TimelinePage {
    const limit = options.limit ?? 50;
    return options.beforeSeq === undefined
      ? this.pages.newest(conversationId, limit)
      : this.pages.before(conversationId, options.beforeSeq, limit);
  }

  /** The page before `beforeSeq`: from the cache, or from the server when the cache runs out. */
  olderPage(conversationId: string, beforeSeq: number, limit = 50): Promise<TimelinePage> {
    return this.pages.older(conversationId, beforeSeq, limit);
  }

  /** The page centred on `seq`, fetching what the cache lacks (for jumping to a message in context). */
  around(conversationId: string, seq: number, limit = 50): Promise<TimelinePage> {
    return this.pages.around(conversationId, seq, limit);
  }

  /** The page after `afterSeq`, fetching what the cache lacks. */
  newerPage(conversationId: string, afterSeq: number, limit = 50): Promise<TimelinePage> {
    return this.pages.newer(conversationId, afterSeq, limit);
  }

  /** Hides a message on this device only: timelines, the list and search skip it from now on. */
  hideMessage(conversationId: string, messageId: string): void {
    if (this.store.messages.get(messageId)?.conversationId !== conversationId)
      throw new CoreError('MESSAGE_NOT_FOUND', 'no such message in this conversation');
    this.store.messages.deleteLocally(messageId);
    this.emit('changed', [conversationId]);
    this.emit('badge', this.badge());
  }

  /** The other members' read and delivered positions: asked of the server when it answers, else as last known. */
  async receipts(conversationId: string): Promise<Receipt[]> {
    try {
      const { members } = await this.sync.rpc('conversations.receipts', { conversationId });
      this.receiptBook.replace(conversationId, members);
    } catch (err) {
      if (!(err instanceof RpcError)) throw err;
    }
    return this.receiptBook.of(conversationId, this.sync.me);
  }

  /** Tells the others I am typing, at most every few seconds per conversation; nothing while offline. */
  async startTyping(conversationId: string): Promise<void> {
    if (this.sync.connection !== 'online' || !this.typingThrottle.take(conversationId)) return;
    await this.sync.rpc('typing.start', { conversationId }).catch((err: unknown) => {
      if (!(err instanceof RpcError && err.code === 'NETWORK')) throw err;
    });
  }

  /** Profiles from the cache, fetching the ones it lacks when online. */
  async profiles(userIds: readonly string[]): Promise<PublicUser[]> {
    // Best effort: offline, what the cache has is shown.
    if (this.sync.connection === 'online')
      await this.sync.fetchMissingProfiles(userIds).catch(() => undefined);
    return this.store.users.many(userIds);
  }

  /** Searches the cached messages, so it works offline; see SearchIndex for what matches and in which order. */
  search(query: string, options: SearchOptions = {}): { results: LabelledHit[]; hasMore: boolean } {
    const page = this.store.search.search(query, options);
    return { results: labelHits(this.store, this.sync.me, page.results), hasMore: page.hasMore };
  }

  sendText(
    conversationId: string,
    text: string,
    extra: Omit<Extract<MessageContent, { kind: 'text' }>, 'kind' | 'text'> = {},
  ) {
    return this.sync.send(conversationId, { kind: 'text', text, ...extra });
  }

  async markRead(conversationId: string): Promise<void> {
    const c = this.store.conversations.get(conversationId);
    if (!c) return;
    this.store.conversations.setRead(conversationId, c.synced_seq);
    this.emit('changed', [conversationId]);
    this.emit('badge', this.badge());
    await this.sync
      .rpc('conversations.markRead', { conversationId, seq: c.synced_seq })
      .catch(() => undefined);
  }

  setDraft(conversationId: string, text: string): void {
    this.store.drafts.set(conversationId, text, Date.now());
  }

  setFocusedConversation(conversationId: string | null): void {
    this.focused = conversationId;
  }

  setDoNotDisturb(on: boolean): void {
    this.doNotDisturb = on;
  }

  close(): void {
    this.coalescer.clear();
    this.sync.close();
    this.store.close();
  }
}
