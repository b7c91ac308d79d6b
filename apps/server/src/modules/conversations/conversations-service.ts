import type { Conversation, MemberRole, RpcRequest } from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { commit, type Effects } from '../../commit.js';
import type { Caller, Context } from '../../context.js';
import { AppError } from '../../errors.js';
import { requestHash } from '../../request-hash.js';
import type { RpcHandlers } from '../../rpc-handlers.js';
import type { AccountsService } from '../accounts/accounts-service.js';
import type { MessagesStore } from '../messages/messages-store.js';
import type { SocialService } from '../social/social-service.js';
import type { Streams } from '../streams/streams.js';
import { type ConversationRow, ConversationsStore, type MemberRow } from './conversations-store.js';

export interface Writable {
  conversation: ConversationRow;
  member: MemberRow;
  memberIds: string[];
}

const notFound = () => new AppError('CONVERSATION_NOT_FOUND', 'no such conversation');

/** Direct conversations, groups, membership, read positions and per-member prefs. */
export class ConversationsService {
  readonly store: ConversationsStore;

  constructor(
    private readonly ctx: Context,
    private readonly streams: Streams,
    private readonly accounts: AccountsService,
    private readonly social: SocialService,
    private readonly messages: MessagesStore,
  ) {
    this.store = new ConversationsStore(ctx.sql);
  }

  /**
   * The conversation and the caller's membership. A conversation the caller is
   * not in is reported exactly like one that does not exist.
   */
  requireMember(
    conversationId: string,
    userId: string,
  ): { conversation: ConversationRow; member: MemberRow } {
    const member = this.store.member(conversationId, userId);
    const conversation = member && this.store.byId(conversationId);
    if (!member || !conversation) throw notFound();
    return { conversation, member };
  }

  /** As requireMember, and the conversation is not dissolved; with everyone in it. */
  requireMemberOfLive(conversationId: string, userId: string): Writable {
    const found = this.requireMember(conversationId, userId);
    if (found.conversation.dissolved_at !== null) {
      throw new AppError('CONVERSATION_DISSOLVED', 'this group has been dissolved');
    }
    return { ...found, memberIds: this.store.memberIds(conversationId) };
  }

  /** As requireMemberOfLive, for changes: also refuses direct conversations that are blocked or unfriended. */
  requireWritable(conversationId: string, userId: string): Writable {
    const found = this.requireMemberOfLive(conversationId, userId);
    if (found.conversation.kind === 'direct') {
      const other = found.memberIds.find((id) => id !== userId);
      const refusal = other ? this.social.directMessageRefusal(userId, other) : undefined;
      if (refusal) throw refusal;
    }
    return found;
  }

  view(conversationId: string, userId: string): Conversation {
    const { conversation: c, member: me } = this.requireMember(conversationId, userId);
    const unread = this.messages.unread(c.id, userId, me.read_seq);
    return {
      id: c.id as Conversation['id'],
      kind: c.kind,
      name: c.name,
      createdAt: c.created_at,
      createdBy: c.created_by as Conversation['createdBy'],
      lastSeq: this.streams.conversationHead(c.id),
      dissolvedAt: c.dissolved_at,
      memberLimit: c.member_limit,
      avatarFileId: c.avatar_file_id,
      members: this.store.members(c.id).map((m) => ({
        userId: m.user_id as Conversation['createdBy'],
        role: m.role,
        joinedAt: m.joined_at,
      })),
      readSeq: me.read_seq,
      unreadCount: unread.count,
      mentioned: unread.mentioned,
      muted: me.muted === 1,
      pinned: me.pinned === 1,
      lastMessage: this.messages.latest(c.id),
    };
  }

  handlers(): Pick<
    RpcHandlers,
    | 'conversations.list'
    | 'conversations.get'
    | 'conversations.openDirect'
    | 'conversations.setPrefs'
    | 'conversations.markRead'
    | 'conversations.markDelivered'
    | 'conversations.receipts'
    | 'groups.create'
    | 'groups.addMembers'
    | 'groups.removeMember'
    | 'groups.leave'
    | 'groups.rename'
    | 'groups.setRole'
    | 'groups.transferOwnership'
    | 'groups.dissolve'
  > {
    return {
      'conversations.list': (caller) => ({
        conversations: this.store.conversationIdsOf(caller.userId).map((id) => this.view(id, caller.userId)),
      }),
      'conversations.get': (caller, req) => ({ conversation: this.view(req.conversationId, caller.userId) }),
      'conversations.openDirect': async (caller, req) => {
        const id = await commit(this.ctx, (fx) => this.openDirect(fx, caller, req.userId));
        return { conversation: this.view(id, caller.userId) };
      },
      'conversations.setPrefs': (caller, req) =>
        commit(this.ctx, (fx) => {
          this.requireMember(req.conversationId, caller.userId);
          this.store.setPrefs(req.conversationId, caller.userId, req);
          const m = this.store.member(req.conversationId, caller.userId);
          this.streams.appendUser(fx, caller.userId, 'conversation.prefs', {
            conversationId: req.conversationId,
            muted: m?.muted === 1,
            pinned: m?.pinned === 1,
          });
          return {};
        }),
      'conversations.markRead': (caller, req) =>
        commit(this.ctx, (fx) => {
          const { member } = this.requireMember(req.conversationId, caller.userId);
          const seq = Math.min(req.seq, this.streams.conversationHead(req.conversationId));
          if (seq <= member.read_seq) return { readSeq: member.read_seq };
          const readSeq = this.store.raiseRead(req.conversationId, caller.userId, seq);
          this.streams.appendUser(fx, caller.userId, 'read.updated', {
            conversationId: req.conversationId,
            readSeq,
          });
          this.pushReceipt(fx, req.conversationId, caller.userId, member.read_seq, readSeq);
          return { readSeq };
        }),
      'conversations.markDelivered': (caller, req) =>
        commit(this.ctx, (fx) => {
          const { member } = this.requireMember(req.conversationId, caller.userId);
          const seq = Math.min(req.seq, this.streams.conversationHead(req.conversationId));
          if (seq <= member.delivered_seq) return { deliveredSeq: member.delivered_seq };
          const deliveredSeq = this.store.raiseDelivered(req.conversationId, caller.userId, seq);
          this.pushReceipt(fx, req.conversationId, caller.userId, member.delivered_seq, deliveredSeq);
          return { deliveredSeq };
        }),
      'conversations.receipts': (caller, req) => {
        this.requireMember(req.conversationId, caller.userId);
        return {
          conversationId: req.conversationId,
          members: this.store.members(req.conversationId).map((m) => ({
            userId: m.user_id as Conversation['createdBy'],
            readSeq: m.read_seq,
            deliveredSeq: m.delivered_seq,
          })),
        };
      },
      'groups.create': async (caller, req) => {
        const id = await commit(this.ctx, (fx) => this.createGroup(fx, caller, req));
        return { conversation: this.view(id, caller.userId) };
      },
      'groups.addMembers': (caller, req) =>
        commit(this.ctx, (fx) => {
          const { conversation, memberIds } = this.requireGroupWrite(req.conversationId, caller.userId);
          const current = new Set(memberIds);
          const added = [...new Set(req.userIds)].filter((id) => !current.has(id));
          if (added.length === 0) throw new AppError('ALREADY_MEMBER', 'they are all members already');
          this.checkJoinable(caller.userId, added);
          if (current.size + added.length > conversation.member_limit) {
            throw new AppError('GROUP_FULL', `a group has at most ${conversation.member_limit} members`);
          }
          const now = this.ctx.now();
          for (const id of added) this.store.addMember(conversation.id, id, 'member', now);
          const event = this.streams.appendConversation(fx, [...memberIds, ...added], {
            conversationId: conversation.id,
            type: 'members.added',
            actorId: caller.userId,
            data: { userIds: added },
          });
          for (const id of added) {
            this.streams.appendUser(fx, id, 'conversation.joined', { conversationId: req.conversationId });
          }
          return { seq: event.seq };
        }),
      'groups.removeMember': (caller, req) =>
        commit(this.ctx, (fx) => {
          const { conversation, member, memberIds } = this.requireGroupWrite(
            req.conversationId,
            caller.userId,
          );
          if (req.userId === caller.userId)
            throw new AppError('CANNOT_TARGET_SELF', 'use groups.leave to leave');
          const target = this.store.member(conversation.id, req.userId);
          if (!target) throw new AppError('NOT_MEMBER', 'that person is not in this group');
          if (!outranks(member.role, target.role)) {
            throw new AppError(
              'INSUFFICIENT_ROLE',
              'only the owner, or an admin for ordinary members, can remove people',
            );
          }
          const event = this.streams.appendConversation(fx, memberIds, {
            conversationId: conversation.id,
            type: 'member.removed',
            actorId: caller.userId,
            data: { userId: req.userId },
          });
          this.store.removeMember(conversation.id, req.userId);
          this.streams.appendUser(fx, req.userId, 'conversation.left', {
            conversationId: req.conversationId,
            reason: 'removed',
          });
          return { seq: event.seq };
        }),
      'groups.leave': (caller, req) =>
        commit(this.ctx, (fx) => {
          const { conversation, member } = this.requireMember(req.conversationId, caller.userId);
          if (conversation.kind !== 'group') throw new AppError('NOT_A_GROUP', 'you can only leave groups');
          const memberIds = this.store.memberIds(conversation.id);
          if (member.role === 'owner' && memberIds.length > 1 && conversation.dissolved_at === null) {
            throw new AppError(
              'OWNER_MUST_TRANSFER',
              'transfer ownership before leaving, or dissolve the group',
            );
          }
          const event = this.streams.appendConversation(fx, memberIds, {
            conversationId: conversation.id,
            type: 'member.left',
            actorId: caller.userId,
            data: { userId: caller.userId as Conversation['createdBy'] },
          });
          this.store.removeMember(conversation.id, caller.userId);
          this.streams.appendUser(fx, caller.userId, 'conversation.left', {
            conversationId: req.conversationId,
            reason: 'left',
          });
          return { seq: event.seq };
        }),
      'groups.rename': (caller, req) =>
        commit(this.ctx, (fx) => {
          const { conversation, member, memberIds } = this.requireGroupWrite(
            req.conversationId,
            caller.userId,
          );
          requireRole(member, ['owner', 'admin']);
          this.store.rename(conversation.id, req.name);
          const event = this.streams.appendConversation(fx, memberIds, {
            conversationId: conversation.id,
            type: 'conversation.renamed',
            actorId: caller.userId,
            data: { name: req.name },
          });
          return { seq: event.seq };
        }),
      'groups.setRole': (caller, req) =>
        commit(this.ctx, (fx) => {
          const { conversation, member, memberIds } = this.requireGroupWrite(
            req.conversationId,
            caller.userId,
          );
          requireRole(member, ['owner']);
          const target = this.store.member(conversation.id, req.userId);
          if (!target) throw new AppError('NOT_MEMBER', 'that person is not in this group');
          if (target.role === 'owner')
            throw new AppError('CANNOT_TARGET_SELF', 'the owner’s role changes by transfer');
          this.store.setRole(conversation.id, req.userId, req.role);
          const event = this.streams.appendConversation(fx, memberIds, {
            conversationId: conversation.id,
            type: 'member.role',
            actorId: caller.userId,
            data: { userId: req.userId, role: req.role },
          });
          return { seq: event.seq };
        }),
      'groups.transferOwnership': (caller, req) =>
        commit(this.ctx, (fx) => {
          const { conversation, member, memberIds } = this.requireGroupWrite(
            req.conversationId,
            caller.userId,
          );
          requireRole(member, ['owner']);
          if (req.userId === caller.userId)
            throw new AppError('CANNOT_TARGET_SELF', 'you are the owner already');
          if (!this.store.member(conversation.id, req.userId)) {
            throw new AppError('NOT_MEMBER', 'that person is not in this group');
          }
          this.store.setRole(conversation.id, req.userId, 'owner');
          this.store.setRole(conversation.id, caller.userId, 'admin');
          const event = this.streams.appendConversation(fx, memberIds, {
            conversationId: conversation.id,
            type: 'conversation.ownerChanged',
            actorId: caller.userId,
            data: { fromUserId: caller.userId as Conversation['createdBy'], toUserId: req.userId },
          });
          return { seq: event.seq };
        }),
      'groups.dissolve': (caller, req) =>
        commit(this.ctx, (fx) => {
          const { conversation, member, memberIds } = this.requireGroupWrite(
            req.conversationId,
            caller.userId,
          );
          requireRole(member, ['owner']);
          this.store.dissolve(conversation.id, this.ctx.now());
          const event = this.streams.appendConversation(fx, memberIds, {
            conversationId: conversation.id,
            type: 'conversation.dissolved',
            actorId: caller.userId,
            data: {},
          });
          return { seq: event.seq };
        }),
    };
  }

  /** A live group the user may manage (owner or admin): renaming, the avatar. */
  requireGroupManager(conversationId: string, userId: string): Writable {
    const found = this.requireGroupWrite(conversationId, userId);
    requireRole(found.member, ['owner', 'admin']);
    return found;
  }

  /**
   * Sets a group's avatar inside the caller's write (after requireGroupManager) and records
   * conversation.avatarChanged. Returns the event's seq and the avatar it replaced.
   */
  changeAvatar(
    fx: Effects,
    actorId: string,
    group: Writable,
    fileId: string | null,
  ): { seq: number; previous: string | null } {
    const previous = group.conversation.avatar_file_id;
    this.store.setAvatar(group.conversation.id, fileId);
    const event = this.streams.appendConversation(fx, group.memberIds, {
      conversationId: group.conversation.id,
      type: 'conversation.avatarChanged',
      actorId,
      data: { avatarFileId: fileId },
    });
    return { seq: event.seq, previous };
  }

  private requireGroupWrite(conversationId: string, userId: string): Writable {
    if (this.requireMember(conversationId, userId).conversation.kind !== 'group') {
      throw new AppError('NOT_A_GROUP', 'this is not a group');
    }
    return this.requireMemberOfLive(conversationId, userId);
  }

  /** Everyone added must exist and must not have blocked the one adding them. */
  private checkJoinable(actorId: string, userIds: readonly string[]): void {
    const existing = new Set(this.accounts.users.byIds(userIds).map((u) => u.id));
    for (const id of userIds) {
      if (!existing.has(id)) throw new AppError('USER_NOT_FOUND', `no such user: ${id}`);
      if (this.social.store.hasBlocked(id, actorId))
        throw new AppError('BLOCKED', 'someone you added has blocked you');
    }
  }

  private createGroup(
    fx: Effects,
    caller: Caller,
    { name, memberIds, clientRequestId }: RpcRequest<'groups.create'>,
  ): string {
    const others = [...new Set(memberIds)].filter((id) => id !== caller.userId);
    const hash = clientRequestId === undefined ? null : requestHash([name, [...others].sort()]);
    if (clientRequestId !== undefined) {
      // A retry of a request we already committed: answer with its group, create nothing.
      const earlier = this.store.byRequest(caller.userId, clientRequestId);
      if (earlier) {
        if (earlier.client_request_hash !== hash) {
          throw new AppError(
            'IDEMPOTENCY_CONFLICT',
            'this clientRequestId was already used for another group',
          );
        }
        return earlier.id;
      }
    }
    this.checkJoinable(caller.userId, others);
    const limit = this.ctx.config.groupMemberLimit;
    if (others.length + 1 > limit) throw new AppError('GROUP_FULL', `a group has at most ${limit} members`);
    const now = this.ctx.now();
    const id = randomUUID();
    this.store.insert({
      id,
      kind: 'group',
      name,
      direct_key: null,
      created_by: caller.userId,
      created_at: now,
      dissolved_at: null,
      member_limit: limit,
      avatar_file_id: null,
      client_request_id: clientRequestId ?? null,
      client_request_hash: hash,
    });
    this.store.addMember(id, caller.userId, 'owner', now);
    for (const other of others) this.store.addMember(id, other, 'member', now);
    const all = [caller.userId, ...others];
    this.streams.appendConversation(fx, all, {
      conversationId: id,
      type: 'conversation.created',
      actorId: caller.userId,
      data: { kind: 'group', name, memberIds: all as Conversation['createdBy'][] },
    });
    for (const userId of all) {
      this.streams.appendUser(fx, userId, 'conversation.joined', {
        conversationId: id as Conversation['id'],
      });
    }
    return id;
  }

  private openDirect(fx: Effects, caller: Caller, other: string): string {
    if (other === caller.userId) throw new AppError('CANNOT_TARGET_SELF', 'that is you');
    if (!this.accounts.users.exists(other)) throw new AppError('USER_NOT_FOUND', 'no such user');
    const key = [caller.userId, other].sort().join(':');
    const existing = this.store.byDirectKey(key);
    if (existing) return existing.id;
    const refusal = this.social.directMessageRefusal(caller.userId, other);
    if (refusal) throw refusal;
    const now = this.ctx.now();
    const id = randomUUID();
    this.store.insert({
      id,
      kind: 'direct',
      name: null,
      direct_key: key,
      created_by: caller.userId,
      created_at: now,
      dissolved_at: null,
      member_limit: 2,
      avatar_file_id: null,
      client_request_id: null,
      client_request_hash: null,
    });
    this.store.addMember(id, caller.userId, 'member', now);
    this.store.addMember(id, other, 'member', now);
    const all = [caller.userId, other];
    this.streams.appendConversation(fx, all, {
      conversationId: id,
      type: 'conversation.created',
      actorId: caller.userId,
      data: { kind: 'direct', name: null, memberIds: all as Conversation['createdBy'][] },
    });
    for (const userId of all) {
      this.streams.appendUser(fx, userId, 'conversation.joined', {
        conversationId: id as Conversation['id'],
      });
    }
    return id;
  }

  /**
   * Tells the members whose messages a position rose over (from `from` to `to`) where it is now. A
   * read position that rises under the delivered one passes only the messages it passes. Nobody
   * else shows it: read and delivered marks are drawn on one's own messages only, and anyone who
   * wants all positions asks conversations.receipts. In a group where everyone reads each message,
   * this is one push per message instead of one per member.
   */
  private pushReceipt(fx: Effects, conversationId: string, userId: string, from: number, to: number): void {
    const m = this.store.member(conversationId, userId);
    if (!m) return;
    const senders = this.messages.sendersBetween(conversationId, from, to).filter((id) => id !== userId);
    if (senders.length === 0) return;
    const members = new Set(this.store.memberIds(conversationId));
    const recipients = senders.filter((sender) => members.has(sender));
    if (recipients.length === 0) return;
    fx.after((hub) => {
      hub.receipt(recipients, {
        conversationId: conversationId as Conversation['id'],
        userId: userId as Conversation['createdBy'],
        readSeq: m.read_seq,
        deliveredSeq: m.delivered_seq,
      });
    });
  }
}

const rank: Record<MemberRole, number> = { owner: 3, admin: 2, member: 1 };

function outranks(actor: MemberRole, target: MemberRole): boolean {
  return actor !== 'member' && rank[actor] > rank[target];
}

function requireRole(member: MemberRow, roles: readonly MemberRole[]): void {
  if (!roles.includes(member.role)) {
    throw new AppError('INSUFFICIENT_ROLE', `only the group's ${roles.join(' or ')} can do that`);
  }
}
