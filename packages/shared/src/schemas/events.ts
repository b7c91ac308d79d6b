import { z } from 'zod';
import { ConversationId, FriendRequestId, Seq, Timestamp, UserId } from '../ids.js';
import { Limits } from '../limits.js';
import { Message } from './messages.js';
import { MemberRole } from './conversations.js';
import { FriendRequest, FriendRequestStatus } from './social.js';
import { Me, PublicUser } from './users.js';

const conversationEventBase = {
  conversationId: ConversationId,
  seq: Seq,
  /** Who caused the event. */
  actorId: UserId,
  createdAt: Timestamp,
};

/**
 * Everything that changes a conversation, in its own gapless seq order.
 * Message events carry the message as it is now (see Message).
 */
export const ConversationEvent = z.discriminatedUnion('type', [
  z.object({ ...conversationEventBase, type: z.literal('message.created'), message: Message }),
  z.object({ ...conversationEventBase, type: z.literal('message.edited'), message: Message }),
  z.object({ ...conversationEventBase, type: z.literal('message.recalled'), message: Message }),
  z.object({
    ...conversationEventBase,
    type: z.literal('reaction.added'),
    emoji: z.string(),
    message: Message,
  }),
  z.object({
    ...conversationEventBase,
    type: z.literal('reaction.removed'),
    emoji: z.string(),
    message: Message,
  }),
  z.object({
    ...conversationEventBase,
    type: z.literal('conversation.created'),
    kind: z.enum(['direct', 'group']),
    name: z.string().nullable(),
    memberIds: z.array(UserId),
  }),
  z.object({ ...conversationEventBase, type: z.literal('members.added'), userIds: z.array(UserId) }),
  z.object({ ...conversationEventBase, type: z.literal('member.removed'), userId: UserId }),
  z.object({ ...conversationEventBase, type: z.literal('member.left'), userId: UserId }),
  z.object({
    ...conversationEventBase,
    type: z.literal('member.role'),
    userId: UserId,
    role: MemberRole,
  }),
  z.object({ ...conversationEventBase, type: z.literal('conversation.renamed'), name: z.string() }),
  /** A group's avatar was set (a new file id) or removed (null). */
  z.object({
    ...conversationEventBase,
    type: z.literal('conversation.avatarChanged'),
    avatarFileId: z.string().nullable(),
  }),
  z.object({
    ...conversationEventBase,
    type: z.literal('conversation.ownerChanged'),
    fromUserId: UserId,
    toUserId: UserId,
  }),
  z.object({ ...conversationEventBase, type: z.literal('conversation.dissolved') }),
]);
export type ConversationEvent = z.infer<typeof ConversationEvent>;
export type ConversationEventType = ConversationEvent['type'];

const userEventBase = { seq: Seq, createdAt: Timestamp };

/**
 * Per-user state, in its own gapless seq order per user: what the account's
 * other devices need to converge (friends, requests, memberships, read positions, prefs, profile).
 */
export const UserEvent = z.discriminatedUnion('type', [
  z.object({ ...userEventBase, type: z.literal('profile.updated'), user: Me }),
  z.object({ ...userEventBase, type: z.literal('friendRequest.received'), request: FriendRequest }),
  z.object({ ...userEventBase, type: z.literal('friendRequest.sent'), request: FriendRequest }),
  z.object({
    ...userEventBase,
    type: z.literal('friendRequest.resolved'),
    requestId: FriendRequestId,
    status: FriendRequestStatus.exclude(['pending']),
  }),
  z.object({ ...userEventBase, type: z.literal('friend.added'), user: PublicUser, since: Timestamp }),
  z.object({ ...userEventBase, type: z.literal('friend.removed'), userId: UserId }),
  z.object({ ...userEventBase, type: z.literal('block.added'), userId: UserId }),
  z.object({ ...userEventBase, type: z.literal('block.removed'), userId: UserId }),
  z.object({
    ...userEventBase,
    type: z.literal('conversation.joined'),
    conversationId: ConversationId,
  }),
  z.object({
    ...userEventBase,
    type: z.literal('conversation.left'),
    conversationId: ConversationId,
    reason: z.enum(['left', 'removed']),
  }),
  z.object({
    ...userEventBase,
    type: z.literal('conversation.prefs'),
    conversationId: ConversationId,
    muted: z.boolean(),
    pinned: z.boolean(),
  }),
  z.object({
    ...userEventBase,
    type: z.literal('read.updated'),
    conversationId: ConversationId,
    readSeq: Seq,
  }),
]);
export type UserEvent = z.infer<typeof UserEvent>;
export type UserEventType = UserEvent['type'];

const PageLimit = z.int().min(1).max(Limits.pageMax).optional();

export const SyncUserRequest = z.strictObject({ afterSeq: Seq, limit: PageLimit });

/**
 * One page of a conversation's stream: after `afterSeq` ascending, or before
 * `beforeSeq` descending-by-page but still returned in ascending order. Neither: the newest page.
 */
export const SyncConversationRequest = z
  .strictObject({
    conversationId: ConversationId,
    afterSeq: Seq.optional(),
    beforeSeq: Seq.optional(),
    limit: PageLimit,
  })
  .refine((r) => r.afterSeq === undefined || r.beforeSeq === undefined, {
    error: 'give afterSeq or beforeSeq, not both',
  });

export const UserEventPage = z.object({
  events: z.array(UserEvent),
  /** The newest seq of the stream at the time of the read. */
  lastSeq: Seq,
  hasMore: z.boolean(),
});
export type UserEventPage = z.infer<typeof UserEventPage>;

export const ConversationEventPage = z.object({
  events: z.array(ConversationEvent),
  lastSeq: Seq,
  hasMore: z.boolean(),
});
export type ConversationEventPage = z.infer<typeof ConversationEventPage>;

/** Where every stream the user can read stands now: the starting point of a catch-up. */
export const SyncHeads = z.object({
  userSeq: Seq,
  conversations: z.array(z.object({ conversationId: ConversationId, lastSeq: Seq })),
});
export type SyncHeads = z.infer<typeof SyncHeads>;
