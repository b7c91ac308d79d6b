import type {
  ConversationEvent,
  ConversationKind,
  ErrorCode,
  Member,
  Message,
  PendingFileContent,
  TextContent,
} from '@parley/shared';

/** What an outbox entry holds: text as it will be sent, or a file message whose upload may still run. */
export type OutgoingContent = TextContent | PendingFileContent;

/** A message I sent that the server has not acknowledged yet, or refused. */
export interface OutboxEntry {
  clientMsgId: string;
  conversationId: string;
  content: OutgoingContent;
  createdAt: number;
  state: 'pending' | 'failed';
  /** IO: a file to send could not be read (moved, changed or deleted before its upload finished). */
  error: { code: ErrorCode | 'NETWORK' | 'IO'; message: string } | null;
  attempts: number;
}

/** A system event (member joined, renamed…) as the timeline shows it. */
export type SystemEvent = Exclude<
  ConversationEvent,
  { type: 'message.created' | 'message.edited' | 'message.recalled' | 'reaction.added' | 'reaction.removed' }
>;

export type TimelineItem =
  | { kind: 'message'; seq: number; message: Message }
  | { kind: 'system'; seq: number; event: SystemEvent }
  | { kind: 'outgoing'; entry: OutboxEntry };

/** A conversation as the list shows it, from the cache alone. */
export interface ConversationSummary {
  id: string;
  kind: ConversationKind;
  /** The group's name, or the other person's display name. */
  title: string;
  /** The group's avatar, or the other person's (shown at /avatars/<id>/64|256); null when none is set. */
  avatarFileId: string | null;
  members: Member[];
  dissolvedAt: number | null;
  leftReason: 'left' | 'removed' | null;
  lastMessage: Message | null;
  lastActivityAt: number;
  readSeq: number;
  unreadCount: number;
  mentioned: boolean;
  muted: boolean;
  pinned: boolean;
  draft: string | null;
  pendingCount: number;
  failedCount: number;
  newestOutgoing: OutboxEntry | null;
}

export interface TimelinePage {
  items: TimelineItem[];
  /** Whether older items exist (in the cache or on the server). */
  hasOlder: boolean;
  /**
   * Whether newer items exist than the page's last one. False for the newest page, which ends with
   * the messages still in the outbox.
   */
  hasNewer: boolean;
}

/** Another member's positions in a conversation's stream: read up to, and stored on a device up to. */
export interface Receipt {
  userId: string;
  readSeq: number;
  deliveredSeq: number;
}
