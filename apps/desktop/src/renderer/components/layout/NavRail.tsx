import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import type { View } from '../../store/ui.js';
import { Avatar } from '../common/Avatar.js';
import { Icon, type IconName } from '../common/Icon.js';

const items: { view: View; icon: IconName }[] = [
  { view: 'chats', icon: 'chat' },
  { view: 'people', icon: 'people' },
  { view: 'settings', icon: 'settings' },
];

export function NavRail() {
  const { t } = useTranslation();
  const view = useStore((s) => s.view);
  const setView = useStore((s) => s.setView);
  const me = useStore((s) => s.me);
  const unread = useStore((s) => s.conversations.reduce((n, c) => n + (c.muted ? 0 : c.unreadCount), 0));
  const requests = useStore((s) => s.incomingRequestCount);
  return (
    <nav className="rail" aria-label={t('appName')}>
      {me && (
        <button type="button" className="rail-me" onClick={() => setView('settings')} title={me.displayName}>
          <Avatar id={me.id} name={me.displayName} size={36} />
        </button>
      )}
      {items.map((item) => {
        const badge = item.view === 'chats' ? unread : item.view === 'people' ? requests : 0;
        return (
          <button
            key={item.view}
            type="button"
            className="rail-item"
            aria-current={view === item.view ? 'page' : undefined}
            aria-label={t(`nav.${item.view}`)}
            title={t(`nav.${item.view}`)}
            onClick={() => setView(item.view)}
          >
            <Icon name={item.icon} size={22} />
            {badge > 0 && <span className="rail-badge count-badge">{badge > 99 ? '99+' : badge}</span>}
          </button>
        );
      })}
    </nav>
  );
}
