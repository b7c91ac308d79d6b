import type { HandlersOf, IpcHandlerDeps } from './deps.js';

/** LAN discovery, started and stopped by the screen that lists what it finds. */
export function lanHandlers({ core }: IpcHandlerDeps): HandlersOf<'discovery'> {
  return {
    'discovery.start': () => {
      core.discovery.start();
      return {};
    },
    'discovery.stop': () => {
      core.discovery.stop();
      return {};
    },
    'discovery.list': () => ({ servers: core.discovery.list() }),
  };
}
