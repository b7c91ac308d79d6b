import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { AdminPage } from '../admin/AdminPage.js';
import { AboutSettings } from './AboutSettings.js';
import { AppearanceSettings } from './AppearanceSettings.js';
import { GeneralSettings } from './GeneralSettings.js';
import { HostingSettings } from './HostingSettings.js';
import { NotificationSettings } from './NotificationSettings.js';
import { ProfileSettings } from './ProfileSettings.js';
import { SecuritySettings } from './SecuritySettings.js';
import { StorageSettings } from './StorageSettings.js';
import './settings.css';

const pages = {
  profile: ProfileSettings,
  notifications: NotificationSettings,
  appearance: AppearanceSettings,
  general: GeneralSettings,
  storage: StorageSettings,
  hosting: HostingSettings,
  security: SecuritySettings,
  about: AboutSettings,
  admin: AdminPage,
};

/** The page of the section picked in the Settings list. */
export function SettingsPane() {
  const { t } = useTranslation('settings');
  const picked = useStore((s) => s.settingsSection);
  const isAdmin = useStore((s) => s.me?.isAdmin === true);
  // Someone no longer an administrator sees their profile instead.
  const section = picked === 'admin' && !isAdmin ? 'profile' : picked;
  const Page = pages[section];
  return (
    <div className="settings-pane">
      <div className="settings-page">
        <h1 className="settings-page-title">{t(`sections.${section}`)}</h1>
        <Page />
      </div>
    </div>
  );
}
