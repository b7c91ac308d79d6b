import type { SettingsPatch } from '@parley/shared';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';

/** Saves a settings change; a refusal shows as a toast (the switch then shows the stored value). */
export function useUpdateSetting(): (patch: SettingsPatch) => void {
  const { t } = useTranslation('settings');
  const update = useStore((s) => s.updateSettings);
  const toast = useStore((s) => s.toast);
  return (patch) => {
    update(patch).catch(() => toast(t('saveFailed'), 'error'));
  };
}
