import type { ErrorBody } from './errors.js';
import type { ConversationId, Seq, Timestamp, UserId } from './ids.js';
import type { RpcMethod, RpcRequest, RpcResponse, RpcResult } from './rpc.js';
import type { ConversationEvent, UserEvent } from './schemas/events.js';
import type { ServerInfo } from './schemas/admin.js';
import type { Presence, PublicUser } from './schemas/users.js';

/** Version of the wire protocol; bumped on incompatible changes. */
export const PROTOCOL_VERSION = 1;

/** Socket.IO ping settings, so a dead link is noticed in under 45 s. */
export const SOCKET_PING_INTERVAL_MS = 20_000;
export const SOCKET_PING_TIMEOUT_MS = 20_000;

export interface TypingNotice {
  conversationId: ConversationId;
  userId: UserId;
}

export interface ReceiptNotice {
  conversationId: ConversationId;
  userId: UserId;
  readSeq: Seq;
  deliveredSeq: Seq;
}

export interface SessionRevokedNotice {
  reason:
    | 'revoked'
    | 'password_changed'
    | 'logged_out'
    | 'refresh_reused'
    /** An administrator disabled the account. */
    | 'account_disabled'
    /** An administrator reset the password. */
    | 'password_reset';
  at: Timestamp;
}

/** What the server pushes. Stream events are the durable ones; the rest are hints. */
export interface ServerToClientEvents {
  'conv.event': (event: ConversationEvent) => void;
  'user.event': (event: UserEvent) => void;
  typing: (notice: TypingNotice) => void;
  presence: (presence: Presence) => void;
  /** A friend or co-member changed their profile. */
  'user.updated': (user: PublicUser) => void;
  receipt: (notice: ReceiptNotice) => void;
  'session.revoked': (notice: SessionRevokedNotice) => void;
  /** An administrator changed the server's name, announcement or registration policy (to every socket). */
  'server.updated': (info: ServerInfo) => void;
}

export type ClientToServerEvents = {
  [M in RpcMethod]: (payload: RpcRequest<M>, ack: (result: RpcResult<RpcResponse<M>>) => void) => void;
};

/** Sent in the handshake's `auth` object. */
export interface HandshakeAuth {
  token: string;
}

/** The `data` of the Error a refused handshake yields on the client (`connect_error`). */
export interface ConnectErrorData {
  code: ErrorBody['code'];
}
