import {
  isRpcMethod,
  parseWith,
  rpc,
  SOCKET_PING_INTERVAL_MS,
  SOCKET_PING_TIMEOUT_MS,
  type ClientToServerEvents,
  type ErrorBody,
  type RpcMethod,
  type ServerToClientEvents,
} from '@parley/shared';
import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Caller } from '../context.js';
import { AppError, toErrorBody } from '../errors.js';
import type { Hub } from '../hub.js';
import type { Inflight } from '../inflight.js';
import type { Logger } from '../logger.js';
import type { RpcObserver, RpcOutcome } from '../ops/rpc-observer.js';
import { type RequestContext, withRequest } from '../request-context.js';
import type { RpcHandler, RpcHandlers } from '../rpc-handlers.js';

/** One socket message may carry at most this much; bigger frames close the socket. */
const MAX_FRAME_BYTES = 256 * 1024;

interface SocketData {
  caller: Caller;
}

export type ParleyIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const userRoom = (id: string) => `user:${id}`;
const sessionRoom = (id: string) => `session:${id}`;

export function createIo(http: HttpServer, corsOrigins: readonly string[]): ParleyIo {
  return new Server(http, {
    path: '/socket.io',
    pingInterval: SOCKET_PING_INTERVAL_MS,
    pingTimeout: SOCKET_PING_TIMEOUT_MS,
    maxHttpBufferSize: MAX_FRAME_BYTES,
    serveClient: false,
    cors: { origin: corsOrigins.length > 0 ? [...corsOrigins] : false },
  });
}

/** Authenticates every handshake and routes every incoming packet to its RPC handler. */
export function attachRpc(
  io: ParleyIo,
  deps: {
    authenticate: (token: string | undefined) => Promise<Caller>;
    handlers: RpcHandlers;
    log: Logger;
    /** Told of every RPC answered (metrics, the debug log). */
    observe: RpcObserver;
    inflight: Inflight;
    isShuttingDown: () => boolean;
    onConnect: (caller: Caller, socketId: string) => void;
    onDisconnect: (caller: Caller, socketId: string) => void;
  },
): void {
  io.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token =
      typeof auth === 'object' && auth !== null && typeof (auth as { token?: unknown }).token === 'string'
        ? (auth as { token: string }).token
        : undefined;
    deps.authenticate(token).then(
      (caller) => {
        socket.data.caller = caller;
        next();
      },
      (err: unknown) => {
        const body = toErrorBody(err);
        deps.log.debug('socket refused', { code: body.code, ip: socket.handshake.address });
        const error = new Error(body.message) as Error & { data: { code: string; revokeReason?: string } };
        error.data =
          body.revokeReason === undefined
            ? { code: body.code }
            : { code: body.code, revokeReason: body.revokeReason };
        next(error);
      },
    );
  });

  io.on('connection', (socket: ParleySocket) => {
    const { caller } = socket.data;
    void socket.join([userRoom(caller.userId), sessionRoom(caller.sessionId)]);
    deps.onConnect(caller, socket.id);
    deps.log.debug('socket connected', { userId: caller.userId, socketId: socket.id });
    socket.on('disconnect', (reason) => {
      deps.log.debug('socket disconnected', { userId: caller.userId, socketId: socket.id, reason });
      deps.onDisconnect(caller, socket.id);
    });

    // Every incoming packet goes through here: the event name and payload are checked before any handler runs.
    socket.onAny((...args: unknown[]) => {
      dispatch(socket, caller, args, deps);
    });
  });
}

function dispatch(
  socket: ParleySocket,
  caller: Caller,
  args: unknown[],
  deps: {
    handlers: RpcHandlers;
    log: Logger;
    observe: RpcObserver;
    inflight: Inflight;
    isShuttingDown: () => boolean;
  },
): void {
  const { handlers, log, inflight, isShuttingDown } = deps;
  const [name, payload] = args;
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as (result: unknown) => void) : undefined;
  const fail = (error: ErrorBody) => {
    ack?.({ ok: false, error });
  };

  if (!isRpcMethod(name)) {
    fail({
      code: 'UNKNOWN_EVENT',
      message: `unknown event ${typeof name === 'string' ? JSON.stringify(name.slice(0, 64)) : `of type ${typeof name}`}`,
    });
    return;
  }
  const context: RequestContext = { requestId: randomUUID(), startedAt: performance.now() };
  const answer = (outcome: RpcOutcome) => {
    ack?.(outcome);
    deps.observe(name, context, caller.userId, outcome);
  };
  if (isShuttingDown()) {
    answer({
      ok: false,
      error: { code: 'SERVER_SHUTTING_DOWN', message: 'the server is restarting; try again shortly' },
    });
    return;
  }
  const parsed = parseWith(rpc[name].request, args.length >= 3 || !ack ? payload : undefined);
  if (!parsed.ok) {
    answer({ ok: false, error: parsed.error });
    return;
  }
  const handler = handlers[name] as RpcHandler<RpcMethod>;
  void inflight
    .track(
      Promise.resolve().then(() =>
        withRequest(context, () => handler({ ...caller, socketId: socket.id }, parsed.value as never)),
      ),
    )
    .then(
      (data) => {
        answer({ ok: true, data });
      },
      (err: unknown) => {
        if (!(err instanceof AppError))
          log.error('handler failed', { reqId: context.requestId, method: name, err: String(err) });
        answer({ ok: false, error: toErrorBody(err) });
      },
    );
}

/** The Hub over Socket.IO rooms. */
export function socketHub(io: ParleyIo): Hub {
  return {
    conversationEvent(memberIds, event) {
      if (memberIds.length > 0) io.to(memberIds.map(userRoom)).emit('conv.event', event);
    },
    userEvent(userId, event) {
      io.to(userRoom(userId)).emit('user.event', event);
    },
    typing(userIds, notice) {
      if (userIds.length > 0) io.to(userIds.map(userRoom)).emit('typing', notice);
    },
    presence(userIds, presence) {
      if (userIds.length > 0) io.to(userIds.map(userRoom)).emit('presence', presence);
    },
    userUpdated(userIds, user) {
      if (userIds.length > 0) io.to(userIds.map(userRoom)).emit('user.updated', user);
    },
    receipt(userIds, notice) {
      if (userIds.length > 0) io.to(userIds.map(userRoom)).emit('receipt', notice);
    },
    revokeSession(sessionId, notice) {
      io.to(sessionRoom(sessionId)).emit('session.revoked', notice);
      io.in(sessionRoom(sessionId)).disconnectSockets(true);
    },
    serverUpdated(info) {
      io.emit('server.updated', info);
    },
  };
}
