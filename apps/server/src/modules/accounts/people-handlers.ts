import type { RpcHandlers } from '../../rpc-handlers.js';
import type { AccountsService } from './accounts-service.js';
import { toPublicUser } from './users-store.js';

/** Me, my profile, and looking people up. */
export function peopleHandlers(
  accounts: AccountsService,
): Pick<RpcHandlers, 'me.get' | 'profile.update' | 'users.search' | 'users.get'> {
  return {
    'me.get': (caller) => ({ user: accounts.me(caller.userId) }),
    'profile.update': async (caller, req) => ({ user: await accounts.updateProfile(caller, req) }),
    'users.search': (caller, req) => ({
      users: accounts.users.search(req.query, caller.userId, req.limit ?? 20).map(toPublicUser),
    }),
    'users.get': (_caller, req) => ({ users: accounts.publicUsers(req.userIds) }),
  };
}
