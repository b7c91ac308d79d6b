import type { Friend, FriendRequest } from '@parley/shared';
import { useStore } from '../../store/index.js';

/** How I stand with someone: it decides which buttons a profile shows. */
export interface Relation {
  isMe: boolean;
  friend: Friend | undefined;
  /** Their request waiting for my answer. */
  incoming: FriendRequest | undefined;
  /** My request waiting for theirs. */
  outgoing: FriendRequest | undefined;
  blocked: boolean;
}

export function useRelation(userId: string): Relation {
  const isMe = useStore((s) => s.me?.id === userId);
  const friend = useStore((s) => s.friends.find((f) => f.user.id === userId));
  const incoming = useStore((s) => s.incoming.find((r) => r.fromUserId === userId));
  const outgoing = useStore((s) => s.outgoing.find((r) => r.toUserId === userId));
  const blocked = useStore((s) => s.blockedIds.includes(userId));
  return { isMe, friend, incoming, outgoing, blocked };
}
