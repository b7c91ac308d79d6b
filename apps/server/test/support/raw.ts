import { io } from 'socket.io-client';
import type { ClientSocket } from './client.js';

/** What came of a packet the typed client would not send: the server's ack, or the socket being dropped. */
export type Outcome = { kind: 'ack'; result: unknown } | { kind: 'disconnect'; reason: string };

/** Socket.IO packet type of an acknowledgement. */
const ACK = 3;
/** Far above the ids the client hands out itself, so raw acks never collide with them. */
let nextAckId = 1_000_000;

/** Runs `send`, then waits for the ack it is handed to be called or for the socket to drop. */
function outcome(
  socket: ClientSocket,
  what: string,
  timeoutMs: number,
  send: (ack: (result: unknown) => void) => (() => void) | undefined,
): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      socket.off('disconnect', onDisconnect);
      cleanup?.();
    };
    const finish = (result: Outcome) => {
      stop();
      resolve(result);
    };
    const onDisconnect = (reason: string) => {
      finish({ kind: 'disconnect', reason });
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`neither an ack nor a disconnect for ${what}`));
    }, timeoutMs);
    socket.on('disconnect', onDisconnect);
    const cleanup = send((result) => {
      finish({ kind: 'ack', result });
    });
  });
}

/**
 * Writes one Socket.IO EVENT packet as raw text with a fresh ack id: `body` is what follows the type and
 * id, e.g. `[123,{}]`, or a hand-built JSON string deeper than JSON.stringify would go.
 */
export function rawEvent(socket: ClientSocket, body: string, timeoutMs = 10_000): Promise<Outcome> {
  const id = nextAckId++;
  return outcome(socket, `raw packet ${body.slice(0, 60)}`, timeoutMs, (ack) => {
    const onPacket = (packet: { type: number; id?: number; data?: unknown }) => {
      if (packet.type === ACK && packet.id === id) ack((packet.data as unknown[])[0]);
    };
    socket.io.on('packet', onPacket);
    socket.io.engine.write(`2${id}${body}`);
    return () => {
      socket.io.off('packet', onPacket);
    };
  });
}

/** Writes raw text as one engine.io message, whatever it holds; no ack is possible. */
export function rawPacket(socket: ClientSocket, text: string): void {
  socket.io.engine.write(text);
}

/** Emits any event name with any arguments through the client's own encoder (binary included), plus an ack. */
export function looseEmit(
  socket: ClientSocket,
  event: unknown,
  args: unknown[],
  timeoutMs = 10_000,
): Promise<Outcome> {
  // The typed socket only takes method names with their payloads; this is the untyped view of the same call.
  const emit = socket.emit.bind(socket) as unknown as (ev: unknown, ...rest: unknown[]) => void;
  return outcome(socket, `emit ${String(event)}`, timeoutMs, (ack) => {
    emit(event, ...args, ack);
    return undefined;
  });
}

/** Opens a socket with any handshake `auth` and reports whether the server let it in, and if not, why. */
export function tryConnect(
  url: string,
  auth: unknown,
): Promise<
  | { connected: true; socket: ClientSocket }
  | { connected: false; code: unknown; message: string; data: unknown }
> {
  const socket: ClientSocket = io(url, {
    // The handshake auth is whatever the caller gives, on purpose: a string, a number, a wrong shape.
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      resolve({ connected: true, socket });
    });
    socket.once('connect_error', (err: Error & { data?: { code?: unknown } }) => {
      socket.disconnect();
      resolve({ connected: false, code: err.data?.code, message: err.message, data: err.data });
    });
  });
}

/** Records, in order, a socket's `session.revoked` notices and its disconnect. */
export function revocationLog(socket: ClientSocket): string[] {
  const log: string[] = [];
  socket.on('session.revoked', (notice) => log.push(`session.revoked:${notice.reason}`));
  socket.on('disconnect', (reason) => log.push(`disconnect:${reason}`));
  return log;
}
