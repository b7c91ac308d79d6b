import { z } from 'zod';
import { ClientMsgId, ConversationId, FileId, MessageId, Seq, SessionId, UserId } from '../ids.js';
import { Limits } from '../limits.js';
import { ChangePasswordBody, SessionList } from '../schemas/auth.js';
import {
  AddMembersRequest,
  ConversationRef,
  CreateGroupRequest,
  MemberRef,
  OpenDirectRequest,
  RenameGroupRequest,
  SetPrefsRequest,
  SetRoleRequest,
  TypingRequest,
} from '../schemas/conversations.js';
import { EditMessageRequest, Emoji, Message, MessageRef, MessageText } from '../schemas/messages.js';
import {
  Friend,
  FriendRequest,
  FriendRequestRef,
  SearchUsersRequest,
  SendFriendRequest,
  UpdateProfileRequest,
  UserIdsRequest,
  UserRef,
} from '../schemas/social.js';
import { DisplayName, Me, Password, Presence, PublicUser, Username } from '../schemas/users.js';
import {
  ConnectionState,
  ConversationSummary,
  OutboxEntry,
  Receipt,
  SearchResult,
  TimelinePage,
} from './cache.js';
import type { IpcChannel, IpcEventName } from './channels.js';
import { Settings, SettingsPatch } from './settings.js';
import { FileMessageRef, FileSource, SendFilesRequest, Transfer, TransferRef } from './files.js';
import { DiscoveredServers } from './discovery.js';
import { ServerTlsStatus, TlsFingerprint } from './tls.js';
import { InviteCode, RegistrationPolicy } from '../schemas/admin.js';
import { adminChannels, adminEvents } from './admin.js';
import { hostChannels, hostEvents } from './host.js';

const Empty = z.strictObject({});
const Ok = z.object({});

/** A Parley server's address as typed by a person: http(s) only, without a trailing slash. */
export const ServerUrl = z
  .string()
  .trim()
  .max(2048)
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }))
  .transform((u) => u.replace(/\/+$/, ''));

/** The only links Parley hands to the operating system. */
export const ExternalUrl = z
  .string()
  .max(8192)
  .pipe(
    z.url({ protocol: /^(https?|mailto)$/, error: 'only http, https and mailto links open outside Parley' }),
  );

const PageLimit = z.int().min(1).max(Limits.pageMax).optional();

function channel<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response };
}

/**
 * The IPC contract: every call the renderer can make to the main process (request and response
 * schemas) and every event the main process pushes. The preload builds `window.parley` from it,
 * and the main process parses each request with its schema before anything runs.
 */
export const ipcContract = {
  channels: {
    'session.state': channel(
      Empty,
      z.object({
        connection: ConnectionState,
        me: Me.nullable(),
        serverUrl: z.string().nullable(),
        /** False where the OS offers no encrypted storage: the login is then not remembered. */
        rememberLogin: z.boolean(),
        /** While signed out: why the session ended on its own (an error code such as SESSION_REVOKED), if it did. */
        signedOutReason: z.string().nullable(),
      }),
    ),
    'session.checkServer': channel(
      z.strictObject({ serverUrl: ServerUrl }),
      z.object({
        serverUrl: z.string(),
        name: z.string(),
        version: z.string(),
        protocolVersion: z.int(),
        /** Who may create an account there (`open` when the server does not say). */
        registration: RegistrationPolicy,
        /** The server's TLS key and whether it is trusted; null for plain http:// (not private). */
        tls: ServerTlsStatus.nullable(),
      }),
    ),
    /**
     * Trusts the key with this fingerprint for the https:// server (trust on first use, or again
     * after its key changed), once the user compared it with the one the server shows. A link that
     * was refused for its key tries again at once.
     */
    'tls.trust': channel(
      z.strictObject({
        serverUrl: ServerUrl.refine((u) => u.startsWith('https://'), {
          error: 'only https:// servers have a key',
        }),
        fingerprint: TlsFingerprint,
      }),
      Ok,
    ),
    'session.register': channel(
      z.strictObject({
        serverUrl: ServerUrl,
        username: Username,
        displayName: DisplayName,
        password: Password,
        inviteCode: InviteCode.optional(),
      }),
      z.object({ me: Me }),
    ),
    'session.login': channel(
      z.strictObject({
        serverUrl: ServerUrl,
        username: z.string().min(1).max(Limits.usernameMax),
        password: z.string().min(1).max(Limits.passwordMax),
      }),
      /**
       * With `passwordChangeRequired` (an administrator reset the password) the app is not signed in
       * yet: `session.setNewPassword` finishes the sign-in, `session.logout` gives up.
       */
      z.object({ me: Me, passwordChangeRequired: z.boolean() }),
    ),
    'session.logout': channel(Empty, Ok),
    /** Other sessions of the account are signed out; this one stays. */
    'session.changePassword': channel(ChangePasswordBody, Ok),
    /** The account's sessions (devices), `current` marking this one. */
    'session.sessions': channel(Empty, SessionList),
    'session.revoke': channel(z.strictObject({ sessionId: SessionId }), Ok),
    /** After a login that needs a new password: sets it (the temporary one as current) and signs in. */
    'session.setNewPassword': channel(z.strictObject({ newPassword: Password }), z.object({ me: Me })),

    'conversations.list': channel(Empty, z.object({ conversations: z.array(ConversationSummary) })),
    'conversations.timeline': channel(
      z.strictObject({ conversationId: ConversationId, limit: PageLimit }),
      TimelinePage,
    ),
    'conversations.olderPage': channel(
      z.strictObject({ conversationId: ConversationId, beforeSeq: Seq.min(1), limit: PageLimit }),
      TimelinePage,
    ),
    /** Items centred on `seq` (about half before, half after), for jumping to a message in context. */
    'conversations.around': channel(
      z.strictObject({ conversationId: ConversationId, seq: Seq.min(1), limit: PageLimit }),
      TimelinePage,
    ),
    'conversations.newerPage': channel(
      z.strictObject({ conversationId: ConversationId, afterSeq: Seq, limit: PageLimit }),
      TimelinePage,
    ),
    /** The other members' read and delivered positions; `receipts.changed` tells when they move. */
    'conversations.receipts': channel(ConversationRef, z.object({ receipts: z.array(Receipt) })),
    'conversations.markRead': channel(ConversationRef, Ok),
    'conversations.setDraft': channel(
      z.strictObject({ conversationId: ConversationId, text: z.string().max(Limits.textMax * 2) }),
      Ok,
    ),
    /** Which conversation is on screen (null: none), so it raises no notifications. */
    'conversations.setFocused': channel(z.strictObject({ conversationId: ConversationId.nullable() }), Ok),
    'conversations.setPrefs': channel(SetPrefsRequest, Ok),
    'conversations.openDirect': channel(OpenDirectRequest, z.object({ conversationId: z.string() })),
    /** Tells the others I am typing; sent at most every 3 s per conversation, skipped while offline. */
    'typing.start': channel(TypingRequest, Ok),
    // Group changes (and groups.create) answer once the cache shows them.
    'groups.create': channel(CreateGroupRequest, z.object({ conversationId: z.string() })),
    'groups.addMembers': channel(AddMembersRequest, Ok),
    'groups.removeMember': channel(MemberRef, Ok),
    'groups.leave': channel(ConversationRef, Ok),
    'groups.rename': channel(RenameGroupRequest, Ok),
    'groups.setRole': channel(SetRoleRequest, Ok),
    'groups.transferOwnership': channel(MemberRef, Ok),
    'groups.dissolve': channel(ConversationRef, Ok),

    'messages.sendText': channel(
      z.strictObject({
        conversationId: ConversationId,
        text: MessageText,
        mentions: z.array(UserId).max(Limits.mentionsMax).optional(),
        mentionsAll: z.boolean().optional(),
        replyTo: MessageId.optional(),
      }),
      z.object({ entry: OutboxEntry }),
    ),
    'messages.retry': channel(z.strictObject({ clientMsgId: ClientMsgId }), Ok),
    'messages.discard': channel(z.strictObject({ clientMsgId: ClientMsgId }), Ok),
    'messages.edit': channel(EditMessageRequest, z.object({ seq: Seq })),
    'messages.recall': channel(MessageRef, z.object({ seq: Seq })),
    'messages.react': channel(
      z.strictObject({ messageId: MessageId, emoji: Emoji, on: z.boolean() }),
      z.object({ seq: Seq }),
    ),
    /** Hides a message on this device only. */
    'messages.deleteForMe': channel(
      z.strictObject({ conversationId: ConversationId, messageId: MessageId }),
      Ok,
    ),
    /** One message from the cache (null: not cached, hidden, or not in that conversation). */
    'messages.get': channel(
      z.strictObject({ conversationId: ConversationId, messageId: MessageId }),
      z.object({ message: Message.nullable() }),
    ),
    /** Searches the messages in the cache, so it works offline. */
    'search.messages': channel(
      z.strictObject({
        query: z.string().trim().min(1).max(200),
        conversationId: ConversationId.optional(),
        limit: z.int().min(1).max(50).optional(),
        offset: z.int().min(0).optional(),
      }),
      z.object({ results: z.array(SearchResult), hasMore: z.boolean() }),
    ),

    /** Profiles from the cache, fetching the ones it lacks when online. */
    'people.get': channel(UserIdsRequest, z.object({ users: z.array(PublicUser) })),
    'people.search': channel(SearchUsersRequest, z.object({ users: z.array(PublicUser) })),
    'profile.update': channel(UpdateProfileRequest, z.object({ me: Me })),
    'presence.get': channel(UserIdsRequest, z.object({ presence: z.array(Presence) })),
    'friends.list': channel(
      Empty,
      z.object({
        friends: z.array(Friend),
        incoming: z.array(FriendRequest),
        outgoing: z.array(FriendRequest),
      }),
    ),
    'friends.request': channel(SendFriendRequest, z.object({ request: FriendRequest })),
    'friends.accept': channel(FriendRequestRef, z.object({ friend: Friend })),
    'friends.decline': channel(FriendRequestRef, Ok),
    /** Withdraws a request I sent. */
    'friends.cancel': channel(FriendRequestRef, Ok),
    'friends.remove': channel(UserRef, Ok),
    'blocks.list': channel(Empty, z.object({ users: z.array(PublicUser) })),
    'blocks.add': channel(UserRef, Ok),
    'blocks.remove': channel(UserRef, Ok),

    /** Queues one message per file; each appears at once and uploads in the background. */
    'files.send': channel(SendFilesRequest, z.object({ entries: z.array(OutboxEntry) })),
    /** Fetches a message's file into the local cache (progress as a transfer). */
    'files.download': channel(FileMessageRef, Ok),
    /** Asks where to save (the system dialog), then copies from the cache or downloads there. */
    'files.saveAs': channel(FileMessageRef, z.object({ path: z.string().nullable() })),
    /** Opens the cached file with the system's app (downloading it first if needed). */
    'files.open': channel(FileMessageRef, Ok),
    'files.showInFolder': channel(FileMessageRef, Ok),
    /** Which of these messages' files are whole in the local cache (after a restart too): their cards say so. */
    'files.downloaded': channel(
      z.strictObject({ files: z.array(FileMessageRef).min(1).max(Limits.idsPerRequestMax) }),
      z.object({ downloaded: z.array(FileId) }),
    ),
    /** Bytes the local file cache holds, and the limit it is kept under (null: none; settings.fileCacheLimitGiB). */
    'files.cacheUsage': channel(
      Empty,
      z.object({ bytes: z.int().min(0), limitBytes: z.int().min(0).nullable() }),
    ),
    /** Deletes the cached originals, thumbnails and avatars (not the bytes of messages still being sent). */
    'files.clearCache': channel(Empty, z.object({ freedBytes: z.int().min(0) })),
    'transfers.list': channel(Empty, z.object({ transfers: z.array(Transfer) })),
    'transfers.pause': channel(TransferRef, Ok),
    'transfers.resume': channel(TransferRef, Ok),
    /** An upload's message is discarded with it; a download's partial bytes are dropped. */
    'transfers.cancel': channel(TransferRef, Ok),
    /** A new photo, or null to remove it (initials show again). */
    'profile.setAvatar': channel(z.strictObject({ source: FileSource.nullable() }), z.object({ me: Me })),
    'groups.setAvatar': channel(
      z.strictObject({ conversationId: ConversationId, source: FileSource.nullable() }),
      Ok,
    ),

    /** Browses the LAN for Parley servers until `discovery.stop` (the sign-in screen calls both). */
    'discovery.start': channel(Empty, Ok),
    'discovery.stop': channel(Empty, Ok),
    'discovery.list': channel(Empty, DiscoveredServers),

    'settings.get': channel(Empty, Settings),
    'settings.set': channel(SettingsPatch, Settings),

    'app.info': channel(
      Empty,
      z.object({
        version: z.string(),
        platform: z.string(),
        /** The language Parley shows, with "system" resolved. */
        language: z.enum(['zh-CN', 'en']),
      }),
    ),
    'app.badge': channel(Empty, z.object({ count: z.int().min(0) })),
    'app.openExternal': channel(z.strictObject({ url: ExternalUrl }), Ok),
    ...adminChannels,
    ...hostChannels,
  },
  events: {
    connection: z.object({ state: ConnectionState }),
    'conversations.changed': z.object({ conversationIds: z.array(z.string()) }),
    'people.changed': z.object({}),
    /** Someone's read or delivered position moved: ask `conversations.receipts` again. */
    'receipts.changed': z.object({ conversationId: z.string() }),
    /** Someone else started typing (never sent for my own typing). */
    typing: z.object({ conversationId: z.string(), userId: z.string() }),
    presence: Presence,
    badge: z.object({ count: z.int().min(0) }),
    /** Transfers whose state or progress changed (progress at most a few times a second). */
    'transfers.changed': z.object({ transfers: z.array(Transfer) }),
    /** A notification was clicked: show this conversation. */
    'notification.open': z.object({ conversationId: z.string() }),
    'signed-out': z.object({ reason: z.string() }),
    'settings.changed': Settings,
    /** The servers found on the LAN changed (only while discovery runs). */
    'discovery.changed': DiscoveredServers,
    ...adminEvents,
    ...hostEvents,
  },
} as const satisfies {
  channels: Record<IpcChannel, { request: z.ZodType; response: z.ZodType }>;
  events: Record<IpcEventName, z.ZodType>;
};

export type IpcContract = typeof ipcContract;
