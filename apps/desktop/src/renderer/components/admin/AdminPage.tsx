import { useTranslation } from 'react-i18next';
import { FileLimitsCard } from './FileLimitsCard.js';
import { RegistrationCard } from './RegistrationCard.js';
import { RetentionCard } from './RetentionCard.js';
import { ServerCard } from './ServerCard.js';
import { UsersCard } from './UsersCard.js';
import { useAdminSettings } from './use-admin-settings.js';
import './admin.css';

/** Settings › Administration: the server, who may register, the accounts, file limits, history. */
export function AdminPage() {
  const { t } = useTranslation('admin');
  const { settings, failed, retry, save } = useAdminSettings();
  if (!settings) {
    return failed ? (
      <div className="settings-card" role="alert">
        <p className="field-error">{t('loadFailed')}</p>
        <div className="settings-actions">
          <button type="button" className="btn btn-secondary" onClick={retry}>
            {t('retry')}
          </button>
        </div>
      </div>
    ) : null;
  }
  return (
    <>
      <p className="settings-card-hint admin-intro">{t('intro')}</p>
      <ServerCard settings={settings} save={save} />
      <RegistrationCard settings={settings} save={save} />
      <UsersCard />
      <FileLimitsCard settings={settings} save={save} />
      <RetentionCard settings={settings} save={save} />
    </>
  );
}
