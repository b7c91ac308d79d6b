import type {
  ClientToServerEvents,
  ConversationEvent,
  RpcMethod,
  RpcRequest,
  RpcResponse,
  RpcResult,
  ServerToClientEvents,
} from '@parley/shared';
import { io, type Socket } from 'socket.io-client';

export type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One simulated user: one socket, one conversation it sends to. */
export interface BenchClient {
  index: number;
  userId: string;
  socket: BenchSocket;
  conversationId: string;
  /** Members of the conversation other than this client. */
  recipients: number;
}

/** Where conversation events received by any client go; swapped for each load step. */
export interface EventSink {
  onConversationEvent(client: BenchClient, event: ConversationEvent, receivedAt: number): void;
}

export class Fleet {
  sink: EventSink | null = null;
  /** Sockets that lost their connection (they do not reconnect), with the reasons given. */
  readonly disconnects: string[] = [];
  private closing = false;

  constructor(
    readonly clients: BenchClient[],
    /** Every socket opened, including any not sending in a conversation. */
    private readonly sockets: BenchSocket[] = clients.map((c) => c.socket),
  ) {}

  /** Routes each client's `conv.event` pushes to the current sink. */
  listen(): void {
    for (const client of this.clients) {
      client.socket.on('conv.event', (event) => {
        this.sink?.onConversationEvent(client, event, performance.now());
      });
      client.socket.on('disconnect', (reason) => {
        if (!this.closing) this.disconnects.push(reason);
      });
    }
  }

  close(): void {
    this.closing = true;
    for (const socket of this.sockets) socket.disconnect();
  }
}

/** Opens a websocket-only Socket.IO connection to a loopback URL and waits until it is up. */
export function connect(
  url: string,
  auth: Record<string, unknown>,
  timeoutMs = 15_000,
): Promise<BenchSocket> {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1') return Promise.reject(new Error(`refusing non-loopback host ${host}`));
  const socket: BenchSocket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(new Error(`socket connect to ${url} failed: ${err.message}`));
    });
  });
}

interface UntypedAckEmitter {
  emitWithAck(event: string, payload: unknown): Promise<unknown>;
}

/** Calls an RPC method and returns its data, or throws with the server's error code. */
export async function call<M extends RpcMethod>(
  socket: BenchSocket,
  method: M,
  payload: RpcRequest<M>,
  timeoutMs = 15_000,
): Promise<RpcResponse<M>> {
  // The typed emitWithAck cannot be called with a generic method name; the shapes are the same.
  const emitter = socket.timeout(timeoutMs) as unknown as UntypedAckEmitter;
  const result = (await emitter.emitWithAck(method, payload)) as RpcResult<RpcResponse<M>>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** Runs `fn` over `items` with at most `limit` in flight, in order of the items. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
