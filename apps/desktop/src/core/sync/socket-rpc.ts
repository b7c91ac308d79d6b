import type {
  ClientToServerEvents,
  ErrorBody,
  RpcMethod,
  RpcRequest,
  RpcResponse,
  RpcResult,
  ServerToClientEvents,
} from '@parley/shared';
import type { Socket } from 'socket.io-client';

export type CoreSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A refused RPC (the server's code), or NETWORK when no answer came. */
export class RpcError extends Error {
  constructor(
    readonly code: ErrorBody['code'] | 'NETWORK',
    message: string,
    readonly body?: ErrorBody,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** Calls one RPC over the socket and returns its data, or throws RpcError. */
export async function call<M extends RpcMethod>(
  socket: CoreSocket,
  method: M,
  payload: RpcRequest<M>,
  timeoutMs = 15_000,
): Promise<RpcResponse<M>> {
  if (!socket.connected) throw new RpcError('NETWORK', 'not connected');
  // The event map is keyed by method; a generic M needs the untyped view of the same call.
  const s = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(ev: string, payload: unknown): Promise<RpcResult<RpcResponse<M>>>;
  };
  let result: RpcResult<RpcResponse<M>>;
  try {
    result = await s.emitWithAck(method, payload);
  } catch (err) {
    throw new RpcError('NETWORK', `no answer to ${method}: ${(err as Error).message}`);
  }
  if (!result.ok) throw new RpcError(result.error.code, result.error.message, result.error);
  return result.data;
}
