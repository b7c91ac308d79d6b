import {
  type AuthResult,
  type ChangePasswordBody,
  type ConversationEvent,
  Limits,
  type Me,
  type MessageContent,
  type Presence,
  type SendContent,
  type ReceiptNotice,
  type ServerInfo,
  type RpcMethod,
  type RpcRequest,
  type RpcResponse,
  type SessionInfo,
  type TypingNotice,
  type UserEvent,
} from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { io } from 'socket.io-client';
import type { LocalStore } from '../store/local-store.js';
import type { OutboxEntry, OutgoingContent } from '../types.js';
import { ApiClient, ApiError } from './api-client.js';
import { applyConversationEvent, applyUserEvent, recordConversationEvent } from './apply.js';
import type { CredentialStore } from './credentials.js';
import { DeliveredMarks } from './delivered-marks.js';
import { SerialQueues } from './serial-queue.js';
import type { TlsPolicy } from '../tls/tls-policy.js';
import { type TlsRefusal, tlsRefusalIn } from '../tls/tls-refusal.js';
import { call, type CoreSocket, RpcError } from './socket-rpc.js';

/**
 * `untrusted`: the server's TLS key is not the one pinned for it (or the pin is gone): nothing is
 * sent until the user trusts the key it presents now (`trusted()`), or the pinned key is back.
 */
const maxTimerMs = 2 ** 31 - 1;

export type ConnectionState = 'signed-out' | 'connecting' | 'online' | 'offline' | 'untrusted';

export interface SyncEvents {
  connection: [state: ConnectionState, detail?: string];
  /** Something in these conversations changed in the cache. */
  changed: [conversationIds: string[]];
  /** Per-user state changed: friends, requests, blocks, profile. */
  'people-changed': [];
  /** A new message from someone else was stored (for notifications). */
  'message-arrived': [event: Extract<ConversationEvent, { type: 'message.created' }>];
  /**
   * A catch-up after a (re)connect started (true) or ended (false, done or cut short). The
   * messages that arrive in between are the backlog, whether fetched or pushed meanwhile.
   */
  'catch-up': [running: boolean];
  'signed-out': [reason: string];
  /** Hints pushed by the server, passed on as they come. */
  typing: [notice: TypingNotice];
  presence: [presence: Presence];
  receipt: [notice: ReceiptNotice];
  /** The server's name, announcement or registration policy, heard at connect or pushed when it changed. */
  'server-info': [info: ServerInfo];
}

const PAGE = 500;
/** How far back a conversation new to this device is fetched to count its unread messages. */
const UNREAD_FETCH_MAX = 2_000;
/** Refusals of a picture, recording or video the server cannot take as one; it goes as a plain file. */
const NOT_THAT_KIND = new Set(['IMAGE_TOO_LARGE', 'UNSUPPORTED_IMAGE', 'FILE_KIND_MISMATCH']);
/** Codes after which a send is worth trying again later; any other refusal fails the message. */
const RETRYABLE = new Set(['NETWORK', 'RATE_LIMITED', 'SERVER_SHUTTING_DOWN', 'INTERNAL']);

export interface SyncEngineOptions {
  deviceName: string;
  now?: () => number;
  /** Reconnect back-off bounds, jittered by ±50 %. */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  /** How long an RPC waits for its answer (15 s by default). */
  rpcTimeoutMs?: number;
  /** The rule every HTTPS connection goes through (CA or pinned key). */
  tls: TlsPolicy;
}

/**
 * Owns the link to the server: signs in, keeps tokens fresh, catches every stream up after the
 * seq the cache holds, applies live events in order (backfilling gaps), and drains the outbox.
 */
export class SyncEngine extends EventEmitter<SyncEvents> {
  private api: ApiClient | null = null;
  private socket: CoreSocket | null = null;
  private accessToken: string | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private state: ConnectionState = 'signed-out';
  private paused = false;
  private flushing: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private readonly queues = new SerialQueues();
  private readonly delivered = new DeliveredMarks(
    (conversationId, seq) => this.rpc('conversations.markDelivered', { conversationId, seq }),
    (err) => err instanceof RpcError && RETRYABLE.has(err.code),
  );
  private readonly now: () => number;
  private catchUpRunning = false;
  /**
   * A login that must set a new password before it counts (an administrator reset it): the tokens
   * and the password typed, kept only in memory until setNewPassword or logout.
   */
  private pendingPasswordChange: { api: ApiClient; auth: AuthResult; password: string } | null = null;
  /** The server's name, announcement and registration policy, as last heard. */
  serverInfo: ServerInfo | null = null;
  /** Why the state is `untrusted`: the key the server presents and the one pinned. */
  tlsRefusal: TlsRefusal | null = null;

  constructor(
    private readonly store: LocalStore,
    private readonly credentials: CredentialStore,
    private readonly options: SyncEngineOptions,
  ) {
    super();
    this.now = options.now ?? (() => Date.now());
  }

  /** The TLS rule for every HTTPS connection to the server (file transfers use it too). */
  get tls(): TlsPolicy {
    return this.options.tls;
  }

  get connection(): ConnectionState {
    return this.state;
  }

  /** Whether a catch-up after a (re)connect is running. */
  get catchingUp(): boolean {
    return this.catchUpRunning;
  }

  get me(): string | null {
    return this.store.meta.get('user_id') ?? null;
  }

  get serverUrl(): string | null {
    return this.store.meta.get('server_url') ?? null;
  }

  /** Resumes the saved session, if there is one. Works offline: the cache is readable either way. */
  async resume(): Promise<boolean> {
    const url = this.serverUrl;
    if (!url || !this.me || !(await this.credentials.load())) return false;
    this.api = this.client(url);
    this.connect();
    return true;
  }

  async register(
    serverUrl: string,
    body: { username: string; displayName: string; password: string; inviteCode?: string | undefined },
  ): Promise<Me> {
    const api = this.client(serverUrl);
    return this.signedIn(api, await api.register({ ...body, deviceName: this.options.deviceName }));
  }

  /**
   * Signs in; when the server says the password must be changed first, nothing is stored and the
   * link stays down until setNewPassword() (see passwordChangePending).
   */
  async login(serverUrl: string, body: { username: string; password: string }): Promise<Me> {
    const api = this.client(serverUrl);
    const auth = await api.login({ ...body, deviceName: this.options.deviceName });
    this.pendingPasswordChange = null;
    if (auth.passwordChangeRequired) {
      this.pendingPasswordChange = { api, auth, password: body.password };
      return auth.user;
    }
    return this.signedIn(api, auth);
  }

  /** A REST client for `url` whose HTTPS connections obey the TLS policy. */
  private client(url: string): ApiClient {
    return new ApiClient(url, undefined, this.options.tls.fetch);
  }

  /**
   * The user trusted a key (`tls.trust`): if the link was refused for its key, it tries again at
   * once with the new pin (the token goes only to a server that passes it).
   */
  trusted(): void {
    if (this.state !== 'untrusted' || !this.api) return;
    this.tlsRefusal = null;
    this.connect();
  }

  /** Whether the last login waits for a new password. */
  get passwordChangePending(): boolean {
    return this.pendingPasswordChange !== null;
  }

  /** Sets a new password for the login that needs one (the temporary password as the current), then signs in. */
  async setNewPassword(newPassword: string): Promise<Me> {
    const pending = this.pendingPasswordChange;
    if (!pending) throw new ApiError('UNAUTHENTICATED', 'log in first');
    const change = (token: string) =>
      pending.api.changePassword(token, { currentPassword: pending.password, newPassword });
    try {
      await change(pending.auth.accessToken);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'TOKEN_EXPIRED')) throw err;
      const pair = await pending.api.refresh(pending.auth.refreshToken);
      pending.auth = { ...pending.auth, ...pair };
      await change(pending.auth.accessToken);
    }
    this.pendingPasswordChange = null;
    return this.signedIn(pending.api, { ...pending.auth, passwordChangeRequired: false });
  }

  async logout(): Promise<void> {
    const pending = this.pendingPasswordChange;
    if (pending) {
      this.pendingPasswordChange = null;
      await pending.api.logout(pending.auth.accessToken).catch(() => undefined);
      return;
    }
    if (this.api && this.accessToken) await this.api.logout(this.accessToken).catch(() => undefined);
    await this.signOut('logged_out');
  }

  /** Calls an RPC on the live socket. */
  rpc<M extends RpcMethod>(method: M, payload: RpcRequest<M>, timeoutMs?: number): Promise<RpcResponse<M>> {
    if (!this.socket) return Promise.reject(new RpcError('NETWORK', 'not connected'));
    return call(this.socket, method, payload, timeoutMs ?? this.options.rpcTimeoutMs);
  }

  /** Stores a message in the outbox first, then sends it when the link allows. */
  send(conversationId: string, content: OutgoingContent): OutboxEntry {
    return this.queue(conversationId, content);
  }

  /**
   * Stores a message in the outbox, with whatever `alongside` writes in the same transaction (a file
   * message's upload row), and sends it when the link allows (a file message once its upload is done).
   * Text clears the conversation's draft; a file leaves it.
   */
  queue(
    conversationId: string,
    content: OutgoingContent,
    options: { clientMsgId?: string; alongside?: () => void } = {},
  ): OutboxEntry {
    const clientMsgId = options.clientMsgId ?? randomUUID();
    this.store.tx(() => {
      this.store.outbox.add({ clientMsgId, conversationId, content, createdAt: this.now() });
      options.alongside?.();
      if (content.kind === 'text') this.store.drafts.set(conversationId, '', this.now());
      // What I just wrote moves the conversation up the list at once, even before the server has it.
      this.store.conversations.touch(conversationId, this.now());
    });
    this.emit('changed', [conversationId]);
    void this.flushOutbox();
    const entry = this.store.outbox.get(clientMsgId);
    if (!entry) throw new Error('outbox write lost');
    return entry;
  }

  retry(clientMsgId: string): void {
    const entry = this.store.outbox.get(clientMsgId);
    if (entry && this.store.outbox.retry(clientMsgId)) {
      this.emit('changed', [entry.conversationId]);
      void this.flushOutbox();
    }
  }

  discard(clientMsgId: string): void {
    const entry = this.store.outbox.get(clientMsgId);
    if (entry && this.store.outbox.remove(clientMsgId)) this.emit('changed', [entry.conversationId]);
  }

  /** Drops the link (as if the network went away) until resumeNetwork(). */
  pauseNetwork(): void {
    this.paused = true;
    this.socket?.disconnect();
    this.setState('offline', 'paused');
  }

  resumeNetwork(): void {
    this.paused = false;
    if (this.socket && !this.socket.connected) {
      this.setState('connecting');
      this.socket.connect();
    }
  }

  /** Resolves when every event received so far is applied and the outbox has had its turn. */
  async settled(): Promise<void> {
    await this.queues.idle();
    await this.flushing;
  }

  /** Loads a page of older history from the server into the cache; returns how many items came. */
  async loadOlder(
    conversationId: string,
    beforeSeq: number,
    limit = 100,
  ): Promise<{ count: number; hasMore: boolean }> {
    const me = this.requireMe();
    const page = await this.rpc('sync.conversation', { conversationId, beforeSeq, limit });
    this.store.tx(() => {
      for (const e of page.events) recordConversationEvent(this.store, me, e);
      const first = page.events[0];
      const c = this.store.conversations.get(conversationId);
      if (first && c && (c.floor_seq === 0 || first.seq < c.floor_seq))
        this.store.conversations.setFloor(conversationId, first.seq);
      if (c && !page.hasMore) this.store.conversations.setFloor(conversationId, 1);
    });
    this.emit('changed', [conversationId]);
    return { count: page.events.length, hasMore: page.hasMore };
  }

  /** Loads older pages until the cache holds every event from `seq` on (or from the first). */
  async loadOlderTo(conversationId: string, seq: number): Promise<void> {
    for (;;) {
      const c = this.store.conversations.get(conversationId);
      if (!c || c.floor_seq <= Math.max(seq, 1)) return;
      const { count } = await this.loadOlder(conversationId, c.floor_seq, Limits.pageMax);
      if (count === 0) return;
    }
  }

  /**
   * Resolves once the cache holds the conversation's events up to `seq` (or shows that I left it):
   * what a change I just made answers with. The event's push normally came before the answer and
   * is queued already; if it was lost on the way, it is fetched.
   */
  applied(conversationId: string, seq: number): Promise<void> {
    return this.queues
      .run(`c:${conversationId}`, async () => {
        const c = this.store.conversations.get(conversationId);
        if (!c || (c.left_reason !== null && c.synced_seq < seq))
          await this.fetchConversation(conversationId);
        else if (c.synced_seq < seq) await this.backfill(conversationId);
      })
      .catch(() => undefined);
  }

  /** Resolves once my user stream is applied as far as the server has it (after a change to it). */
  userApplied(): Promise<void> {
    return this.queues.run('user', () => this.syncUserStream()).catch(() => undefined);
  }

  /** Fetches the profiles the cache lacks. */
  async fetchMissingProfiles(ids: readonly string[]): Promise<void> {
    const missing = this.store.users.missing(ids);
    for (let i = 0; i < missing.length; i += Limits.idsPerRequestMax) {
      const { users } = await this.rpc('users.get', {
        userIds: missing.slice(i, i + Limits.idsPerRequestMax),
      });
      this.store.tx(() => {
        for (const u of users) this.store.users.upsert(u);
      });
    }
  }

  // — account routes over HTTP —

  /** Sets a new password; the server signs out the account's other sessions and keeps this one. */
  changePassword(body: ChangePasswordBody): Promise<void> {
    return this.withToken((api, token) => api.changePassword(token, body));
  }

  sessions(): Promise<SessionInfo[]> {
    return this.withToken(async (api, token) => (await api.sessions(token)).sessions);
  }

  /** Signs a session out (this one too, if asked: `session.revoked` then signs this device out). */
  revokeSession(sessionId: string): Promise<void> {
    return this.withToken((api, token) => api.revokeSession(token, sessionId));
  }

  /** The current access token for an HTTP call of the core's own (file transfers), refreshed first if missing. */
  async bearer(): Promise<string> {
    if (!this.api || this.state === 'signed-out') throw new ApiError('UNAUTHENTICATED', 'not signed in');
    if (!this.accessToken) await this.refreshTokens();
    return this.accessToken ?? '';
  }

  /** The server refused the access token (HTTP 401): get a new one, through the one refresh at a time. */
  tokenRefused(): Promise<void> {
    return this.refreshTokens();
  }

  /** Runs an HTTP call with the access token, refreshing it first when it is missing or expired. */
  async withToken<T>(fn: (api: ApiClient, token: string) => Promise<T>): Promise<T> {
    const api = this.api;
    if (!api || this.state === 'signed-out') throw new ApiError('UNAUTHENTICATED', 'not signed in');
    if (!this.accessToken) await this.refreshTokens();
    try {
      return await fn(api, this.accessToken ?? '');
    } catch (err) {
      if (!(err instanceof ApiError) || (err.code !== 'TOKEN_EXPIRED' && err.code !== 'TOKEN_INVALID'))
        throw err;
      await this.refreshTokens();
      return fn(api, this.accessToken ?? '');
    }
  }

  close(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.dropSocket();
  }

  private dropSocket(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  // — sign-in and tokens —

  private async signedIn(api: ApiClient, auth: AuthResult): Promise<Me> {
    const previous = this.me;
    if (previous && previous !== auth.user.id) throw new Error('this cache belongs to another account');
    this.api = api;
    this.store.tx(() => {
      this.store.meta.set('server_url', api.baseUrl);
      this.store.meta.set('user_id', auth.user.id);
      this.store.meta.isAdmin = auth.user.isAdmin;
      this.store.users.upsert(auth.user);
    });
    await this.credentials.save(auth.refreshToken);
    this.useAccessToken(auth.accessToken, auth.accessTokenExpiresAt);
    this.connect();
    return auth.user;
  }

  private useAccessToken(token: string, expiresAt: number): void {
    this.accessToken = token;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    // Refresh at 80 % of the lifetime, so a reconnect always has a valid token at hand.
    // setTimeout fires at once for delays past 2^31-1 ms (~24.8 days): cap long-lived tokens there.
    const delay = Math.min(maxTimerMs, Math.max(1_000, (expiresAt - this.now()) * 0.8));
    this.refreshTimer = setTimeout(() => {
      void this.refreshTokens().catch(() => undefined);
    }, delay);
    this.refreshTimer.unref();
  }

  /**
   * One refresh at a time: a refresh token is good for one use, and presenting it a second time
   * (a timer and a refused handshake both refreshing) makes the server revoke the session.
   */
  private refreshTokens(): Promise<void> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<void> {
    const refreshToken = await this.credentials.load();
    if (!this.api || !refreshToken) throw new ApiError('UNAUTHENTICATED', 'not signed in');
    try {
      const pair = await this.api.refresh(refreshToken);
      await this.credentials.save(pair.refreshToken);
      this.useAccessToken(pair.accessToken, pair.accessTokenExpiresAt);
    } catch (err) {
      // A refused key is not a refused session: keep the login, say why, wait for a decision.
      const refusal = tlsRefusalIn(err);
      if (refusal) this.refusedKey(refusal);
      if (
        err instanceof ApiError &&
        err.code !== 'NETWORK' &&
        err.code !== 'RATE_LIMITED' &&
        err.code !== 'BAD_RESPONSE'
      ) {
        // Revoked while this device was away: the reason it would have been pushed, if the server says.
        await this.signOut(err.body?.revokeReason ?? err.code);
      }
      throw err;
    }
  }

  private async signOut(reason: string): Promise<void> {
    this.close();
    this.accessToken = null;
    this.serverInfo = null;
    await this.credentials.clear();
    this.setState('signed-out', reason);
    this.emit('signed-out', reason);
  }

  // — the socket —

  private connect(): void {
    if (!this.api) return;
    // Only the old socket goes; the refresh timer that sign-in just set stays.
    this.dropSocket();
    this.setState('connecting');
    const socket: CoreSocket = io(this.api.baseUrl, {
      transports: ['websocket'],
      autoConnect: false,
      reconnection: true,
      reconnectionDelay: this.options.reconnectDelayMs ?? 500,
      reconnectionDelayMax: this.options.reconnectDelayMaxMs ?? 15_000,
      randomizationFactor: 0.5,
      // Every WebSocket connection to an https:// server comes from the TLS policy.
      ...((this.api.baseUrl.startsWith('https:') ? { agent: this.options.tls.agent } : {}) as object),
      // Read at every attempt, so a reconnect uses the newest token.
      auth: (cb) => {
        cb({ token: this.accessToken ?? '' });
      },
    });
    this.socket = socket;

    socket.on('connect', () => {
      this.setState('online');
      // Best effort: the announcement can wait for the next connect.
      this.api?.serverInfo().then(
        (info) => {
          this.heardServerInfo(info);
        },
        () => undefined,
      );
      // A catch-up cut short (the link dropped again) starts over at the next connect; the outbox
      // is idempotent, so it may still go out now.
      void this.queues
        .run('catch-up', () => this.catchUp())
        .catch(() => undefined)
        .then(() => {
          this.delivered.retry();
          return this.flushOutbox();
        });
    });
    socket.on('disconnect', (reason) => {
      if (this.socket !== socket) return;
      this.setState(this.paused ? 'offline' : 'connecting', reason);
      // A server that drops us on purpose (restart, shutdown) is not retried by Socket.IO itself.
      if (reason === 'io server disconnect' && !this.paused) this.reconnectLater(socket);
    });
    socket.on('connect_error', (err: Error & { data?: { code?: string; revokeReason?: string } }) => {
      if (this.socket !== socket) return;
      const refusal = tlsRefusalIn(err);
      if (refusal) {
        // Refused in the handshake, before the token went out. Socket.IO keeps trying, with its
        // back-off: the pinned key may come back; a new one needs the user (trusted()).
        this.refusedKey(refusal);
        return;
      }
      const code = err.data?.code;
      this.setState(this.paused ? 'offline' : 'connecting', code ?? err.message);
      // Disabled while this device was away (the push that would have said so never came).
      if (code === 'SESSION_REVOKED' || code === 'ACCOUNT_DISABLED') {
        void this.signOut(err.data?.revokeReason ?? code);
      } else if (
        code === 'TOKEN_EXPIRED' ||
        code === 'TOKEN_INVALID' ||
        code === 'UNAUTHENTICATED' ||
        !this.accessToken
      ) {
        // Refused in the handshake: Socket.IO will not retry by itself. Get a token, then retry.
        this.refreshTokens().then(
          () => {
            this.reconnectLater(socket);
          },
          () => {
            if (this.state !== 'signed-out') this.reconnectLater(socket);
          },
        );
      }
    });
    socket.on('user.updated', (user) => {
      if (this.store.users.get(user.id)) {
        this.store.users.upsert(user);
        this.emit('people-changed');
      }
    });
    socket.on('server.updated', (info) => {
      this.heardServerInfo(info);
    });
    socket.on('session.revoked', (notice) => {
      void this.signOut(notice.reason);
    });
    socket.on('conv.event', (e) => {
      void this.queues.run(`c:${e.conversationId}`, () => this.onConversationEvent(e)).catch(() => undefined);
    });
    socket.on('user.event', (e) => {
      void this.queues.run('user', () => this.onUserEvent(e)).catch(() => undefined);
    });
    socket.on('typing', (notice) => this.emit('typing', notice));
    socket.on('presence', (presence) => this.emit('presence', presence));
    socket.on('receipt', (notice) => this.emit('receipt', notice));

    if (this.accessToken) {
      socket.connect();
    } else {
      this.refreshTokens().then(
        () => {
          if (!this.paused) socket.connect();
        },
        () => {
          if (this.state !== 'signed-out') this.reconnectLater(socket);
        },
      );
    }
  }

  private reconnectAttempts = 0;

  private heardServerInfo(info: ServerInfo): void {
    this.serverInfo = info;
    this.emit('server-info', info);
  }

  private reconnectLater(socket: CoreSocket): void {
    const base = this.options.reconnectDelayMs ?? 500;
    const max = this.options.reconnectDelayMaxMs ?? 15_000;
    const delay = Math.min(max, base * 2 ** Math.min(this.reconnectAttempts++, 10)) * (0.5 + Math.random());
    setTimeout(() => {
      if (this.socket === socket && !socket.connected && !this.paused) socket.connect();
    }, delay).unref();
  }

  private refusedKey(refusal: TlsRefusal): void {
    if (this.state === 'signed-out') return;
    this.tlsRefusal = refusal;
    this.setState(this.paused ? 'offline' : 'untrusted', refusal.code);
  }

  private setState(state: ConnectionState, detail?: string): void {
    if (state === 'online') {
      this.reconnectAttempts = 0;
      this.tlsRefusal = null;
    }
    if (this.state === state) return;
    this.state = state;
    this.emit('connection', state, detail);
  }

  private requireMe(): string {
    const me = this.me;
    if (!me) throw new Error('not signed in');
    return me;
  }

  // — catch-up and live events —

  private async catchUp(): Promise<void> {
    this.catchUpRunning = true;
    this.emit('catch-up', true);
    try {
      await this.catchUpStreams();
    } finally {
      this.catchUpRunning = false;
      this.emit('catch-up', false);
    }
  }

  private async catchUpStreams(): Promise<void> {
    const heads = await this.rpc('sync.heads', {});
    await this.queues.run('user', () => this.syncUserStream());
    for (const { conversationId, lastSeq } of heads.conversations) {
      await this.queues.run(`c:${conversationId}`, async () => {
        const c = this.store.conversations.get(conversationId);
        if (c?.left_reason !== null) await this.fetchConversation(conversationId);
        else if (c.synced_seq < lastSeq) await this.backfill(conversationId);
      });
    }
  }

  private async syncUserStream(): Promise<void> {
    for (;;) {
      const page = await this.rpc('sync.user', { afterSeq: this.store.meta.userSeq, limit: PAGE });
      for (const e of page.events) await this.applyUser(e);
      if (!page.hasMore) return;
    }
  }

  private async onUserEvent(e: UserEvent): Promise<void> {
    const at = this.store.meta.userSeq;
    if (e.seq <= at) return;
    if (e.seq === at + 1) await this.applyUser(e);
    else await this.syncUserStream();
  }

  private async applyUser(e: UserEvent): Promise<void> {
    if (e.seq !== this.store.meta.userSeq + 1) return;
    const need = this.store.tx(() => {
      const n = applyUserEvent(this.store, e);
      this.store.meta.userSeq = e.seq;
      return n;
    });
    if (need) {
      await this.queues
        .run(`c:${need.fetchConversation}`, () => this.fetchConversation(need.fetchConversation))
        .catch(() => undefined);
    }
    if (e.type === 'conversation.left' || e.type === 'conversation.prefs' || e.type === 'read.updated') {
      this.emit('changed', [e.conversationId]);
    } else {
      this.emit('people-changed');
    }
  }

  private async onConversationEvent(e: ConversationEvent): Promise<void> {
    const c = this.store.conversations.get(e.conversationId);
    if (c?.left_reason !== null) {
      // Not known yet (the user event that adds me may still be on its way): fetch it whole.
      await this.fetchConversation(e.conversationId);
      return;
    }
    if (e.seq <= c.synced_seq) return;
    if (e.seq === c.synced_seq + 1) this.applyInOrder([e]);
    else await this.backfill(e.conversationId);
  }

  /** Fetches every event after the cached position, page by page, and applies them in order. */
  private async backfill(conversationId: string): Promise<void> {
    for (;;) {
      const c = this.store.conversations.get(conversationId);
      if (!c) return;
      const page = await this.rpc('sync.conversation', {
        conversationId,
        afterSeq: c.synced_seq,
        limit: PAGE,
      });
      this.applyInOrder(page.events);
      this.store.conversations.noteServerSeq(conversationId, page.lastSeq);
      if (!page.hasMore) return;
    }
  }

  /** A conversation new to this device: its current state, and the newest page of its history. */
  private async fetchConversation(conversationId: string): Promise<void> {
    let fetched;
    try {
      const page = await this.rpc('sync.conversation', { conversationId, limit: 50 });
      const { conversation } = await this.rpc('conversations.get', { conversationId });
      // Unread counts are counted in the cache, so reach back to my read position (within reason).
      const events = [...page.events];
      let oldest = events[0]?.seq ?? 0;
      let older = page.hasMore;
      while (older && oldest > conversation.readSeq + 1 && events.length < UNREAD_FETCH_MAX) {
        const before = await this.rpc('sync.conversation', {
          conversationId,
          beforeSeq: oldest,
          limit: PAGE,
        });
        events.unshift(...before.events);
        oldest = before.events[0]?.seq ?? oldest;
        older = before.hasMore && before.events.length > 0;
      }
      fetched = { page: { ...page, events }, conversation };
    } catch (err) {
      if (err instanceof RpcError && err.code === 'CONVERSATION_NOT_FOUND') return;
      throw err;
    }
    const me = this.requireMe();
    const { page, conversation } = fetched;
    this.store.tx(() => {
      this.store.conversations.upsert(conversation);
      for (const e of page.events) recordConversationEvent(this.store, me, e);
      const first = page.events[0];
      this.store.conversations.setFloor(conversationId, first ? first.seq : 0);
      this.store.conversations.setSynced(conversationId, page.lastSeq);
    });
    if (page.events.some((e) => e.type === 'message.created' && e.message.senderId !== me))
      this.delivered.mark(conversationId, page.lastSeq);
    await this.fetchMissingProfiles(conversation.members.map((m) => m.userId));
    this.emit('changed', [conversationId]);
    // Anything committed after that page arrives live or in the next backfill.
    if (conversation.lastSeq > page.lastSeq) await this.backfill(conversationId);
  }

  private applyInOrder(events: readonly ConversationEvent[]): void {
    const first = events[0];
    if (!first) return;
    const me = this.requireMe();
    const conversationId = first.conversationId;
    const arrived: Extract<ConversationEvent, { type: 'message.created' }>[] = [];
    const newMembers: string[] = [];
    this.store.tx(() => {
      for (const e of events) {
        const c = this.store.conversations.get(e.conversationId);
        if (!c || e.seq !== c.synced_seq + 1) continue;
        applyConversationEvent(this.store, me, e);
        this.store.conversations.setSynced(e.conversationId, e.seq);
        if (e.type === 'message.created' && e.message.senderId !== me) arrived.push(e);
        if (e.type === 'members.added') newMembers.push(...e.userIds);
      }
    });
    this.emit('changed', [conversationId]);
    for (const e of arrived) this.emit('message-arrived', e);
    if (newMembers.length > 0) void this.fetchMissingProfiles(newMembers).catch(() => undefined);
    if (arrived.length > 0)
      this.delivered.mark(conversationId, this.store.conversations.get(conversationId)?.synced_seq ?? 0);
  }

  // — the outbox —

  /** Sends what waits in the outbox, oldest first, one at a time (so order is kept). */
  flushOutbox(): Promise<void> {
    if (this.flushing) return this.flushing;
    const run = async () => {
      // Yield first, so `flushing` is set before the loop can finish.
      await Promise.resolve();
      for (;;) {
        if (!this.socket?.connected) return;
        const next = this.store.outbox.nextReady();
        if (!next) return;
        if (!(await this.sendOne(next))) return;
      }
    };
    const flushing = run().finally(() => {
      if (this.flushing === flushing) this.flushing = null;
    });
    this.flushing = flushing;
    return flushing;
  }

  /** Returns false when the link failed and the rest should wait for the next connect. */
  private async sendOne(entry: OutboxEntry): Promise<boolean> {
    const message = this.wireContent(entry);
    if (!message) {
      this.store.outbox.fail(entry.clientMsgId, 'IO', 'the uploaded file is no longer known here');
      this.emit('changed', [entry.conversationId]);
      return true;
    }
    this.store.outbox.attempted(entry.clientMsgId);
    try {
      const ack = await this.rpc('messages.send', {
        conversationId: entry.conversationId,
        clientMsgId: entry.clientMsgId,
        content: message.send,
      });
      const me = this.requireMe();
      this.store.tx(() => {
        // Shown as sent at once; the message.created event that follows carries the same snapshot.
        this.store.messages.upsert(
          {
            id: ack.id,
            conversationId: entry.conversationId as never,
            seq: ack.seq,
            senderId: me as never,
            clientMsgId: entry.clientMsgId as never,
            content: message.stored,
            createdAt: ack.createdAt,
            editedAt: null,
            recalledAt: null,
            recalledBy: null,
            reactions: [],
          },
          ack.seq,
        );
        this.store.outbox.remove(entry.clientMsgId);
        this.store.conversations.noteServerSeq(entry.conversationId, ack.seq);
        this.store.conversations.touch(entry.conversationId, ack.createdAt);
      });
      this.emit('changed', [entry.conversationId]);
      return true;
    } catch (err) {
      const code = err instanceof RpcError ? err.code : 'NETWORK';
      if (RETRYABLE.has(code)) {
        // A lost link resends at the next connect; anything else (a refusal to wait out, or an ack
        // that timed out on a link that is still up) must not leave the outbox stuck until then.
        if (code !== 'NETWORK' || this.socket?.connected) {
          const retryAfter = err instanceof RpcError ? (err.body?.retryAfterMs ?? 1000) : 1000;
          setTimeout(() => void this.flushOutbox(), retryAfter).unref();
        }
        return false;
      }
      const c = entry.content;
      if (c.kind !== 'text' && c.kind !== 'file' && NOT_THAT_KIND.has(code)) {
        // The server cannot show it as a picture (or play it): it still goes, as a plain file.
        this.store.outbox.setContent(entry.clientMsgId, { ...c, kind: 'file' });
        this.emit('changed', [entry.conversationId]);
        return true;
      }
      this.store.outbox.fail(entry.clientMsgId, code, err instanceof Error ? err.message : String(err));
      this.emit('changed', [entry.conversationId]);
      return true;
    }
  }

  /**
   * What goes on the wire for an entry, and the content the message will have once stored (the
   * server adds the file's FileInfo, which the finished upload already gave us). Null for a file
   * message whose upload record is gone.
   */
  private wireContent(entry: OutboxEntry): { send: SendContent; stored: MessageContent } | null {
    const c = entry.content;
    if (c.kind === 'text') return { send: c, stored: c };
    const file = this.store.uploads.get(entry.clientMsgId)?.file;
    if (!file) return null;
    if (c.fileId !== file.id) return null;
    const replyTo = c.replyTo === undefined ? {} : { replyTo: c.replyTo as never };
    let send: SendContent;
    switch (c.kind) {
      case 'image':
        send = { kind: 'image', fileId: file.id, ...replyTo };
        break;
      case 'file':
        send = { kind: 'file', fileId: file.id, ...replyTo };
        break;
      case 'voice':
        send = {
          kind: 'voice',
          fileId: file.id,
          durationMs: c.durationMs ?? 0,
          waveform: c.waveform ?? [],
          ...replyTo,
        };
        break;
      case 'video':
        send = { kind: 'video', fileId: file.id, durationMs: c.durationMs ?? 0, ...replyTo };
        break;
    }
    return { send, stored: { ...send, file } as MessageContent };
  }
}
