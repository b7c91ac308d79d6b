/**
 * The baseline: a bare Socket.IO relay with Parley's wire shapes but no auth, no validation and
 * no persistence. `messages.send` is acked at once with a made-up id and seq and the same
 * `conv.event` Parley would push is emitted to a room holding the conversation's members.
 * Clients say who they are and which conversations they are in with the handshake's auth:
 * `{ userId, conversationIds }`.
 */
import {
  SOCKET_PING_INTERVAL_MS,
  SOCKET_PING_TIMEOUT_MS,
  type ClientToServerEvents,
  type ConversationEvent,
  type ConversationId,
  type ClientMsgId,
  type MessageId,
  type RpcRequest,
  type RpcResponse,
  type RpcResult,
  type ServerToClientEvents,
  type UserId,
} from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { hostTarget, type RunningTarget } from './target-host.js';

export interface BareHandshake {
  userId: string;
  conversationIds: string[];
}

function readHandshake(auth: unknown): BareHandshake | null {
  if (typeof auth !== 'object' || auth === null) return null;
  const { userId, conversationIds } = auth as Record<string, unknown>;
  if (typeof userId !== 'string' || !Array.isArray(conversationIds)) return null;
  if (!conversationIds.every((id): id is string => typeof id === 'string')) return null;
  return { userId, conversationIds };
}

type SendAck = (result: RpcResult<RpcResponse<'messages.send'>>) => void;

async function startBareRelay(): Promise<RunningTarget> {
  const http = createHttpServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    transports: ['websocket'],
    pingInterval: SOCKET_PING_INTERVAL_MS,
    pingTimeout: SOCKET_PING_TIMEOUT_MS,
  });
  const seqs = new Map<string, number>();

  io.on('connection', (socket) => {
    const who = readHandshake(socket.handshake.auth);
    if (!who) {
      socket.disconnect(true);
      return;
    }
    const actorId = who.userId as UserId;
    void socket.join(who.conversationIds);

    socket.on('messages.send', (payload: RpcRequest<'messages.send'>, ack: SendAck) => {
      const conversationId = payload.conversationId as ConversationId;
      const seq = (seqs.get(conversationId) ?? 0) + 1;
      seqs.set(conversationId, seq);
      const id = randomUUID() as MessageId;
      const createdAt = Date.now();
      const event: ConversationEvent = {
        type: 'message.created',
        conversationId,
        seq,
        actorId,
        createdAt,
        message: {
          id,
          conversationId,
          seq,
          senderId: actorId,
          clientMsgId: payload.clientMsgId as ClientMsgId,
          // The load generator sends text only; the relay echoes it as Parley would.
          content: { kind: 'text', text: payload.content.kind === 'text' ? payload.content.text : '' },
          createdAt,
          editedAt: null,
          recalledAt: null,
          recalledBy: null,
          reactions: [],
        },
      };
      io.to(conversationId).emit('conv.event', event);
      ack({ ok: true, data: { id, seq, createdAt } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        void io.close((err) => {
          if (err) reject(err);
          else resolve();
        });
      }),
  };
}

hostTarget(startBareRelay);
