import { Limits } from '@parley/shared/limits';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { adminErrorText } from './admin-errors.js';
import { ServerKey } from './ServerKey.js';
import { codePoints, validateServerForm } from './admin-forms.js';
import type { SettingsCardProps } from './use-admin-settings.js';

/** The server's name and the announcement everyone sees. */
export function ServerCard({ settings, save }: SettingsCardProps) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const toast = useStore((s) => s.toast);
  const [form, setForm] = useState({ name: settings.serverName, announcement: settings.announcement });
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = validateServerForm(form);
  const changed =
    form.name.trim() !== settings.serverName || form.announcement.trim() !== settings.announcement;

  const submit = async () => {
    setTried(true);
    setError(null);
    if (Object.keys(errors).length > 0 || !changed) return;
    setBusy(true);
    try {
      const next = await save({ serverName: form.name, announcement: form.announcement });
      setForm({ name: next.serverName, announcement: next.announcement });
      setTried(false);
      toast(t('server.saved'));
    } catch (err) {
      setError(adminErrorText(t, tc, err));
    } finally {
      setBusy(false);
    }
  };

  const nameError =
    tried && errors.name ? t(`server.errors.${errors.name}`, { max: Limits.serverNameMax }) : null;
  const announcementError =
    tried && errors.announcement
      ? t(`server.errors.${errors.announcement}`, { max: Limits.announcementMax })
      : null;
  return (
    <form
      className="settings-card"
      aria-labelledby="admin-server-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="admin-server-heading" className="settings-card-title">
        {t('server.title')}
      </h2>
      <div className="settings-field">
        <label className="field">
          <span>{t('server.name')}</span>
          <input
            className="input"
            value={form.name}
            aria-invalid={nameError !== null}
            aria-describedby="admin-server-name-hint"
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </label>
        {nameError ? (
          <span className="field-error">{nameError}</span>
        ) : (
          <span id="admin-server-name-hint" className="settings-field-hint">
            {t('server.nameHint')}
          </span>
        )}
      </div>
      <div className="settings-field">
        <label className="field">
          <span>{t('server.announcement')}</span>
          <textarea
            className="input admin-announcement"
            rows={3}
            value={form.announcement}
            placeholder={t('server.announcementPlaceholder')}
            aria-invalid={announcementError !== null}
            aria-describedby="admin-announcement-hint"
            onChange={(e) => setForm({ ...form, announcement: e.target.value })}
          />
        </label>
        <div className="settings-field-foot">
          {announcementError ? (
            <span className="field-error">{announcementError}</span>
          ) : (
            <span id="admin-announcement-hint" className="settings-field-hint">
              {t('server.announcementHint')}
            </span>
          )}
          <span className="settings-field-hint">
            {t('server.counter', {
              count: codePoints(form.announcement.trim()),
              max: Limits.announcementMax,
            })}
          </span>
        </div>
      </div>
      <ServerKey />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="settings-actions">
        <button type="submit" className="btn" disabled={busy || !changed}>
          {busy ? t('server.saving') : t('server.save')}
        </button>
      </div>
    </form>
  );
}
