import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Switch } from './Switch.js';
import { useUpdateSetting } from './use-setting.js';

export function GeneralSettings() {
  const { t } = useTranslation('settings');
  const settings = useStore((s) => s.settings);
  const update = useUpdateSetting();
  if (!settings) return null;
  return (
    <div className="settings-card">
      <Switch
        label={t('general.startAtLogin')}
        hint={t('general.startAtLoginHint')}
        checked={settings.startAtLogin}
        onChange={(startAtLogin) => update({ startAtLogin })}
      />
      <Switch
        label={t('general.closeToTray')}
        hint={t('general.closeToTrayHint')}
        checked={settings.closeToTray}
        onChange={(closeToTray) => update({ closeToTray })}
      />
      <Switch
        label={t('general.sendWithCtrlEnter')}
        hint={t('general.sendWithCtrlEnterHint')}
        checked={settings.sendWithCtrlEnter}
        onChange={(sendWithCtrlEnter) => update({ sendWithCtrlEnter })}
      />
    </div>
  );
}
