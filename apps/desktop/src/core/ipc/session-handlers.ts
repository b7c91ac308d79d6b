import { ApiClient } from '../sync/api-client.js';
import type { HandlersOf, IpcHandlerDeps } from './deps.js';

export function sessionHandlers({ core, shell }: IpcHandlerDeps): HandlersOf<'session'> {
  return {
    'session.state': () => {
      const me = core.sync.me;
      return {
        connection: core.sync.connection,
        me: (me === null ? undefined : core.store.users.get(me)) ?? null,
        serverUrl: core.sync.serverUrl,
        rememberLogin: shell.rememberLogin(),
      };
    },
    'session.checkServer': async ({ serverUrl }) => {
      const health = await new ApiClient(serverUrl).health();
      return {
        serverUrl,
        name: health.name,
        version: health.version,
        protocolVersion: health.protocolVersion,
      };
    },
    'session.register': async ({ serverUrl, ...body }) => ({ me: await core.sync.register(serverUrl, body) }),
    'session.login': async ({ serverUrl, ...body }) => ({ me: await core.sync.login(serverUrl, body) }),
    'session.logout': async () => {
      await core.sync.logout();
      return {};
    },
    'session.changePassword': async (body) => {
      await core.sync.changePassword(body);
      return {};
    },
    'session.sessions': async () => ({ sessions: await core.sync.sessions() }),
    'session.revoke': async ({ sessionId }) => {
      await core.sync.revokeSession(sessionId);
      return {};
    },
  };
}
