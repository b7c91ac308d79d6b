import type { HandlersOf, IpcHandlerDeps } from './deps.js';

export function tlsHandlers({ core }: IpcHandlerDeps): HandlersOf<'tls'> {
  return {
    'tls.trust': ({ serverUrl, fingerprint }) => {
      core.trustServerKey(serverUrl, fingerprint);
      return {};
    },
  };
}
