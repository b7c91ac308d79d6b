import type { HostStatus } from '@parley/shared';
import { Limits } from '@parley/shared/limits';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { TextField } from '../auth/TextField.js';
import { errorText } from '../common/error-text.js';
import { hostFailureText } from './failure-text.js';
import { hostNameProblem } from './host-name.js';

/**
 * The server's name and Start: starts hosting on this computer and hands the running status on.
 * A start that fails says why here.
 */
export function HostForm({
  initialName,
  autoFocus = false,
  onStarted,
}: {
  initialName: string;
  autoFocus?: boolean;
  /** The server runs; may throw to report a problem with what comes next. */
  onStarted: (status: HostStatus) => Promise<void> | void;
}) {
  const { t } = useTranslation('hosting');
  const { t: tc } = useTranslation();
  const [name, setName] = useState(initialName);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const problem = hostNameProblem(name);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem !== null || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const status = await call(parley().host.start({ name: name.trim() }));
      if (status.state === 'running') await onStarted(status);
      else setFailure(status.error ? hostFailureText(t, status.error) : null);
    } catch (err) {
      setFailure(errorText(tc, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="auth-form host-form" onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        label={t('form.name')}
        placeholder={t('form.placeholder')}
        hint={t('form.hint')}
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          setFailure(null);
        }}
        error={tried && problem !== null ? t(`form.errors.${problem}`, { max: Limits.serverNameMax }) : null}
        autoFocus={autoFocus}
        spellCheck={false}
        disabled={busy}
      />
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" className="btn auth-submit" disabled={busy}>
        {busy ? t('form.starting') : t('form.start')}
      </button>
    </form>
  );
}
