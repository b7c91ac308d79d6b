import { useTranslation } from 'react-i18next';
import { Icon } from '../common/Icon.js';

export function EmptyPane() {
  const { t } = useTranslation();
  return (
    <div className="empty-pane">
      <Icon name="chat" size={48} />
      <p>{t('emptyPane')}</p>
    </div>
  );
}
