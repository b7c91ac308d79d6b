import type { ServerTlsStatus } from '@parley/shared';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ServerProblem, serverProblemOf } from './auth-form.js';
import { DiscoveredServers } from './DiscoveredServers.js';
import { normaliseServerAddress } from './server-address.js';
import { TextField } from './TextField.js';
import { useDiscoveredServers } from './use-discovered-servers.js';

/** A server that answered the check. */
export interface CheckedServer {
  url: string;
  name: string;
  version: string;
  /** Its TLS key and whether it is trusted; null for plain http:// (not private). */
  tls: ServerTlsStatus | null;
}

/** Step 1: the server's address, checked before anyone types a password. */
export function ServerStep({
  initialAddress,
  initialError,
  check,
  onChecked,
}: {
  initialAddress: string;
  initialError: ServerProblem | null;
  check: (url: string) => Promise<CheckedServer>;
  onChecked: (server: CheckedServer) => void;
}) {
  const { t } = useTranslation('auth');
  const [address, setAddress] = useState(initialAddress);
  const [error, setError] = useState<ServerProblem | null>(initialError);
  const [busy, setBusy] = useState(false);
  const discovered = useDiscoveredServers();

  const connect = async (typed: string) => {
    if (busy) return;
    const normalised = normaliseServerAddress(typed);
    if (!normalised.ok) {
      setError({ kind: normalised.reason, message: '' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onChecked(await check(normalised.url));
    } catch (err) {
      setError(serverProblemOf(err));
      setBusy(false);
    }
  };

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    void connect(address);
  };

  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      <h2 className="auth-step-title">{t('server.title')}</h2>
      <TextField
        label={t('server.label')}
        placeholder={t('server.placeholder')}
        value={address}
        onChange={(e) => {
          setAddress(e.target.value);
          setError(null);
        }}
        hint={t('server.hint')}
        error={error && t(`server.errors.${error.kind}`, { message: error.message })}
        autoFocus
        autoComplete="url"
        spellCheck={false}
        inputMode="url"
        disabled={busy}
      />
      <DiscoveredServers
        servers={discovered}
        disabled={busy}
        onPick={(server) => {
          setAddress(server.url);
          setError(null);
          void connect(server.url);
        }}
      />
      <button type="submit" className="btn auth-submit" disabled={busy}>
        {busy ? t('server.checking') : t('server.check')}
      </button>
    </form>
  );
}
