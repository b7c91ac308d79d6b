import { Limits } from '@parley/shared/limits';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { ConfirmDialog } from '../people/ConfirmDialog.js';
import { adminErrorText } from './admin-errors.js';
import { parseRetentionDays } from './admin-forms.js';
import type { SettingsCardProps } from './use-admin-settings.js';

/** Keep messages forever, or remove them (and their files) after a number of days; asks first. */
export function RetentionCard({ settings, save }: SettingsCardProps) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const toast = useStore((s) => s.toast);
  const [forever, setForever] = useState(settings.retentionDays === null);
  const [daysText, setDaysText] = useState(String(settings.retentionDays ?? 365));
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const days = parseRetentionDays(daysText);
  const changed = forever ? settings.retentionDays !== null : days !== settings.retentionDays;

  const store = async (retentionDays: number | null) => {
    await save({ retentionDays });
    setTried(false);
    toast(t('retention.saved'));
  };

  const submit = async () => {
    setTried(true);
    setError(null);
    if (!changed) return;
    if (forever) {
      try {
        await store(null);
      } catch (err) {
        setError(adminErrorText(t, tc, err));
      }
      return;
    }
    // Removing history cannot be undone: ask first, whenever it starts or gets shorter.
    if (days !== null) setConfirming(days);
  };

  const invalid = tried && !forever && days === null;
  return (
    <form
      className="settings-card"
      aria-labelledby="admin-retention-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="admin-retention-heading" className="settings-card-title">
        {t('retention.title')}
      </h2>
      <p className="settings-card-hint">{t('retention.hint')}</p>
      <div className="admin-choices" role="radiogroup" aria-labelledby="admin-retention-heading">
        <label className="admin-choice">
          <input type="radio" name="retention" checked={forever} onChange={() => setForever(true)} />
          <span className="admin-choice-label">{t('retention.forever')}</span>
        </label>
        <label className="admin-choice admin-choice-inline">
          <input type="radio" name="retention" checked={!forever} onChange={() => setForever(false)} />
          <span className="admin-choice-label">{t('retention.deleteAfter')}</span>
          <input
            className="input admin-days"
            inputMode="numeric"
            aria-label={t('retention.daysLabel')}
            value={daysText}
            disabled={forever}
            aria-invalid={invalid}
            onChange={(e) => setDaysText(e.target.value)}
          />
          <span>{t('retention.days')}</span>
        </label>
      </div>
      {invalid && (
        <span className="field-error">{t('retention.errors.days', { max: Limits.retentionDaysMax })}</span>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="settings-actions">
        <button type="submit" className="btn" disabled={!changed}>
          {t('retention.save')}
        </button>
      </div>
      {confirming !== null && (
        <ConfirmDialog
          title={t('retention.confirmTitle')}
          body={<p>{t('retention.confirmBody', { days: confirming })}</p>}
          confirmLabel={t('retention.confirm')}
          onConfirm={() => store(confirming)}
          onClose={() => setConfirming(null)}
          describeError={(err) => adminErrorText(t, tc, err)}
        />
      )}
    </form>
  );
}
