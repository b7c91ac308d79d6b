import type { Friend, FriendRequest, Presence, PublicUser } from '@parley/shared';
import { Limits } from '@parley/shared/limits';
import { call, parley } from '../api/parley.js';
import type { AppState, SliceCreator } from './types.js';

/** What the People view's main pane shows. */
export type PeopleSelection = { kind: 'none' } | { kind: 'user'; userId: string } | { kind: 'add' };

export interface PeopleSlice {
  /** Profiles the screens have needed, by id. */
  users: Record<string, PublicUser>;
  /** Live presence by user id (friends and the members of groups on screen). */
  presence: Record<string, Presence>;
  friends: Friend[];
  /** Pending requests to me and from me. */
  incoming: FriendRequest[];
  outgoing: FriendRequest[];
  /** People I blocked. */
  blockedIds: string[];
  /** False until the first friends.list answer. */
  friendsLoaded: boolean;
  /** Friend requests waiting for my answer (the People badge). */
  incomingRequestCount: number;
  peopleSelection: PeopleSelection;
  /** Fetches the profiles not loaded yet (from the cache, or the server when online). */
  ensureUsers: (userIds: readonly string[]) => Promise<void>;
  /** Reads every loaded profile again from the cache (someone changed their name or photo). */
  reloadUsers: () => Promise<void>;
  /** Friends and requests from the cache, then their presence. */
  loadFriends: () => Promise<void>;
  loadBlocks: () => Promise<void>;
  /** After `people.changed`: friends, requests and blocks again. */
  refreshPeople: () => Promise<void>;
  /** Presence from the server; offline, the dots simply stay as they were. */
  loadPresence: (userIds: readonly string[]) => Promise<void>;
  presenceChanged: (presence: Presence) => void;
  /** Stores a profile that changed (mine after an edit, or one fetched again). */
  userUpdated: (user: PublicUser) => void;
  searchPeople: (query: string) => Promise<PublicUser[]>;
  sendFriendRequest: (userId: string, message: string) => Promise<void>;
  acceptRequest: (requestId: string) => Promise<void>;
  declineRequest: (requestId: string) => Promise<void>;
  cancelRequest: (requestId: string) => Promise<void>;
  removeFriend: (userId: string) => Promise<void>;
  blockUser: (userId: string) => Promise<void>;
  unblockUser: (userId: string) => Promise<void>;
  selectPerson: (selection: PeopleSelection) => void;
  /** Forgets the signed-out account's people. */
  resetPeople: () => void;
}

const noPresence: Record<string, Presence> = {};

/**
 * Presence as the screens show it: none while my own link is not online, when what the store holds
 * may be stale (the reconnect asks again, see subscribe.ts).
 */
export const shownPresence = (s: AppState): Record<string, Presence> =>
  s.connection === 'online' ? s.presence : noPresence;

const byId = (users: readonly PublicUser[]) => Object.fromEntries(users.map((u) => [u.id, u]));

const pending = (requests: readonly FriendRequest[]) => requests.filter((r) => r.status === 'pending');

const initial = {
  users: {},
  presence: {},
  friends: [],
  incoming: [],
  outgoing: [],
  blockedIds: [],
  friendsLoaded: false,
  incomingRequestCount: 0,
  peopleSelection: { kind: 'none' },
} satisfies Partial<PeopleSlice>;

export const createPeopleSlice: SliceCreator<PeopleSlice> = (set, get) => ({
  ...initial,
  ensureUsers: async (userIds) => {
    const missing = [...new Set(userIds)].filter((id) => !(id in get().users));
    if (missing.length === 0) return;
    const { users } = await call(parley().people.get({ userIds: missing }));
    set((s) => ({ users: { ...s.users, ...byId(users) } }));
  },
  reloadUsers: async () => {
    const ids = Object.keys(get().users);
    for (let i = 0; i < ids.length; i += Limits.idsPerRequestMax) {
      const { users } = await call(
        parley().people.get({ userIds: ids.slice(i, i + Limits.idsPerRequestMax) }),
      );
      set((s) => ({ users: { ...s.users, ...byId(users) } }));
    }
  },
  loadFriends: async () => {
    const list = await call(parley().friends.list());
    const incoming = pending(list.incoming);
    const outgoing = pending(list.outgoing);
    set((s) => ({
      friends: list.friends,
      incoming,
      outgoing,
      incomingRequestCount: incoming.length,
      friendsLoaded: true,
      users: {
        ...s.users,
        ...byId(list.friends.map((f) => f.user)),
        ...byId(incoming.map((r) => r.from)),
        ...byId(outgoing.map((r) => r.to)),
      },
    }));
    await get().loadPresence(list.friends.map((f) => f.user.id));
  },
  loadBlocks: async () => {
    const { users } = await call(parley().blocks.list());
    set((s) => ({ blockedIds: users.map((u) => u.id), users: { ...s.users, ...byId(users) } }));
  },
  refreshPeople: async () => {
    await Promise.all([
      get().loadFriends(),
      get()
        .loadBlocks()
        .catch(() => undefined),
    ]);
  },
  loadPresence: async (userIds) => {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return;
    try {
      const { presence } = await call(parley().presence.get({ userIds: ids }));
      set((s) => ({
        presence: { ...s.presence, ...Object.fromEntries(presence.map((p) => [p.userId, p])) },
      }));
    } catch {
      // Offline or refused: presence is a hint, and the live event corrects it later.
    }
  },
  presenceChanged: (presence) => {
    set((s) => ({ presence: { ...s.presence, [presence.userId]: presence } }));
  },
  userUpdated: (user) => {
    set((s) => ({
      users: { ...s.users, [user.id]: user },
      friends: s.friends.map((f) => (f.user.id === user.id ? { ...f, user } : f)),
    }));
  },
  searchPeople: async (query) => {
    const { users } = await call(parley().people.search({ query }));
    set((s) => ({ users: { ...s.users, ...byId(users) } }));
    return users;
  },
  sendFriendRequest: async (userId, message) => {
    const trimmed = message.trim();
    const { request } = await call(
      parley().friends.request(trimmed === '' ? { userId } : { userId, message: trimmed }),
    );
    // Sending to someone who already asked me makes us friends at once (the server accepts both).
    if (request.status === 'pending') {
      set((s) => ({ outgoing: [...s.outgoing.filter((r) => r.id !== request.id), request] }));
    }
    await get().loadFriends();
  },
  acceptRequest: async (requestId) => {
    const { friend } = await call(parley().friends.accept({ requestId }));
    set((s) => {
      const incoming = s.incoming.filter((r) => r.id !== requestId);
      return {
        incoming,
        incomingRequestCount: incoming.length,
        friends: [...s.friends.filter((f) => f.user.id !== friend.user.id), friend],
        users: { ...s.users, [friend.user.id]: friend.user },
      };
    });
    void get().loadPresence([friend.user.id]);
  },
  declineRequest: async (requestId) => {
    await call(parley().friends.decline({ requestId }));
    set((s) => {
      const incoming = s.incoming.filter((r) => r.id !== requestId);
      return { incoming, incomingRequestCount: incoming.length };
    });
  },
  cancelRequest: async (requestId) => {
    await call(parley().friends.cancel({ requestId }));
    set((s) => ({ outgoing: s.outgoing.filter((r) => r.id !== requestId) }));
  },
  removeFriend: async (userId) => {
    await call(parley().friends.remove({ userId }));
    set((s) => ({ friends: s.friends.filter((f) => f.user.id !== userId) }));
  },
  blockUser: async (userId) => {
    await call(parley().blocks.add({ userId }));
    set((s) => ({
      blockedIds: [...new Set([...s.blockedIds, userId])],
      incoming: s.incoming.filter((r) => r.fromUserId !== userId),
      outgoing: s.outgoing.filter((r) => r.toUserId !== userId),
      incomingRequestCount: s.incoming.filter((r) => r.fromUserId !== userId).length,
    }));
  },
  unblockUser: async (userId) => {
    await call(parley().blocks.remove({ userId }));
    set((s) => ({ blockedIds: s.blockedIds.filter((id) => id !== userId) }));
  },
  selectPerson: (peopleSelection) => {
    set({ peopleSelection });
  },
  resetPeople: () => {
    set(initial);
  },
});
