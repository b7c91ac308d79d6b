import { checkServer } from '../server-check.js';
import type { HandlersOf, IpcHandlerDeps } from './deps.js';

export function sessionHandlers({ core, shell }: IpcHandlerDeps): HandlersOf<'session'> {
  return {
    'session.state': async () => {
      // A window that opens during startup hears how resuming the saved session went.
      await core.started();
      const me = core.sync.connection === 'signed-out' ? null : core.sync.me;
      const profile = me === null ? undefined : core.store.users.get(me);
      return {
        connection: core.sync.connection,
        me: profile ? { ...profile, isAdmin: core.store.meta.isAdmin } : null,
        serverUrl: core.sync.serverUrl,
        rememberLogin: shell.rememberLogin(),
        signedOutReason: me === null ? core.signedOutReason : null,
      };
    },
    'session.checkServer': ({ serverUrl }) => checkServer(core, serverUrl),
    'session.register': async ({ serverUrl, ...body }) => ({ me: await core.sync.register(serverUrl, body) }),
    'session.login': async ({ serverUrl, ...body }) => {
      const me = await core.sync.login(serverUrl, body);
      return { me, passwordChangeRequired: core.sync.passwordChangePending };
    },
    'session.setNewPassword': async ({ newPassword }) => ({
      me: await core.sync.setNewPassword(newPassword),
    }),
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
