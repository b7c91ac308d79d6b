import { collectDefaultMetrics, Registry } from 'prom-client';

let shared: Registry | undefined;

/**
 * Node's own metrics (CPU, memory, event-loop lag, GC, handles) belong to the process, not to one
 * server: collected once per process into a registry of their own, so many servers in one process
 * (the tests) do not each start an event-loop monitor. Never prom-client's global registry.
 */
export function processMetrics(): Registry {
  if (!shared) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
  }
  return shared;
}
