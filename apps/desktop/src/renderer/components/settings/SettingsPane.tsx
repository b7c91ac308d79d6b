import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { AboutSettings } from './AboutSettings.js';
import { AppearanceSettings } from './AppearanceSettings.js';
import { GeneralSettings } from './GeneralSettings.js';
import { NotificationSettings } from './NotificationSettings.js';
import { ProfileSettings } from './ProfileSettings.js';
import { SecuritySettings } from './SecuritySettings.js';
import './settings.css';

const pages = {
  profile: ProfileSettings,
  notifications: NotificationSettings,
  appearance: AppearanceSettings,
  general: GeneralSettings,
  security: SecuritySettings,
  about: AboutSettings,
};

/** The page of the section picked in the Settings list. */
export function SettingsPane() {
  const { t } = useTranslation('settings');
  const section = useStore((s) => s.settingsSection);
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
