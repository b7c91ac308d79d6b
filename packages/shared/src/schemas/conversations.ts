import { z } from 'zod';
import { ClientRequestId, ConversationId, Seq, Timestamp, UserId } from '../ids.js';
import { Limits } from '../limits.js';
import { lineText } from './text.js';
import { Message } from './messages.js';

export const ConversationKind = z.enum(['direct', 'group']);
export type ConversationKind = z.infer<typeof ConversationKind>;

export const MemberRole = z.enum(['owner', 'admin', 'member']);
export type MemberRole = z.infer<typeof MemberRole>;

export const GroupName = lineText(Limits.groupNameMax);

export const Member = z.object({
  userId: UserId,
  role: MemberRole,
  joinedAt: Timestamp,
});
export type Member = z.infer<typeof Member>;

/** A conversation as one member sees it. */
export const Conversation = z.object({
  id: ConversationId,
  kind: ConversationKind,
  /** Group name; null for direct conversations (clients show the other person's name). */
  name: z.string().nullable(),
  createdAt: Timestamp,
  createdBy: UserId,
  /** Seq of the newest event in the conversation's stream. */
  lastSeq: Seq,
  /** Set once a group is dissolved; its history stays readable, nothing more can be sent. */
  dissolvedAt: Timestamp.nullable(),
  memberLimit: z.int(),
  /** Groups: the avatar (GET /api/avatars/:fileId/:size); null when none is set, always null for direct. */
  avatarFileId: z.string().nullable(),
  members: z.array(Member),
  /** My read position in this conversation. */
  readSeq: Seq,
  /** Messages from others after my read position that are not recalled. */
  unreadCount: z.int().min(0),
  /** Whether one of the unread messages @mentions me (or @all). */
  mentioned: z.boolean(),
  muted: z.boolean(),
  pinned: z.boolean(),
  lastMessage: Message.nullable(),
});
export type Conversation = z.infer<typeof Conversation>;

const MemberIds = z.array(UserId).max(Limits.membersPerCallMax);

export const ConversationRef = z.strictObject({ conversationId: ConversationId });
export const OpenDirectRequest = z.strictObject({ userId: UserId });
export const CreateGroupRequest = z.strictObject({
  name: GroupName,
  memberIds: MemberIds,
  /** A retry with the same id answers with the group the first request created (same name), never a second one. */
  clientRequestId: ClientRequestId.optional(),
});
export const AddMembersRequest = z.strictObject({
  conversationId: ConversationId,
  userIds: MemberIds.min(1),
});
export const MemberRef = z.strictObject({ conversationId: ConversationId, userId: UserId });
export const RenameGroupRequest = z.strictObject({ conversationId: ConversationId, name: GroupName });
export const SetRoleRequest = z.strictObject({
  conversationId: ConversationId,
  userId: UserId,
  role: z.enum(['admin', 'member']),
});
export const SetPrefsRequest = z.strictObject({
  conversationId: ConversationId,
  muted: z.boolean().optional(),
  pinned: z.boolean().optional(),
});
export const MarkRequest = z.strictObject({ conversationId: ConversationId, seq: Seq });
export const TypingRequest = z.strictObject({ conversationId: ConversationId });

export const MemberReceipt = z.object({
  userId: UserId,
  readSeq: Seq,
  deliveredSeq: Seq,
});
export type MemberReceipt = z.infer<typeof MemberReceipt>;
