import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Icon } from '../common/Icon.js';
import { ProfileCard } from './ProfileCard.js';
import './people.css';

/** The right-hand panel with someone's profile, opened from a conversation header or a member list. */
export function ProfilePanel({ userId }: { userId: string }) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const closePanel = useStore((s) => s.closePanel);
  return (
    <section className="people-panel" aria-label={t('profile.panelTitle')}>
      <header className="people-panel-header">
        <h2>{t('profile.panelTitle')}</h2>
        <button type="button" className="icon-btn" aria-label={tc('actions.close')} onClick={closePanel}>
          <Icon name="close" />
        </button>
      </header>
      <div className="people-panel-body">
        <ProfileCard key={userId} userId={userId} compact />
      </div>
    </section>
  );
}
