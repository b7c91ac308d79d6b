import { z } from 'zod';
import { ErrorCodes } from '../errors.js';
import { Seq, Timestamp } from '../ids.js';
import { ConversationKind, Member } from '../schemas/conversations.js';
import { ConversationEvent } from '../schemas/events.js';
import { Message, TextContent } from '../schemas/messages.js';
import { PendingFileContent } from './files.js';

/*
 * What the desktop's local cache hands to the renderer. The desktop core builds these values from
 * SQLite (apps/desktop/src/core/types.ts); a type test keeps the two identical. Ids are plain
 * strings here because the cache reads them back from SQLite unbranded.
 */

/**
 * `untrusted`: the server presents another TLS key than the one pinned for it; nothing is sent to it
 * until the user checks and trusts the new key (`tls.trust`) or the pinned one is back.
 */
export const ConnectionState = z.enum(['signed-out', 'connecting', 'online', 'offline', 'untrusted']);
export type ConnectionState = z.infer<typeof ConnectionState>;

/** A message I sent that the server has not acknowledged yet, or refused. */
export const OutboxEntry = z.object({
  clientMsgId: z.string(),
  conversationId: z.string(),
  /** Text as it will be sent, or a file message whose upload may still be running. */
  content: z.union([TextContent, PendingFileContent]),
  createdAt: Timestamp,
  state: z.enum(['pending', 'failed']),
  /** IO: a file to send could not be read (moved, changed or deleted before its upload finished). */
  error: z.object({ code: z.enum([...ErrorCodes, 'NETWORK', 'IO']), message: z.string() }).nullable(),
  attempts: z.int().min(0),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

const messageEventTypes = [
  'message.created',
  'message.edited',
  'message.recalled',
  'reaction.added',
  'reaction.removed',
] as const;

/** A system event (member joined, renamed…) as the timeline shows it: never a message event. */
export type SystemEvent = Exclude<ConversationEvent, { type: (typeof messageEventTypes)[number] }>;

export function isSystemEvent(e: ConversationEvent): e is SystemEvent {
  return !(messageEventTypes as readonly string[]).includes(e.type);
}

export const SystemEvent = ConversationEvent.pipe(
  z.custom<SystemEvent>(
    (e) => isSystemEvent(e as ConversationEvent),
    'a message event is not a system event',
  ),
);

export const TimelineItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), seq: Seq, message: Message }),
  z.object({ kind: z.literal('system'), seq: Seq, event: SystemEvent }),
  z.object({ kind: z.literal('outgoing'), entry: OutboxEntry }),
]);
export type TimelineItem = z.infer<typeof TimelineItem>;

export const TimelinePage = z.object({
  items: z.array(TimelineItem),
  /** Whether older items exist (in the cache or on the server). */
  hasOlder: z.boolean(),
  /**
   * Whether newer items exist than the page's last one. False for the newest page, which ends with
   * the messages still in the outbox.
   */
  hasNewer: z.boolean(),
});
export type TimelinePage = z.infer<typeof TimelinePage>;

/** A conversation as the list shows it, from the cache alone. */
export const ConversationSummary = z.object({
  id: z.string(),
  kind: ConversationKind,
  /** The group's name, or the other person's display name. */
  title: z.string(),
  /** The group's avatar, or the other person's (shown at /avatars/<id>/64|256); null when none is set. */
  avatarFileId: z.string().nullable(),
  members: z.array(Member),
  dissolvedAt: Timestamp.nullable(),
  leftReason: z.enum(['left', 'removed']).nullable(),
  lastMessage: Message.nullable(),
  lastActivityAt: Timestamp,
  readSeq: Seq,
  unreadCount: z.int().min(0),
  mentioned: z.boolean(),
  muted: z.boolean(),
  pinned: z.boolean(),
  draft: z.string().nullable(),
  /** My unsent messages here (pending and refused), how many the server refused, and the newest. */
  pendingCount: z.int().min(0),
  failedCount: z.int().min(0),
  newestOutgoing: OutboxEntry.nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

/** Another member's positions in a conversation's stream: read up to, and stored on a device up to. */
export const Receipt = z.object({
  userId: z.string(),
  readSeq: Seq,
  deliveredSeq: Seq,
});
export type Receipt = z.infer<typeof Receipt>;

/** A part of a text, as UTF-16 offsets, end exclusive. */
export const TextRange = z.object({ start: z.int().min(0), end: z.int().min(0) });
export type TextRange = z.infer<typeof TextRange>;

/** A cached message that matched a search, with the names a result list shows. */
export const SearchResult = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  seq: Seq,
  senderId: z.string(),
  createdAt: Timestamp,
  text: z.string(),
  /** The matched parts of `text`, in order, not overlapping. */
  highlights: z.array(TextRange),
  /** bm25: lower is better. Results come best first. */
  rank: z.number(),
  /** The sender's display name, or '' when the cache holds no profile. */
  senderName: z.string(),
  /** As the conversation list titles it: the group's name, or the other person's display name. */
  conversationTitle: z.string(),
});
export type SearchResult = z.infer<typeof SearchResult>;
