import type { Presence } from '@parley/shared';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { shownPresence } from '../../store/people.js';
import { useNow } from '../chats/use-now.js';
import { relativeTime } from './relative-time.js';

/** "Online", "Away", "Last seen 5 minutes ago" or "Offline", as the store knows it now. */
export function usePresenceLabel(userId: string): { status: Presence['status']; label: string } | null {
  const { t, i18n } = useTranslation('people');
  const presence = useStore((s) => shownPresence(s)[userId]);
  const now = useNow();
  if (!presence) return null;
  if (presence.status !== 'offline')
    return { status: presence.status, label: t(`presence.${presence.status}`) };
  if (presence.lastSeenAt === null) return { status: 'offline', label: t('presence.offline') };
  const when = relativeTime(presence.lastSeenAt, now, i18n.language);
  return {
    status: 'offline',
    label: when === null ? t('presence.lastSeenJustNow') : t('presence.lastSeen', { when }),
  };
}

export function PresenceText({ userId, className = '' }: { userId: string; className?: string }) {
  const presence = usePresenceLabel(userId);
  if (!presence) return null;
  return (
    <span className={`people-presence people-presence-${presence.status} ${className}`}>
      <span className="people-presence-dot" aria-hidden="true" />
      {presence.label}
    </span>
  );
}
