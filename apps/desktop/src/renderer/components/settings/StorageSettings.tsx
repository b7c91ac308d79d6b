import type { FileCacheLimitGiB } from '@parley/shared';
import { fileCacheLimitsGiB } from '@parley/shared/limits';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { formatSize } from '../files/format.js';
import { ConfirmDialog } from '../people/ConfirmDialog.js';
import { useUpdateSetting } from './use-setting.js';
import { FormField } from '../common/FormField.js';

const NONE = 'none';
const limitKey = (limit: FileCacheLimitGiB | null) => (limit === null ? NONE : String(limit));
const limitOf = (key: string): FileCacheLimitGiB | null =>
  fileCacheLimitsGiB.find((choice) => String(choice) === key) ?? null;

/** The file cache: how much it holds, the most it may hold, and emptying it. */
export function StorageSettings() {
  const { t } = useTranslation('settings');
  const settings = useStore((s) => s.settings);
  const locale = useStore((s) => s.language);
  const clearFileCache = useStore((s) => s.clearFileCache);
  const toast = useStore((s) => s.toast);
  const update = useUpdateSetting();
  const [bytes, setBytes] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  // Measured again after a new limit (the core answers once it has trimmed) and after a clear.
  const [measured, setMeasured] = useState(0);
  const limit = settings?.fileCacheLimitGiB;

  useEffect(() => {
    let live = true;
    call(parley().files.cacheUsage({})).then(
      (usage) => {
        if (live) setBytes(usage.bytes);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [limit, measured]);

  if (!settings) return null;
  return (
    <div className="settings-card">
      <h2 className="settings-card-title">{t('storage.cache')}</h2>
      <p className="settings-card-hint">{t('storage.cacheHint')}</p>
      <p className="settings-storage-usage" aria-live="polite">
        {bytes === null ? t('storage.measuring') : t('storage.using', { size: formatSize(bytes, locale) })}
      </p>
      <FormField id="storage-limit" label={t('storage.limit')} hint={t('storage.limitHint')}>
        {(control) => (
          <select
            className="input settings-storage-limit"
            value={limitKey(settings.fileCacheLimitGiB)}
            {...control}
            onChange={(e) => update({ fileCacheLimitGiB: limitOf(e.target.value) })}
          >
            {[...fileCacheLimitsGiB, null].map((choice) => (
              <option key={limitKey(choice)} value={limitKey(choice)}>
                {t(`storage.limits.${limitKey(choice) as '1'}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="settings-actions">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={bytes === 0}
          onClick={() => setConfirming(true)}
        >
          {t('storage.clear')}
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('storage.clearTitle')}
          body={t('storage.clearBody')}
          confirmLabel={t('storage.clearConfirm')}
          onConfirm={async () => {
            const freed = await clearFileCache();
            toast(t('storage.cleared', { size: formatSize(freed, locale) }));
            setMeasured((n) => n + 1);
          }}
          onClose={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
