import type { Presence, PresenceStatus } from '@parley/shared';
import { Limits } from '@parley/shared';
import type { Context } from '../../context.js';
import type { RpcHandlers } from '../../rpc-handlers.js';
import type { AccountsService } from '../accounts/accounts-service.js';
import type { ConversationsService } from '../conversations/conversations-service.js';
import type { SocialService } from '../social/social-service.js';

type Live = Exclude<PresenceStatus, 'offline'>;

/**
 * Presence from live connections (online / away / offline, last seen) and
 * typing notices. Both are ephemeral: held in memory, pushed to the people
 * who can see the user (friends and co-members), never stored as events.
 */
export class PresenceService {
  /** userId → socketId → the status that device reports. */
  private readonly live = new Map<string, Map<string, Live>>();
  private readonly lastTyping = new Map<string, number>();

  constructor(
    private readonly ctx: Context,
    private readonly accounts: AccountsService,
    private readonly social: SocialService,
    private readonly conversations: ConversationsService,
  ) {}

  connected(userId: string, socketId: string): void {
    const before = this.status(userId);
    let devices = this.live.get(userId);
    if (!devices) this.live.set(userId, (devices = new Map<string, Live>()));
    devices.set(socketId, 'online');
    this.announceIfChanged(userId, before);
  }

  disconnected(userId: string, socketId: string): void {
    const before = this.status(userId);
    const devices = this.live.get(userId);
    devices?.delete(socketId);
    if (devices?.size === 0) {
      this.live.delete(userId);
      this.accounts.users.setLastSeen(userId, this.ctx.now());
    }
    this.announceIfChanged(userId, before);
  }

  /** Whether any device of the user is connected. */
  isOnline(userId: string): boolean {
    return this.status(userId) !== 'offline';
  }

  connectedSockets(): number {
    let n = 0;
    for (const devices of this.live.values()) n += devices.size;
    return n;
  }

  handlers(): Pick<RpcHandlers, 'presence.set' | 'presence.get' | 'typing.start'> {
    return {
      'presence.set': (caller, req) => {
        const before = this.status(caller.userId);
        this.live.get(caller.userId)?.set(caller.socketId, req.status);
        this.announceIfChanged(caller.userId, before);
        return {};
      },
      'presence.get': (caller, req) => {
        const visible = new Set([caller.userId, ...this.contactsOf(caller.userId)]);
        const ids = req.userIds.filter((id) => visible.has(id));
        const lastSeen = this.accounts.users.lastSeen(ids);
        return { presence: ids.map((id) => this.presenceOf(id, lastSeen.get(id) ?? null)) };
      },
      'typing.start': (caller, req) => {
        const { memberIds } = this.conversations.requireWritable(req.conversationId, caller.userId);
        const key = `${caller.userId}:${req.conversationId}`;
        const now = this.ctx.now();
        if (now - (this.lastTyping.get(key) ?? 0) >= Limits.typingThrottleMs) {
          this.lastTyping.set(key, now);
          this.ctx.hub.typing(
            memberIds.filter((id) => id !== caller.userId),
            { conversationId: req.conversationId, userId: caller.userId as Presence['userId'] },
          );
        }
        return {};
      },
    };
  }

  private status(userId: string): PresenceStatus {
    const devices = this.live.get(userId);
    if (!devices || devices.size === 0) return 'offline';
    for (const s of devices.values()) if (s === 'online') return 'online';
    return 'away';
  }

  private presenceOf(userId: string, lastSeenAt: number | null): Presence {
    const status = this.status(userId);
    return {
      userId: userId as Presence['userId'],
      status,
      lastSeenAt: status === 'offline' ? lastSeenAt : null,
    };
  }

  /** Friends and everyone who shares a conversation with the user. */
  contactsOf(userId: string): string[] {
    return [
      ...new Set([...this.social.store.friendIds(userId), ...this.conversations.store.coMemberIds(userId)]),
    ];
  }

  private announceIfChanged(userId: string, before: PresenceStatus): void {
    const now = this.status(userId);
    if (now === before) return;
    const presence = this.presenceOf(userId, now === 'offline' ? this.ctx.now() : null);
    this.ctx.hub.presence([userId, ...this.contactsOf(userId)], presence);
  }
}
