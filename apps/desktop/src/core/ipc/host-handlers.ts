import type { HostStatus } from '@parley/shared';
import type { HandlersOf, IpcHandlerDeps } from './deps.js';

/** What a window without a host controller answers (the end-to-end harness, unless a test gives one). */
const unavailable: HostStatus = {
  state: 'stopped',
  name: null,
  port: null,
  urls: [],
  localUrl: null,
  connected: 0,
  fingerprint: null,
  error: { reason: 'unavailable', message: 'This window cannot host a server.' },
};

/** Hosting a server on this computer: start, stop and the status, from the host controller. */
export function hostHandlers({ host }: IpcHandlerDeps): HandlersOf<'host'> {
  return {
    'host.start': ({ name }) => host?.start(name) ?? unavailable,
    'host.stop': () => host?.stop() ?? unavailable,
    'host.status': () => host?.status() ?? unavailable,
  };
}
