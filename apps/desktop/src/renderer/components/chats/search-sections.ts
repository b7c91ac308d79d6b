import type { ConversationSummary, PublicUser } from '@parley/shared';
import { fold, matchRank } from './text-match.js';

/** A person the search offers, and whether they are one of my contacts (else found on the server). */
export interface PersonResult {
  user: PublicUser;
  contact: boolean;
}

function rankPerson(u: PublicUser, q: string): number | null {
  const byName = matchRank(u.displayName, q);
  const byUsername = matchRank(u.username, q);
  if (byName === null && byUsername === null) return null;
  return Math.min(byName ?? 3, byUsername ?? 3);
}

/**
 * The "People" section: my contacts who match (by display name or username, best match first),
 * then the server's answers that are not among them; never me.
 */
export function peopleSection(
  query: string,
  contacts: readonly PublicUser[],
  serverUsers: readonly PublicUser[],
  me: string | null,
  limit = 8,
): PersonResult[] {
  const q = fold(query.trim());
  if (q === '') return [];
  const seen = new Set<string>(me === null ? [] : [me]);
  const local = contacts
    .flatMap((user) => {
      const rank = rankPerson(user, q);
      return rank === null ? [] : [{ user, rank }];
    })
    .sort((a, b) => a.rank - b.rank || a.user.displayName.localeCompare(b.user.displayName))
    .flatMap(({ user }): PersonResult[] => {
      if (seen.has(user.id)) return [];
      seen.add(user.id);
      return [{ user, contact: true }];
    });
  const remote = serverUsers.flatMap((user): PersonResult[] => {
    if (seen.has(user.id)) return [];
    seen.add(user.id);
    return [{ user, contact: false }];
  });
  return [...local, ...remote].slice(0, limit);
}

/** The "Groups" section: group conversations whose name matches, best match then most recent first. */
export function groupsSection(
  query: string,
  conversations: readonly ConversationSummary[],
  limit = 8,
): ConversationSummary[] {
  const q = fold(query.trim());
  if (q === '') return [];
  return conversations
    .flatMap((c) => {
      if (c.kind !== 'group') return [];
      const rank = matchRank(c.title, q);
      return rank === null ? [] : [{ c, rank }];
    })
    .sort((a, b) => a.rank - b.rank || b.c.lastActivityAt - a.c.lastActivityAt)
    .slice(0, limit)
    .map((m) => m.c);
}

/**
 * The people I already know: friends, and the other person of each direct conversation (someone I
 * talked to stays findable after we stopped being friends).
 */
export function knownContacts(
  friends: readonly PublicUser[],
  conversations: readonly ConversationSummary[],
  users: Readonly<Record<string, PublicUser>>,
  me: string | null,
): PublicUser[] {
  const byId = new Map(friends.map((u) => [u.id as string, u]));
  for (const c of conversations) {
    if (c.kind !== 'direct') continue;
    const other = c.members.find((m) => m.userId !== me);
    const user = other ? users[other.userId] : undefined;
    if (user && !byId.has(user.id)) byId.set(user.id, user);
  }
  return [...byId.values()];
}
