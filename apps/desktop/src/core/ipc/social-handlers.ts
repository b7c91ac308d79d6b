import type { Friend } from '@parley/shared';
import type { HandlersOf, IpcHandlerDeps } from './deps.js';

/**
 * Friends and blocks. Each change answers once my user stream is applied, so the lists read right
 * after show it; applying the stream's events is what raises people.changed.
 */
export function socialHandlers({ core }: IpcHandlerDeps): HandlersOf<'friends'> & HandlersOf<'blocks'> {
  const { store, sync } = core;
  const applied = async <T>(answer: Promise<T>): Promise<T> => {
    const value = await answer;
    await sync.userApplied();
    return value;
  };
  const done = async (answer: Promise<unknown>) => {
    await applied(answer);
    return {};
  };
  return {
    'friends.list': () => ({
      friends: store.social.friends().flatMap(({ userId, since }): Friend[] => {
        const user = store.users.get(userId);
        return user ? [{ user, since }] : [];
      }),
      incoming: store.social.requests('incoming'),
      outgoing: store.social.requests('outgoing'),
    }),
    'friends.request': (request) => applied(sync.rpc('friends.request', request)),
    'friends.accept': (request) => applied(sync.rpc('friends.accept', request)),
    'friends.decline': (request) => done(sync.rpc('friends.decline', request)),
    'friends.cancel': (request) => done(sync.rpc('friends.cancel', request)),
    'friends.remove': (request) => done(sync.rpc('friends.remove', request)),
    'blocks.list': async () => ({ users: await core.profiles(store.social.blocked()) }),
    'blocks.add': (request) => done(sync.rpc('blocks.add', request)),
    'blocks.remove': (request) => done(sync.rpc('blocks.remove', request)),
  };
}
