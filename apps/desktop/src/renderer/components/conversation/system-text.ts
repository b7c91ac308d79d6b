import type { SystemEvent } from '@parley/shared';
import type { TFunction } from 'i18next';

/** How a system line names a person: "You" / "you" for me, else the name (quoted in Chinese). */
export type Who = (userId: string, role: 'subject' | 'object') => string;

/** The sentence for a system event ("Alice added Bob and Carol"); `list` joins names as the language does. */
export function systemText(
  t: TFunction<'conversation'>,
  event: SystemEvent,
  whoIs: Who,
  list: (names: string[]) => string,
): string {
  const actor = whoIs(event.actorId, 'subject');
  const who = (id: string) => whoIs(id, 'object');
  switch (event.type) {
    case 'conversation.created':
      return event.kind === 'group'
        ? t('system.createdGroup', { actor, name: event.name ?? '' })
        : t('system.createdDirect');
    case 'members.added': {
      const others = event.userIds.filter((id) => id !== event.actorId);
      if (others.length === 0) return t('system.joined', { names: actor });
      return t('system.added', { actor, names: list(others.map(who)) });
    }
    case 'member.removed':
      return t('system.removed', { actor, name: who(event.userId) });
    case 'member.left':
      return t('system.left', { name: whoIs(event.userId, 'subject') });
    case 'member.role':
      if (event.role === 'owner') return t('system.madeOwner', { name: whoIs(event.userId, 'subject') });
      return t(event.role === 'admin' ? 'system.madeAdmin' : 'system.madeMember', {
        actor,
        name: who(event.userId),
      });
    case 'conversation.renamed':
      return t('system.renamed', { actor, name: event.name });
    case 'conversation.ownerChanged':
      return t('system.ownerChanged', { actor, name: who(event.toUserId) });
    case 'conversation.dissolved':
      return t('system.dissolved', { actor });
    case 'conversation.avatarChanged':
      return t(event.avatarFileId === null ? 'system.avatarRemoved' : 'system.avatarChanged', { actor });
  }
}

/** The people a system event names, so their profiles can be loaded. */
export function systemPeople(event: SystemEvent): string[] {
  switch (event.type) {
    case 'members.added':
      return [event.actorId, ...event.userIds];
    case 'member.removed':
    case 'member.left':
    case 'member.role':
      return [event.actorId, event.userId];
    case 'conversation.ownerChanged':
      return [event.actorId, event.fromUserId, event.toUserId];
    default:
      return [event.actorId];
  }
}
