import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { authErrorsOf } from './auth-form.js';
import { type NewPasswordErrors, type NewPasswordForm, validateNewPassword } from './new-password-form.js';
import { TextField } from './TextField.js';

/**
 * After logging in with a temporary password (an administrator reset it): a new password, typed
 * twice, before the app signs in. "Back" gives the login up.
 */
export function NewPasswordStep() {
  const { t } = useTranslation('auth');
  const pending = useStore((s) => s.passwordChange);
  const setNewPassword = useStore((s) => s.setNewPassword);
  const cancel = useStore((s) => s.cancelPasswordChange);
  const [form, setForm] = useState<NewPasswordForm>({ next: '', confirm: '' });
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (busy) return;
    const invalid = validateNewPassword(form);
    setErrors(invalid);
    setFailure(null);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      await setNewPassword(form.next);
    } catch (err) {
      setBusy(false);
      const refused = authErrorsOf(err);
      if (refused.fields.password) setErrors({ next: 'passwordRule' });
      else
        setFailure(
          t(`formErrors.${refused.form ?? 'generic'}`, {
            message: err instanceof Error ? err.message : String(err),
          }),
        );
    }
  };

  const change = (field: keyof NewPasswordForm, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const errorOf = (field: keyof NewPasswordForm) => {
    const key = errors[field];
    return key ? t(`fieldErrors.${key}`) : null;
  };

  return (
    <form
      className="auth-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="new-password-title"
    >
      <h2 id="new-password-title" className="auth-step-title">
        {t('newPassword.title')}
      </h2>
      <p className="muted">{t('newPassword.body', { username: pending?.username ?? '' })}</p>
      <TextField
        name="next"
        type="password"
        label={t('newPassword.next')}
        value={form.next}
        onChange={(e) => change('next', e.target.value)}
        hint={t('hints.password')}
        error={errorOf('next')}
        autoComplete="new-password"
        autoFocus
        disabled={busy}
      />
      <TextField
        name="confirm"
        type="password"
        label={t('newPassword.confirm')}
        value={form.confirm}
        onChange={(e) => change('confirm', e.target.value)}
        error={errorOf('confirm')}
        autoComplete="new-password"
        disabled={busy}
      />
      {failure && (
        <p className="auth-form-error" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" className="btn auth-submit" disabled={busy}>
        {busy ? t('newPassword.submitting') : t('newPassword.submit')}
      </button>
      <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void cancel()}>
        {t('newPassword.back')}
      </button>
    </form>
  );
}
