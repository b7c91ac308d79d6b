import { Limits } from '@parley/shared/limits';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { adminErrorText } from './admin-errors.js';
import { ServerKey } from './ServerKey.js';
import { codePoints, validateServerForm } from './admin-forms.js';
import type { SettingsCardProps } from './use-admin-settings.js';
import { FormField } from '../common/FormField.js';

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
      <FormField
        id="admin-server-name"
        label={t('server.name')}
        hint={t('server.nameHint')}
        error={nameError}
      >
        {(control) => (
          <input
            className="input"
            value={form.name}
            {...control}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        )}
      </FormField>
      <FormField
        id="admin-announcement"
        label={t('server.announcement')}
        hint={t('server.announcementHint')}
        error={announcementError}
        aside={t('server.counter', {
          count: codePoints(form.announcement.trim()),
          max: Limits.announcementMax,
        })}
      >
        {(control) => (
          <textarea
            className="input admin-announcement"
            rows={3}
            value={form.announcement}
            placeholder={t('server.announcementPlaceholder')}
            {...control}
            onChange={(e) => setForm({ ...form, announcement: e.target.value })}
          />
        )}
      </FormField>
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
