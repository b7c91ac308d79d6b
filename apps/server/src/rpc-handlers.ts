import type { RpcMethod, RpcParsedRequest, RpcResponse } from '@parley/shared';
import type { Caller } from './context.js';

/** The caller of a socket request: the account, the session and the device's socket. */
export interface SocketCaller extends Caller {
  socketId: string;
}

export type RpcHandler<M extends RpcMethod> = (
  caller: SocketCaller,
  request: RpcParsedRequest<M>,
) => Promise<RpcResponse<M>> | RpcResponse<M>;

/** One handler per contract method; the transport requires all of them. */
export type RpcHandlers = { [M in RpcMethod]: RpcHandler<M> };
