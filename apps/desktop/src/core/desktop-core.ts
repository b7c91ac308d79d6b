import type { Presence, PublicUser, ServerInfo, TextContent, Transfer } from '@parley/shared';
import { EventEmitter } from 'node:events';
import { conversationSummaries } from './conversation-summaries.js';
import { CoreError } from './core-error.js';
import { FileService } from './files/file-service.js';
import { type Batch, NotificationCoalescer, type NotifyClock } from './notifications/coalescer.js';
import { LanDiscovery, type LanDiscoveryOptions } from './lan/discovery.js';
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
import { PIN_FILE, PinStore } from './tls/pin-store.js';
import { TlsPolicy } from './tls/tls-policy.js';
import { originOf } from './tls/fingerprint.js';
import { join } from 'node:path';

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
  /** File transfers: uploads at once (2), tus chunk size (8 MiB), progress events per transfer at most every (200 ms). */
  files?: { uploadConcurrency?: number; chunkSize?: number; progressIntervalMs?: number };
  /** LAN discovery (interfaces, query interval); it runs only between `discovery.start()` and `stop()`. */
  discovery?: LanDiscoveryOptions;
  /** HTTPS: certificate authorities to trust besides the system's (PEM; tests make their own). */
  tls?: { extraCa?: readonly string[] };
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
  /** File transfers whose state or progress changed. */
  transfers: [transfers: Transfer[]];
  /** The server's name, announcement or registration policy, heard at connect or when it changed. */
  'server-info': [info: ServerInfo];
}

export { CoreError } from './core-error.js';

/**
 * Everything the desktop app does that is not window glue: the cache, the link to the server, the
 * outbox, and the notification policy. The main process calls it; tests run it under plain Node.
 */
export class DesktopCore extends EventEmitter<CoreEvents> {
  readonly store: LocalStore;
  readonly sync: SyncEngine;
  readonly files: FileService;
  /** The rule for every HTTPS connection (CA-signed, or the key pinned on first use), and the pins. */
  readonly tls: TlsPolicy;
  /** Parley servers on the LAN, while the sign-in screen asks for them. */
  readonly discovery: LanDiscovery;
  private readonly pages: TimelinePages;
  private readonly receiptBook = new ReceiptBook();
  private readonly typingThrottle: TypingThrottle;
  private readonly coalescer: NotificationCoalescer;
  private focused: string | null = null;
  private doNotDisturb = false;
  /**
   * Why the session last ended on its own (revoked, password changed…), until the next sign-in: a
   * window that opens after it happened (at startup, say) still learns why, not only one that
   * heard the event.
   */
  signedOutReason: string | null = null;
  private startup: Promise<boolean> | null = null;

  constructor(options: DesktopCoreOptions) {
    super();
    this.store = LocalStore.open(
      options.dataDir,
      options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
    );
    this.tls = new TlsPolicy({
      pins: new PinStore(join(options.dataDir, PIN_FILE)),
      ...(options.tls?.extraCa ? { extraCa: options.tls.extraCa } : {}),
    });
    this.sync = new SyncEngine(this.store, options.credentials, {
      tls: this.tls,
      deviceName: options.deviceName,
      ...(options.now ? { now: options.now } : {}),
      ...(options.reconnectDelayMs ? { reconnectDelayMs: options.reconnectDelayMs } : {}),
      ...(options.reconnectDelayMaxMs ? { reconnectDelayMaxMs: options.reconnectDelayMaxMs } : {}),
      ...(options.rpcTimeoutMs ? { rpcTimeoutMs: options.rpcTimeoutMs } : {}),
    });
    this.files = new FileService({
      dataDir: options.dataDir,
      store: this.store,
      sync: this.sync,
      changed: (conversationId) => {
        this.emit('changed', [conversationId]);
      },
      transfersChanged: (transfers) => this.emit('transfers', transfers),
      retryDelayMs: options.reconnectDelayMs ?? 500,
      retryDelayMaxMs: options.reconnectDelayMaxMs ?? 15_000,
      ...options.files,
    });
    this.pages = new TimelinePages(this.store, this.sync);
    this.discovery = new LanDiscovery({ ...options.discovery, tls: this.tls });
    this.typingThrottle = new TypingThrottle(options.now ?? (() => Date.now()));
    this.sync.on('connection', (state) => this.emit('connection', state));
    this.sync.on('typing', (notice) => this.emit('typing', notice.conversationId, notice.userId));
    this.sync.on('presence', (presence) => this.emit('presence', presence));
    this.sync.on('receipt', (notice) => {
      if (notice.userId !== this.sync.me && this.receiptBook.raise(notice.conversationId, notice))
        this.emit('receipts-changed', notice.conversationId);
    });
    this.sync.on('people-changed', () => this.emit('people-changed'));
    this.sync.on('server-info', (info) => this.emit('server-info', info));
    this.sync.on('signed-out', (reason) => {
      this.signedOutReason = reason;
      this.emit('signed-out', reason);
    });
    this.sync.on('connection', (state) => {
      if (state !== 'signed-out') this.signedOutReason = null;
    });
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

  /**
   * Resumes the saved session, if any, and the uploads a previous run left unfinished; the cache is
   * usable at once either way.
   */
  start(): Promise<boolean> {
    this.startup ??= (async () => {
      this.files.resumeUploads();
      return this.sync.resume();
    })();
    return this.startup;
  }

  /** Settles once start() has resumed the saved session (or found none); at once if it was never called. */
  async started(): Promise<void> {
    await this.startup?.catch(() => undefined);
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

  /**
   * Trusts the key with `fingerprint` for the https:// server at `serverUrl` (after the user compared
   * it): pinned from now on, and the link tries again at once if it was refused for its key.
   */
  trustServerKey(serverUrl: string, fingerprint: string): void {
    this.tls.pins.set(serverUrl, fingerprint);
    const current = this.sync.serverUrl;
    if (current !== null && originOf(current) === originOf(serverUrl)) this.sync.trusted();
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

  sendText(conversationId: string, text: string, extra: Omit<TextContent, 'kind' | 'text'> = {}) {
    return this.sync.send(conversationId, { kind: 'text', text, ...extra });
  }

  /** Tries a refused message again (a file message's upload too, hashing the file again). */
  retryOutgoing(clientMsgId: string): void {
    if (this.files.isUpload(clientMsgId)) this.files.retry(clientMsgId);
    else this.sync.retry(clientMsgId);
  }

  /** Drops an unsent message (a file message's upload too: stopped, ended on the server, local copy removed). */
  async discardOutgoing(clientMsgId: string): Promise<void> {
    if (this.files.isUpload(clientMsgId)) await this.files.discard(clientMsgId);
    else this.sync.discard(clientMsgId);
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
    this.discovery.stop();
    this.coalescer.clear();
    this.files.close();
    this.sync.close();
    this.tls.close();
    this.store.close();
  }
}
