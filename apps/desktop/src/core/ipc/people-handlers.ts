import type { HandlersOf, IpcHandlerDeps } from './deps.js';

export function peopleHandlers({
  core,
}: IpcHandlerDeps): HandlersOf<'people'> & HandlersOf<'profile'> & HandlersOf<'presence'> {
  return {
    'people.get': async ({ userIds }) => ({ users: await core.profiles(userIds) }),
    'people.search': (request) => core.sync.rpc('users.search', request),
    'profile.update': async (request) => {
      const { user } = await core.sync.rpc('profile.update', request);
      core.store.users.upsert(user);
      // Applying my stream's profile.updated event is what raises people.changed.
      await core.sync.userApplied();
      return { me: user };
    },
    'profile.setAvatar': async ({ source }) => ({ me: await core.files.setMyAvatar(source) }),
    'presence.get': (request) => core.sync.rpc('presence.get', request),
  };
}
