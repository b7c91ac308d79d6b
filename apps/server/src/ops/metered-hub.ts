import type { Hub } from '../hub.js';
import { currentRequest } from '../request-context.js';
import type { Metrics } from './metrics.js';

/**
 * The hub, counting each new message as it is pushed. A push runs right after its commit, inside the
 * request that made it, so the time since that request arrived is the message's delivery latency.
 */
export function meteredHub(hub: Hub, metrics: Metrics): Hub {
  return {
    ...hub,
    conversationEvent(memberIds, event) {
      hub.conversationEvent(memberIds, event);
      if (event.type === 'message.created') {
        const request = currentRequest();
        metrics.messageSent(request ? performance.now() - request.startedAt : undefined);
      }
    },
  };
}
