import type { Friend } from '@parley/shared';
import type { HandlersOf, IpcHandlerDeps } from './deps.js';

export function peopleHandlers({ core }: IpcHandlerDeps): HandlersOf<'people'> & HandlersOf<'friends'> {
  const { store } = core;
  return {
    'people.get': async ({ userIds }) => {
      const missing = store.users.missing(userIds);
      if (missing.length > 0 && core.sync.connection === 'online') {
        // Best effort: offline, the renderer shows what the cache has.
        const fetched = await core.sync.rpc('users.get', { userIds: missing }).catch(() => ({ users: [] }));
        store.tx(() => {
          for (const u of fetched.users) store.users.upsert(u);
        });
      }
      return { users: store.users.many(userIds) };
    },
    'people.search': (request) => core.sync.rpc('users.search', request),
    'friends.list': () => ({
      friends: store.social.friends().flatMap(({ userId, since }): Friend[] => {
        const user = store.users.get(userId);
        return user ? [{ user, since }] : [];
      }),
      incoming: store.social.requests('incoming'),
      outgoing: store.social.requests('outgoing'),
    }),
    'friends.request': (request) => core.sync.rpc('friends.request', request),
    'friends.accept': (request) => core.sync.rpc('friends.accept', request),
    'friends.decline': async (request) => {
      await core.sync.rpc('friends.decline', request);
      return {};
    },
  };
}
