import { Limits } from '@parley/shared/limits';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, IpcError, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { errorText } from '../common/error-text.js';
import { FormField } from '../common/FormField.js';
import {
  hasErrors,
  type PasswordError,
  type PasswordField,
  type PasswordForm,
  validatePasswordForm,
} from './password-form.js';

const empty: PasswordForm = { current: '', next: '', confirm: '' };
const fields: PasswordField[] = ['current', 'next', 'confirm'];
const autocomplete: Record<PasswordField, string> = {
  current: 'current-password',
  next: 'new-password',
  confirm: 'new-password',
};

/** Current, new and confirmed password; errors show under each field once the form was tried. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const toast = useStore((s) => s.toast);
  const [form, setForm] = useState<PasswordForm>(empty);
  const [tried, setTried] = useState(false);
  const [wrongCurrent, setWrongCurrent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = validatePasswordForm(form);

  const message = (e: PasswordError) =>
    e === 'tooShort'
      ? t('security.errors.tooShort', { min: Limits.passwordMin })
      : e === 'tooLong'
        ? t('security.errors.tooLong', { max: Limits.passwordMax })
        : t(`security.errors.${e}`);
  const fieldError = (field: PasswordField): string | null => {
    if (field === 'current' && wrongCurrent) return t('security.errors.wrong');
    const e = errors[field];
    return tried && e ? message(e) : null;
  };

  const submit = async () => {
    setTried(true);
    setError(null);
    if (hasErrors(errors)) return;
    setBusy(true);
    try {
      await call(parley().session.changePassword({ currentPassword: form.current, newPassword: form.next }));
      setForm(empty);
      setTried(false);
      toast(t('security.changed'));
      onChanged();
    } catch (err) {
      if (err instanceof IpcError && err.code === 'WRONG_PASSWORD') setWrongCurrent(true);
      else setError(errorText(tc, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="settings-card"
      aria-labelledby="password-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="password-heading" className="settings-card-title">
        {t('security.password')}
      </h2>
      <p className="settings-card-hint">{t('security.passwordHint')}</p>
      {fields.map((field) => (
        <FormField
          key={field}
          id={`password-${field}`}
          label={t(`security.${field}`)}
          error={fieldError(field)}
        >
          {(control) => (
            <input
              className="input"
              type="password"
              autoComplete={autocomplete[field]}
              value={form[field]}
              {...control}
              onChange={(e) => {
                setForm({ ...form, [field]: e.target.value });
                if (field === 'current') setWrongCurrent(false);
              }}
            />
          )}
        </FormField>
      ))}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="settings-actions">
        <button type="submit" className="btn" disabled={busy}>
          {busy ? t('security.submitting') : t('security.submit')}
        </button>
      </div>
    </form>
  );
}
