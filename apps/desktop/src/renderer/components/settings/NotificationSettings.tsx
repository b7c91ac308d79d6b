import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Switch } from './Switch.js';
import { useUpdateSetting } from './use-setting.js';

export function NotificationSettings() {
  const { t } = useTranslation('settings');
  const settings = useStore((s) => s.settings);
  const update = useUpdateSetting();
  if (!settings) return null;
  const off = !settings.notifications;
  return (
    <div className="settings-card">
      <Switch
        label={t('notifications.enable')}
        hint={t('notifications.enableHint')}
        checked={settings.notifications}
        onChange={(notifications) => update({ notifications })}
      />
      <Switch
        label={t('notifications.preview')}
        hint={t('notifications.previewHint')}
        checked={settings.notificationPreview}
        disabled={off}
        onChange={(notificationPreview) => update({ notificationPreview })}
      />
      <Switch
        label={t('notifications.sound')}
        hint={t('notifications.soundHint')}
        checked={settings.notificationSound}
        disabled={off}
        onChange={(notificationSound) => update({ notificationSound })}
      />
      <Switch
        label={t('notifications.dnd')}
        hint={t('notifications.dndHint')}
        checked={settings.doNotDisturb}
        disabled={off}
        onChange={(doNotDisturb) => update({ doNotDisturb })}
      />
    </div>
  );
}
