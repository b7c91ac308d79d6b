import type {
  ConversationEvent,
  Presence,
  PublicUser,
  ReceiptNotice,
  ServerInfo,
  SessionRevokedNotice,
  TypingNotice,
  UserEvent,
} from '@parley/shared';

/**
 * How modules reach connected devices. Implemented over Socket.IO rooms
 * ("user:<id>", "session:<id>"); pushes are hints, the streams are the truth.
 */
export interface Hub {
  conversationEvent(memberIds: readonly string[], event: ConversationEvent): void;
  userEvent(userId: string, event: UserEvent): void;
  typing(userIds: readonly string[], notice: TypingNotice): void;
  presence(userIds: readonly string[], presence: Presence): void;
  userUpdated(userIds: readonly string[], user: PublicUser): void;
  receipt(userIds: readonly string[], notice: ReceiptNotice): void;
  /** Tells the session's sockets why, then disconnects them. */
  revokeSession(sessionId: string, notice: SessionRevokedNotice): void;
  /** Tells every connected device the server's name, announcement or registration policy changed. */
  serverUpdated(info: ServerInfo): void;
}
