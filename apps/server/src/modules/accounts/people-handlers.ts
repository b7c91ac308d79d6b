import type { Hub } from '../../hub.js';
import type { RpcHandlers } from '../../rpc-handlers.js';
import type { AccountsService } from './accounts-service.js';
import { toPublicUser } from './users-store.js';

/** Me, my profile, and looking people up. */
export function peopleHandlers(
  accounts: AccountsService,
  hub: Hub,
  contactsOf: (userId: string) => string[],
): Pick<RpcHandlers, 'me.get' | 'profile.update' | 'users.search' | 'users.get'> {
  return {
    'me.get': (caller) => ({ user: accounts.me(caller.userId) }),
    'profile.update': async (caller, req) => {
      const user = await accounts.updateProfile(caller, req);
      const { isAdmin: _, ...visible } = user;
      hub.userUpdated(contactsOf(caller.userId), visible);
      return { user };
    },
    'users.search': (caller, req) => ({
      users: accounts.users.search(req.query, caller.userId, req.limit ?? 20).map(toPublicUser),
    }),
    'users.get': (_caller, req) => ({ users: accounts.publicUsers(req.userIds) }),
  };
}
