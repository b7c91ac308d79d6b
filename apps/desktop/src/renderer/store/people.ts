import type { PublicUser } from '@parley/shared';
import { call, parley } from '../api/parley.js';
import type { SliceCreator } from './types.js';

export interface PeopleSlice {
  /** Profiles the screens have needed, by id. */
  users: Record<string, PublicUser>;
  /** Friend requests waiting for my answer (the People badge). */
  incomingRequestCount: number;
  /** Fetches the profiles not loaded yet (from the cache, or the server when online). */
  ensureUsers: (userIds: readonly string[]) => Promise<void>;
}

export const createPeopleSlice: SliceCreator<PeopleSlice> = (set, get) => ({
  users: {},
  incomingRequestCount: 0,
  ensureUsers: async (userIds) => {
    const missing = [...new Set(userIds)].filter((id) => !(id in get().users));
    if (missing.length === 0) return;
    const { users } = await call(parley().people.get({ userIds: missing }));
    set((s) => ({ users: { ...s.users, ...Object.fromEntries(users.map((u) => [u.id, u])) } }));
  },
});
