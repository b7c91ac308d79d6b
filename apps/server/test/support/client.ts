import {
  type AuthResult,
  type ClientToServerEvents,
  type ConversationEvent,
  type ErrorBody,
  type RpcMethod,
  type RpcRequest,
  type RpcResponse,
  type RpcResult,
  type ServerToClientEvents,
  type UserEvent,
} from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let counter = 0;
export function uniqueName(prefix = 'user'): string {
  counter += 1;
  return `${prefix}${counter}_${randomUUID().slice(0, 6)}`;
}

export async function http<T = unknown>(
  url: string,
  path: string,
  init: { method?: string; body?: unknown; token?: string; rawBody?: string } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined || init.rawBody !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url + path, {
    method: init.method ?? (init.body !== undefined || init.rawBody !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.rawBody ?? (init.body !== undefined ? JSON.stringify(init.body) : null),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export class RpcError extends Error {
  constructor(readonly body: ErrorBody) {
    super(`${body.code}: ${body.message}`);
  }
}

/** A signed-in device: one socket, with everything pushed to it recorded. */
export class TestClient {
  readonly convEvents: ConversationEvent[] = [];
  readonly userEvents: UserEvent[] = [];
  socket: ClientSocket;

  constructor(
    readonly url: string,
    /** What signing in gave (whether a password change is due does not matter to a device). */
    public auth: Omit<AuthResult, 'passwordChangeRequired'>,
  ) {
    this.socket = this.open();
  }

  get userId(): string {
    return this.auth.user.id;
  }

  private open(): ClientSocket {
    const socket: ClientSocket = io(this.url, {
      auth: { token: this.auth.accessToken },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    socket.on('conv.event', (e) => this.convEvents.push(e));
    socket.on('user.event', (e) => this.userEvents.push(e));
    return socket;
  }

  async connected(): Promise<this> {
    if (this.socket.connected) return this;
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => {
        resolve();
      });
      this.socket.once('connect_error', reject);
    });
    return this;
  }

  /** Opens a fresh socket (after a server restart, say). */
  async reconnect(): Promise<this> {
    this.socket.disconnect();
    this.socket = this.open();
    return this.connected();
  }

  /** Calls an RPC and returns its ack, ok or not. */
  async call<M extends RpcMethod>(
    method: M,
    payload: RpcRequest<M>,
    timeoutMs = 10_000,
  ): Promise<RpcResult<RpcResponse<M>>> {
    // The event map is keyed by method; a generic M needs the untyped view of the same call.
    const socket = this.socket.timeout(timeoutMs) as unknown as {
      emitWithAck(ev: string, payload: unknown): Promise<RpcResult<RpcResponse<M>>>;
    };
    return socket.emitWithAck(method, payload);
  }

  /** Calls an RPC and returns its data, throwing RpcError on a refusal. */
  async rpc<M extends RpcMethod>(method: M, payload: RpcRequest<M>): Promise<RpcResponse<M>> {
    const result = await this.call(method, payload);
    if (!result.ok) throw new RpcError(result.error);
    return result.data;
  }

  /** Sends a text message with a fresh clientMsgId. */
  send(conversationId: string, text: string, extra: Record<string, unknown> = {}) {
    return this.rpc('messages.send', {
      conversationId,
      clientMsgId: randomUUID(),
      content: { kind: 'text', text, ...extra },
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}

export async function register(url: string, name = uniqueName(), deviceName?: string): Promise<AuthResult> {
  const res = await http<AuthResult>(url, '/api/auth/register', {
    body: { username: name, displayName: `Name ${name}`, password: 'correct horse battery', deviceName },
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function login(url: string, username: string, deviceName?: string): Promise<AuthResult> {
  const res = await http<AuthResult>(url, '/api/auth/login', {
    body: { username, password: 'correct horse battery', deviceName },
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Registers a user and connects one device. */
export async function newUser(url: string, name?: string): Promise<TestClient> {
  return new TestClient(url, await register(url, name)).connected();
}

/** Another device of the same account. */
export async function secondDevice(client: TestClient): Promise<TestClient> {
  return new TestClient(
    client.url,
    await login(client.url, client.auth.user.username, 'second device'),
  ).connected();
}

export async function befriend(a: TestClient, b: TestClient): Promise<void> {
  const { request } = await a.rpc('friends.request', { userId: b.userId });
  await b.rpc('friends.accept', { requestId: request.id });
}

/** Waits until `predicate` holds, polling. */
export async function until(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
