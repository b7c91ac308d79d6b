import type { RegistrationPolicy } from '@parley/shared';
import { type KeyboardEvent, type SyntheticEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, IpcError, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import {
  type AuthErrors,
  type AuthField,
  type AuthFields,
  type AuthMode,
  authErrorsOf,
  noErrors,
  validateAuthForm,
} from './auth-form.js';
import { TextField } from './TextField.js';

const order: AuthField[] = ['username', 'displayName', 'password', 'confirm', 'inviteCode'];

/** Who may create an account on the server (asked once; `open` until it answers). */
function useRegistrationPolicy(serverUrl: string) {
  const [policy, setPolicy] = useState<RegistrationPolicy>('open');
  useEffect(() => {
    let live = true;
    call(parley().session.checkServer({ serverUrl })).then(
      (s) => {
        if (live) setPolicy(s.registration);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [serverUrl]);
  return [policy, setPolicy] as const;
}
const modes: AuthMode[] = ['login', 'register'];

/** Step 2: log in or create an account on the checked server. */
export function AccountStep({
  serverUrl,
  initialMode = 'login',
  onServerRefused,
}: {
  serverUrl: string;
  /** Create account first (a server this computer just started has no accounts yet). */
  initialMode?: AuthMode;
  /** The core refused the server address itself: back to step 1. */
  onServerRefused: () => void;
}) {
  const { t } = useTranslation('auth');
  const login = useStore((s) => s.login);
  const register = useStore((s) => s.register);
  const [mode, setMode] = useState<AuthMode>(initialMode);
  const [fields, setFields] = useState<AuthFields>({
    username: '',
    displayName: '',
    password: '',
    confirm: '',
    inviteCode: '',
  });
  const [policy, setPolicy] = useRegistrationPolicy(serverUrl);
  const [errors, setErrors] = useState<AuthErrors>(noErrors);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const focusField = (field: AuthField) => {
    form.current?.querySelector<HTMLInputElement>(`[name="${field}"]`)?.focus();
  };

  const change = (field: AuthField, value: string) => {
    setFields((f) => ({ ...f, [field]: value }));
    setErrors((e) => {
      if (!e.fields[field] && !e.form) return e;
      const rest = Object.fromEntries(Object.entries(e.fields).filter(([f]) => f !== field));
      return { ...e, fields: rest, form: null };
    });
  };

  const switchMode = (next: AuthMode) => {
    setMode(next);
    setErrors(noErrors);
  };

  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = mode === 'login' ? 'register' : 'login';
    switchMode(next);
    tabs.current[modes.indexOf(next)]?.focus();
  };

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (busy) return;
    const invalid = validateAuthForm(mode, fields, policy === 'invite');
    const firstInvalid = order.find((f) => invalid[f]);
    if (firstInvalid) {
      setErrors({ ...noErrors, fields: invalid });
      focusField(firstInvalid);
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      const username = fields.username.trim();
      if (mode === 'login') await login(serverUrl, { username, password: fields.password });
      else
        await register(serverUrl, {
          username,
          displayName: fields.displayName.trim(),
          password: fields.password,
          ...(policy === 'invite' ? { inviteCode: fields.inviteCode.trim() } : {}),
        });
      // Signed in: the app switches to the main layout and this screen goes away.
    } catch (err) {
      const refused = authErrorsOf(err);
      setBusy(false);
      // The policy changed since it was asked: show what the server wants now.
      if (refused.fields.inviteCode) setPolicy('invite');
      if (refused.form === 'registrationClosed') setPolicy('closed');
      if (refused.serverAddress) {
        onServerRefused();
        return;
      }
      setErrors(refused);
      setMessage(err instanceof IpcError || err instanceof Error ? err.message : String(err));
      if (refused.form === 'invalidCredentials') {
        setFields((f) => ({ ...f, password: '' }));
        focusField('password');
      } else {
        const field = order.find((f) => refused.fields[f]);
        if (field) focusField(field);
      }
    }
  };

  const fieldError = (field: AuthField) => {
    const key = errors.fields[field];
    return key ? t(`fieldErrors.${key}`) : null;
  };
  const isRegister = mode === 'register';
  const closed = isRegister && policy === 'closed';

  return (
    <>
      <div className="auth-tabs" role="tablist" aria-label={t('tabs.label')}>
        {modes.map((m, i) => (
          <button
            key={m}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`auth-tab-${m}`}
            aria-selected={mode === m}
            aria-controls="auth-panel"
            tabIndex={mode === m ? 0 : -1}
            className="auth-tab"
            onClick={() => switchMode(m)}
            onKeyDown={onTabKey}
            disabled={busy}
          >
            {t(`tabs.${m}`)}
          </button>
        ))}
      </div>
      <form
        ref={form}
        id="auth-panel"
        role="tabpanel"
        aria-labelledby={`auth-tab-${mode}`}
        className="auth-form"
        onSubmit={(e) => void submit(e)}
        noValidate
      >
        <TextField
          name="username"
          label={t('fields.username')}
          value={fields.username}
          onChange={(e) => change('username', e.target.value)}
          hint={isRegister ? t('hints.username') : undefined}
          error={fieldError('username')}
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          autoFocus
          disabled={busy}
        />
        {isRegister && (
          <TextField
            name="displayName"
            label={t('fields.displayName')}
            value={fields.displayName}
            onChange={(e) => change('displayName', e.target.value)}
            hint={t('hints.displayName')}
            error={fieldError('displayName')}
            autoComplete="nickname"
            disabled={busy}
          />
        )}
        <TextField
          name="password"
          type="password"
          label={t('fields.password')}
          value={fields.password}
          onChange={(e) => change('password', e.target.value)}
          hint={isRegister ? t('hints.password') : undefined}
          error={fieldError('password')}
          autoComplete={isRegister ? 'new-password' : 'current-password'}
          disabled={busy}
        />
        {isRegister && (
          <TextField
            name="confirm"
            type="password"
            label={t('fields.confirm')}
            value={fields.confirm}
            onChange={(e) => change('confirm', e.target.value)}
            error={fieldError('confirm')}
            autoComplete="new-password"
            disabled={busy}
          />
        )}
        {isRegister && policy === 'invite' && (
          <TextField
            name="inviteCode"
            label={t('fields.inviteCode')}
            value={fields.inviteCode}
            onChange={(e) => change('inviteCode', e.target.value)}
            hint={t('hints.inviteCode')}
            error={fieldError('inviteCode')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            disabled={busy}
          />
        )}
        {closed && !errors.form && (
          <p className="auth-note auth-signed-out" role="note">
            {t('formErrors.registrationClosed')}
          </p>
        )}
        {errors.form && (
          <p className="auth-form-error" role="alert">
            {t(`formErrors.${errors.form}`, { message })}
          </p>
        )}
        <button type="submit" className="btn auth-submit" disabled={busy || closed}>
          {busy
            ? t(isRegister ? 'submit.registering' : 'submit.loggingIn')
            : t(isRegister ? 'submit.register' : 'submit.login')}
        </button>
      </form>
    </>
  );
}
