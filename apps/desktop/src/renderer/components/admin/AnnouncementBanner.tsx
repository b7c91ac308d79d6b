import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Icon } from '../common/Icon.js';
import './announcement.css';

/** The server's announcement above the chat list, until the user hides it (a new text shows again). */
export function AnnouncementBanner() {
  const { t } = useTranslation('admin');
  const info = useStore((s) => s.serverInfo);
  const dismissed = useStore((s) => s.dismissedAnnouncement);
  const dismiss = useStore((s) => s.dismissAnnouncement);
  if (!info || info.announcement === '' || info.announcement === dismissed) return null;
  return (
    <aside className="announcement" aria-label={t('announcement.label', { server: info.name })}>
      <Icon name="bell" size={15} />
      <p className="announcement-text">{info.announcement}</p>
      <button
        type="button"
        className="icon-btn announcement-close"
        aria-label={t('announcement.dismiss')}
        onClick={dismiss}
      >
        <Icon name="close" size={14} />
      </button>
    </aside>
  );
}
