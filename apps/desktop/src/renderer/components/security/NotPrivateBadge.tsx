import { useTranslation } from 'react-i18next';
import { Icon } from '../common/Icon.js';
import './security.css';

/** Marks a plain http:// server: what goes to it crosses the network unencrypted. */
export function NotPrivateBadge() {
  const { t } = useTranslation('auth');
  return (
    <span className="not-private" title={t('tls.notPrivateHint')} data-testid="not-private">
      <Icon name="alert" size={12} />
      {t('tls.notPrivate')}
    </span>
  );
}
