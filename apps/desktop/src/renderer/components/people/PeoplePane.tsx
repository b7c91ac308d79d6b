import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Icon } from '../common/Icon.js';
import { AddFriendPane } from './AddFriendPane.js';
import { ProfileCard } from './ProfileCard.js';
import './people.css';

/** The People view's main pane: a profile, the "Add friend" search, or a hint. */
export function PeoplePane() {
  const { t } = useTranslation('people');
  const selection = useStore((s) => s.peopleSelection);
  if (selection.kind === 'add') return <AddFriendPane />;
  if (selection.kind === 'user') {
    return (
      <div className="people-pane">
        <ProfileCard key={selection.userId} userId={selection.userId} />
      </div>
    );
  }
  return (
    <div className="people-pane people-pane-empty">
      <Icon name="people" size={48} />
      <h2>{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
    </div>
  );
}
