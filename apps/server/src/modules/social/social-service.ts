import type { Friend, FriendRequest } from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { commit, type Effects } from '../../commit.js';
import type { Caller, Context } from '../../context.js';
import { AppError } from '../../errors.js';
import type { RpcHandlers } from '../../rpc-handlers.js';
import type { AccountsService } from '../accounts/accounts-service.js';
import { toPublicUser } from '../accounts/users-store.js';
import type { Streams } from '../streams/streams.js';
import { type FriendRequestRow, SocialStore } from './social-store.js';

/** Friends, friend requests and blocks. */
export class SocialService {
  readonly store: SocialStore;

  constructor(
    private readonly ctx: Context,
    private readonly streams: Streams,
    private readonly accounts: AccountsService,
  ) {
    this.store = new SocialStore(ctx.sql);
  }

  /** Whether a and b may talk directly: friends, and neither has blocked the other. */
  directMessageRefusal(a: string, b: string): AppError | undefined {
    if (this.store.hasBlocked(a, b) || this.store.hasBlocked(b, a)) {
      return new AppError('BLOCKED', 'messages between you and this person are blocked');
    }
    if (!this.store.areFriends(a, b))
      return new AppError('NOT_FRIENDS', 'you are not friends with this person');
    return undefined;
  }

  handlers(): Pick<
    RpcHandlers,
    | 'friends.list'
    | 'friends.requests'
    | 'friends.request'
    | 'friends.accept'
    | 'friends.decline'
    | 'friends.cancel'
    | 'friends.remove'
    | 'blocks.list'
    | 'blocks.add'
    | 'blocks.remove'
  > {
    return {
      'friends.list': (caller) => ({ friends: this.friends(caller.userId) }),
      'friends.requests': (caller) => {
        const rows = this.store.pendingOf(caller.userId);
        return {
          incoming: this.toRequests(rows.filter((r) => r.to_user_id === caller.userId)),
          outgoing: this.toRequests(rows.filter((r) => r.from_user_id === caller.userId)),
        };
      },
      'friends.request': (caller, req) => this.request(caller, req.userId, req.message ?? ''),
      'friends.accept': (caller, req) =>
        commit(this.ctx, (fx) => {
          const row = this.pendingFor(req.requestId, caller.userId, 'to');
          return { friend: this.befriend(fx, row) };
        }),
      'friends.decline': (caller, req) =>
        commit(this.ctx, (fx) => {
          const row = this.pendingFor(req.requestId, caller.userId, 'to');
          this.resolve(fx, row, 'declined');
          return {};
        }),
      'friends.cancel': (caller, req) =>
        commit(this.ctx, (fx) => {
          const row = this.pendingFor(req.requestId, caller.userId, 'from');
          this.resolve(fx, row, 'cancelled');
          return {};
        }),
      'friends.remove': (caller, req) =>
        commit(this.ctx, (fx) => {
          if (!this.store.removeFriendship(caller.userId, req.userId)) {
            throw new AppError('NOT_FRIENDS', 'you are not friends with this person');
          }
          this.streams.appendUser(fx, caller.userId, 'friend.removed', { userId: req.userId });
          this.streams.appendUser(fx, req.userId, 'friend.removed', {
            userId: caller.userId as typeof req.userId,
          });
          return {};
        }),
      'blocks.list': (caller) => ({ users: this.accounts.publicUsers(this.store.blockedBy(caller.userId)) }),
      'blocks.add': (caller, req) =>
        commit(this.ctx, (fx) => {
          this.requireOther(caller, req.userId);
          const now = this.ctx.now();
          if (this.store.block(caller.userId, req.userId, now)) {
            // Pending requests either way end with the block.
            for (const [from, to] of [
              [caller.userId, req.userId],
              [req.userId, caller.userId],
            ] as const) {
              const pending = this.store.pendingBetween(from, to);
              if (pending) this.resolve(fx, pending, 'cancelled');
            }
            this.streams.appendUser(fx, caller.userId, 'block.added', { userId: req.userId });
          }
          return {};
        }),
      'blocks.remove': (caller, req) =>
        commit(this.ctx, (fx) => {
          if (this.store.unblock(caller.userId, req.userId)) {
            this.streams.appendUser(fx, caller.userId, 'block.removed', { userId: req.userId });
          }
          return {};
        }),
    };
  }

  friends(userId: string): Friend[] {
    const rows = this.store.friendsOf(userId);
    const users = new Map(
      this.accounts.users.byIds(rows.map((r) => r.friend_id)).map((u) => [u.id, toPublicUser(u)]),
    );
    return rows.flatMap((r) => {
      const user = users.get(r.friend_id);
      return user ? [{ user, since: r.created_at }] : [];
    });
  }

  private request(caller: Caller, target: string, message: string) {
    return commit(this.ctx, (fx) => {
      this.requireOther(caller, target);
      if (this.store.areFriends(caller.userId, target))
        throw new AppError('ALREADY_FRIENDS', 'you are already friends');
      if (this.store.hasBlocked(target, caller.userId) || this.store.hasBlocked(caller.userId, target)) {
        throw new AppError('BLOCKED', 'you cannot send a request to this person');
      }
      if (this.store.pendingBetween(caller.userId, target)) {
        throw new AppError('REQUEST_EXISTS', 'you have already sent a request to this person');
      }
      // They asked me already: asking back means yes.
      const theirs = this.store.pendingBetween(target, caller.userId);
      if (theirs) {
        this.befriend(fx, theirs);
        return { request: this.toRequest({ ...theirs, status: 'accepted' }) };
      }
      const row: FriendRequestRow = {
        id: randomUUID(),
        from_user_id: caller.userId,
        to_user_id: target,
        message,
        status: 'pending',
        created_at: this.ctx.now(),
      };
      this.store.insertRequest(row);
      const request = this.toRequest(row);
      this.streams.appendUser(fx, caller.userId, 'friendRequest.sent', { request });
      this.streams.appendUser(fx, target, 'friendRequest.received', { request });
      return { request };
    });
  }

  private requireOther(caller: Caller, target: string): void {
    if (target === caller.userId) throw new AppError('CANNOT_TARGET_SELF', 'that is you');
    if (!this.accounts.users.exists(target)) throw new AppError('USER_NOT_FOUND', 'no such user');
  }

  private pendingFor(requestId: string, userId: string, side: 'from' | 'to'): FriendRequestRow {
    const row = this.store.request(requestId);
    const mine = row && (side === 'to' ? row.to_user_id : row.from_user_id) === userId;
    if (!row || !mine || row.status !== 'pending')
      throw new AppError('REQUEST_NOT_FOUND', 'no such pending request');
    return row;
  }

  private resolve(fx: Effects, row: FriendRequestRow, status: 'accepted' | 'declined' | 'cancelled'): void {
    this.store.resolve(row.id, status, this.ctx.now());
    for (const userId of [row.from_user_id, row.to_user_id]) {
      this.streams.appendUser(fx, userId, 'friendRequest.resolved', {
        requestId: row.id as FriendRequest['id'],
        status,
      });
    }
  }

  private befriend(fx: Effects, row: FriendRequestRow): Friend {
    const now = this.ctx.now();
    this.resolve(fx, row, 'accepted');
    this.store.addFriendship(row.from_user_id, row.to_user_id, now);
    const [from, to] = [row.from_user_id, row.to_user_id].map((id) => {
      const u = this.accounts.users.byId(id);
      if (!u) throw new AppError('USER_NOT_FOUND', 'no such user');
      return toPublicUser(u);
    }) as [Friend['user'], Friend['user']];
    this.streams.appendUser(fx, from.id, 'friend.added', { user: to, since: now });
    this.streams.appendUser(fx, to.id, 'friend.added', { user: from, since: now });
    return { user: from, since: now };
  }

  private toRequest(row: FriendRequestRow): FriendRequest {
    const request = this.toRequests([row])[0];
    if (!request) throw new AppError('USER_NOT_FOUND', 'no such user');
    return request;
  }

  private toRequests(rows: readonly FriendRequestRow[]): FriendRequest[] {
    const ids = [...new Set(rows.flatMap((r) => [r.from_user_id, r.to_user_id]))];
    const users = new Map(this.accounts.users.byIds(ids).map((u) => [u.id, toPublicUser(u)]));
    return rows.flatMap((r) => {
      const from = users.get(r.from_user_id);
      const to = users.get(r.to_user_id);
      if (!from || !to) return [];
      return [
        {
          id: r.id as FriendRequest['id'],
          fromUserId: from.id,
          toUserId: to.id,
          message: r.message,
          status: r.status,
          createdAt: r.created_at,
          from,
          to,
        },
      ];
    });
  }
}
