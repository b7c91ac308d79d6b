import { z } from 'zod';
import type { ErrorBody } from './errors.js';
import { ConversationId, Seq } from './ids.js';
import type { UserId } from './ids.js';
import {
  AddMembersRequest,
  Conversation,
  ConversationRef,
  CreateGroupRequest,
  MarkRequest,
  MemberReceipt,
  MemberRef,
  OpenDirectRequest,
  RenameGroupRequest,
  SetPrefsRequest,
  SetRoleRequest,
  TypingRequest,
} from './schemas/conversations.js';
import {
  ConversationEventPage,
  SyncConversationRequest,
  SyncHeads,
  SyncUserRequest,
  UserEventPage,
} from './schemas/events.js';
import {
  EditMessageRequest,
  EventAck,
  MessageRef,
  ReactionRequest,
  SendMessageAck,
  SendMessageRequest,
} from './schemas/messages.js';
import {
  Friend,
  FriendRequest,
  FriendRequestRef,
  SearchUsersRequest,
  SendFriendRequest,
  SetPresenceRequest,
  UpdateProfileRequest,
  UserIdsRequest,
  UserRef,
} from './schemas/social.js';
import { Me, Presence, PublicUser } from './schemas/users.js';

const Empty = z.strictObject({});
const Ok = z.object({});

function method<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response };
}

/**
 * Every request a client can make over the socket: `socket.emit(name, payload, ack)`.
 * The ack receives `{ ok: true, data }` or `{ ok: false, error }` (see RpcResult).
 */
export const rpc = {
  // People
  'me.get': method(Empty, z.object({ user: Me })),
  'profile.update': method(UpdateProfileRequest, z.object({ user: Me })),
  'users.search': method(SearchUsersRequest, z.object({ users: z.array(PublicUser) })),
  'users.get': method(UserIdsRequest, z.object({ users: z.array(PublicUser) })),
  'friends.list': method(Empty, z.object({ friends: z.array(Friend) })),
  'friends.requests': method(
    Empty,
    z.object({ incoming: z.array(FriendRequest), outgoing: z.array(FriendRequest) }),
  ),
  'friends.request': method(SendFriendRequest, z.object({ request: FriendRequest })),
  'friends.accept': method(FriendRequestRef, z.object({ friend: Friend })),
  'friends.decline': method(FriendRequestRef, Ok),
  'friends.cancel': method(FriendRequestRef, Ok),
  'friends.remove': method(UserRef, Ok),
  'blocks.list': method(Empty, z.object({ users: z.array(PublicUser) })),
  'blocks.add': method(UserRef, Ok),
  'blocks.remove': method(UserRef, Ok),
  'presence.set': method(SetPresenceRequest, Ok),
  'presence.get': method(UserIdsRequest, z.object({ presence: z.array(Presence) })),

  // Conversations
  'conversations.list': method(Empty, z.object({ conversations: z.array(Conversation) })),
  'conversations.get': method(ConversationRef, z.object({ conversation: Conversation })),
  'conversations.openDirect': method(OpenDirectRequest, z.object({ conversation: Conversation })),
  'conversations.setPrefs': method(SetPrefsRequest, Ok),
  'conversations.markRead': method(MarkRequest, z.object({ readSeq: Seq })),
  'conversations.markDelivered': method(MarkRequest, z.object({ deliveredSeq: Seq })),
  'conversations.receipts': method(
    ConversationRef,
    z.object({ conversationId: ConversationId, members: z.array(MemberReceipt) }),
  ),
  'typing.start': method(TypingRequest, Ok),
  'groups.create': method(CreateGroupRequest, z.object({ conversation: Conversation })),
  'groups.addMembers': method(AddMembersRequest, EventAck),
  'groups.removeMember': method(MemberRef, EventAck),
  'groups.leave': method(ConversationRef, EventAck),
  'groups.rename': method(RenameGroupRequest, EventAck),
  'groups.setRole': method(SetRoleRequest, EventAck),
  'groups.transferOwnership': method(MemberRef, EventAck),
  'groups.dissolve': method(ConversationRef, EventAck),

  // Messages
  'messages.send': method(SendMessageRequest, SendMessageAck),
  'messages.edit': method(EditMessageRequest, EventAck),
  'messages.recall': method(MessageRef, EventAck),
  'reactions.add': method(ReactionRequest, EventAck),
  'reactions.remove': method(ReactionRequest, EventAck),

  // Catch-up
  'sync.heads': method(Empty, SyncHeads),
  'sync.user': method(SyncUserRequest, UserEventPage),
  'sync.conversation': method(SyncConversationRequest, ConversationEventPage),
} as const;

export type Rpc = typeof rpc;
export type RpcMethod = keyof Rpc;
export const rpcMethods = Object.keys(rpc) as RpcMethod[];

/** What the client sends (before the schema fills defaults and brands). */
export type RpcRequest<M extends RpcMethod> = z.input<Rpc[M]['request']>;
/** What the server's handler receives after parsing. */
export type RpcParsedRequest<M extends RpcMethod> = z.output<Rpc[M]['request']>;
export type RpcResponse<M extends RpcMethod> = z.output<Rpc[M]['response']>;

export type RpcResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export function isRpcMethod(name: unknown): name is RpcMethod {
  return typeof name === 'string' && Object.hasOwn(rpc, name);
}

/** Ids of people, for helpers that accept either kind of user reference. */
export type { UserId };
