import { useTranslation } from 'react-i18next';
import '../hosting/hosting.css';
import { Icon } from '../common/Icon.js';

/** Under the address form on first launch: the other way in, hosting a server here. */
export function HostOffer({ onHost }: { onHost: () => void }) {
  const { t } = useTranslation('hosting');
  return (
    <div className="host-offer">
      <p className="host-offer-or" aria-hidden="true">
        <span>{t('offer.or')}</span>
      </p>
      <button type="button" className="btn btn-secondary host-offer-button" onClick={onHost}>
        <Icon name="monitor" size={16} />
        {t('offer.host')}
      </button>
    </div>
  );
}
