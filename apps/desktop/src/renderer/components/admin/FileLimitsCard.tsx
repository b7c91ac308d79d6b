import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { adminErrorText } from './admin-errors.js';
import { bytesToUnit, unitToBytes } from './admin-forms.js';
import type { SettingsCardProps } from './use-admin-settings.js';
import { FormField } from '../common/FormField.js';

/** The largest file one upload may be, and how much each person's files may take. */
export function FileLimitsCard({ settings, save }: SettingsCardProps) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const toast = useStore((s) => s.toast);
  const [form, setForm] = useState({
    maxFileSize: bytesToUnit(settings.maxFileSize, 'MB'),
    quota: bytesToUnit(settings.userQuotaBytes, 'GB'),
  });
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const maxFileSize = unitToBytes(form.maxFileSize, 'MB', 1);
  const quota = unitToBytes(form.quota, 'GB', 0);

  const submit = async () => {
    setTried(true);
    setError(null);
    if (maxFileSize === null || quota === null) return;
    setBusy(true);
    try {
      const next = await save({ maxFileSize, userQuotaBytes: quota });
      setForm({
        maxFileSize: bytesToUnit(next.maxFileSize, 'MB'),
        quota: bytesToUnit(next.userQuotaBytes, 'GB'),
      });
      setTried(false);
      toast(t('files.saved'));
    } catch (err) {
      setError(adminErrorText(t, tc, err));
    } finally {
      setBusy(false);
    }
  };

  const fields = [
    {
      key: 'maxFileSize',
      label: t('files.maxFileSize'),
      hint: t('files.maxFileSizeHint'),
      bad: maxFileSize === null,
      message: t('files.errors.maxFileSize'),
    },
    {
      key: 'quota',
      label: t('files.quota'),
      hint: t('files.quotaHint'),
      bad: quota === null,
      message: t('files.errors.quota'),
    },
  ] as const;
  return (
    <form
      className="settings-card"
      aria-labelledby="admin-files-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="admin-files-heading" className="settings-card-title">
        {t('files.title')}
      </h2>
      <div className="admin-number-fields">
        {fields.map((f) => (
          <FormField
            key={f.key}
            id={`admin-files-${f.key}`}
            label={f.label}
            hint={f.hint}
            error={tried && f.bad ? f.message : null}
          >
            {(control) => (
              <input
                className="input"
                inputMode="decimal"
                value={form[f.key]}
                {...control}
                onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
              />
            )}
          </FormField>
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="settings-actions">
        <button type="submit" className="btn" disabled={busy}>
          {t('files.save')}
        </button>
      </div>
    </form>
  );
}
