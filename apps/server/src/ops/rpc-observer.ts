import type { ErrorBody, RpcMethod } from '@parley/shared';
import type { Logger } from '../logger.js';
import type { RequestContext } from '../request-context.js';
import type { Metrics } from './metrics.js';

export type RpcOutcome = { ok: true; data: unknown } | { ok: false; error: ErrorBody };

/** Called once per socket RPC when its ack goes out. */
export type RpcObserver = (
  method: RpcMethod,
  context: RequestContext,
  userId: string,
  outcome: RpcOutcome,
) => void;

const catchUpStreams: Partial<Record<RpcMethod, 'conversation' | 'user'>> = {
  'sync.conversation': 'conversation',
  'sync.user': 'user',
};

/** Records each RPC's duration (and catch-up page sizes) and logs one debug line for it. */
export function rpcObserver(metrics: Metrics, log: Logger): RpcObserver {
  return (method, context, userId, outcome) => {
    const ms = performance.now() - context.startedAt;
    metrics.rpc(method, ms, outcome.ok ? undefined : outcome.error.code);
    const stream = catchUpStreams[method];
    if (stream && outcome.ok) metrics.catchUp(stream, (outcome.data as { events: unknown[] }).events.length);
    log.debug('rpc', {
      reqId: context.requestId,
      method,
      userId,
      ok: outcome.ok,
      ...(outcome.ok ? {} : { code: outcome.error.code }),
      ms: Math.round(ms * 10) / 10,
    });
  };
}
