import type { MessageContent } from '@parley/shared';
import { EventEmitter } from 'node:events';
import { conversationSummaries } from './conversation-summaries.js';
import { badgeCount, shouldNotify } from './notifications/policy.js';
import { type LabelledHit, labelHits } from './search/labels.js';
import type { SearchOptions } from './search/search-index.js';
import { LocalStore } from './store/local-store.js';
import type { CredentialStore } from './sync/credentials.js';
import { type ConnectionState, SyncEngine } from './sync/sync-engine.js';
import type { ConversationSummary, TimelinePage } from './types.js';

export interface DesktopCoreOptions {
  dataDir: string;
  credentials: CredentialStore;
  deviceName: string;
  nativeBinding?: string;
  now?: () => number;
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  rpcTimeoutMs?: number;
}

export interface NotifyRequest {
  conversationId: string;
  messageId: string;
  senderId: string;
  mention: boolean;
}

export interface CoreEvents {
  connection: [state: ConnectionState];
  changed: [conversationIds: string[]];
  'people-changed': [];
  notify: [request: NotifyRequest];
  badge: [count: number];
  'signed-out': [reason: string];
}

/**
 * Everything the desktop app does that is not window glue: the cache, the link to the server, the
 * outbox, and the notification policy. The main process calls it; tests run it under plain Node.
 */
export class DesktopCore extends EventEmitter<CoreEvents> {
  readonly store: LocalStore;
  readonly sync: SyncEngine;
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
    this.sync.on('connection', (state) => this.emit('connection', state));
    this.sync.on('people-changed', () => this.emit('people-changed'));
    this.sync.on('signed-out', (reason) => this.emit('signed-out', reason));
    this.sync.on('changed', (ids) => {
      this.emit('changed', ids);
      this.emit('badge', this.badge());
    });
    this.sync.on('message-arrived', (e) => {
      const me = this.sync.me;
      const c = this.store.conversations.get(e.conversationId);
      if (!me || !c) return;
      const decision = shouldNotify(e.message, {
        me,
        focusedConversationId: this.focused,
        doNotDisturb: this.doNotDisturb,
        muted: c.muted === 1,
      });
      if (decision.notify) {
        this.emit('notify', {
          conversationId: e.conversationId,
          messageId: e.message.id,
          senderId: e.message.senderId,
          mention: decision.mention,
        });
      }
    });
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
    const items = this.store.messages.page(
      conversationId,
      options.beforeSeq ?? Number.MAX_SAFE_INTEGER,
      limit,
    );
    if (options.beforeSeq === undefined) {
      for (const entry of this.store.outbox.ofConversation(conversationId))
        items.push({ kind: 'outgoing', entry });
    }
    const c = this.store.conversations.get(conversationId);
    const first = items[0];
    const oldestSeq = first && first.kind !== 'outgoing' ? first.seq : Number.MAX_SAFE_INTEGER;
    return {
      items,
      hasOlder: items.length >= limit || (c !== undefined && c.floor_seq > 1 && oldestSeq > 1),
    };
  }

  /** The page before `beforeSeq`: from the cache, or from the server when the cache runs out. */
  async olderPage(conversationId: string, beforeSeq: number, limit = 50): Promise<TimelinePage> {
    const cached = this.timeline(conversationId, { beforeSeq, limit });
    const c = this.store.conversations.get(conversationId);
    if (cached.items.length >= limit || !c || c.floor_seq <= 1) return cached;
    const floor = Math.min(
      c.floor_seq,
      ...cached.items.flatMap((i) => (i.kind === 'outgoing' ? [] : [i.seq])),
    );
    await this.sync.loadOlder(conversationId, floor, limit);
    return this.timeline(conversationId, { beforeSeq, limit });
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
    this.sync.close();
    this.store.close();
  }
}
