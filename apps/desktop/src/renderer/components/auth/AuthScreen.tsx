import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { Icon } from '../common/Icon.js';
import { NotPrivateBadge } from '../security/NotPrivateBadge.js';
import { ServerKeyCheck } from '../security/ServerKeyCheck.js';
import { AccountStep } from './AccountStep.js';
import { HostOffer } from './HostOffer.js';
import { HostStep } from './HostStep.js';
import { NewPasswordStep } from './NewPasswordStep.js';
import { ParleyMark } from './ParleyMark.js';
import { type ServerProblem, serverProblemOf } from './auth-form.js';
import { type CheckedServer, ServerStep } from './ServerStep.js';
import { signedOutWhy } from './signed-out-reason.js';
import './auth.css';

async function checkServer(url: string): Promise<CheckedServer> {
  const s = await call(parley().session.checkServer({ serverUrl: url }));
  return { url: s.serverUrl, name: s.name, version: s.version, tls: s.tls };
}

/** The signed-out window: connect to a server, then log in or create an account. */
export function AuthScreen() {
  const { t } = useTranslation('auth');
  const { t: tc } = useTranslation();
  const { t: th } = useTranslation('hosting');
  const savedUrl = useStore((s) => s.serverUrl);
  const rememberLogin = useStore((s) => s.rememberLogin);
  const why = signedOutWhy(useStore((s) => s.signedOutReason));
  const passwordChange = useStore((s) => s.passwordChange);
  const [server, setServer] = useState<CheckedServer | null>(null);
  const [address, setAddress] = useState(savedUrl ?? '');
  const [serverError, setServerError] = useState<ServerProblem | null>(null);
  // First launch offers hosting a server here instead; `hosted`: the server is this computer's own.
  const [hosting, setHosting] = useState(false);
  const [hosted, setHosted] = useState(false);
  // The server used last time is checked at once, so a returning user lands on the login form.
  const [autoChecking, setAutoChecking] = useState(savedUrl !== null);

  useEffect(() => {
    if (savedUrl === null) return;
    let live = true;
    checkServer(savedUrl)
      .then(
        (s) => {
          if (live) setServer(s);
        },
        (err: unknown) => {
          if (live) setServerError(serverProblemOf(err));
        },
      )
      .finally(() => {
        if (live) setAutoChecking(false);
      });
    return () => {
      live = false;
    };
  }, [savedUrl]);

  return (
    <div className="auth">
      <main className="auth-card" aria-labelledby="auth-title">
        <header className="auth-brand">
          <ParleyMark />
          <h1 id="auth-title">{tc('appName')}</h1>
          <p className="auth-tagline">{t('tagline')}</p>
        </header>
        {why && !passwordChange && (
          <p className="auth-note auth-signed-out" role="alert">
            <Icon name="info" size={16} />
            <span>{t(`signedOut.${why}`)}</span>
          </p>
        )}
        {autoChecking ? (
          <p className="auth-checking muted" role="status">
            {t('server.checking')}
          </p>
        ) : server?.tls && !server.tls.trusted ? (
          <ServerKeyCheck
            serverUrl={server.url}
            tls={server.tls}
            onTrusted={(fingerprint) => {
              setServer((s) =>
                s?.tls ? { ...s, tls: { ...s.tls, trusted: true, pinned: fingerprint } } : s,
              );
            }}
            onCancel={() => {
              setAddress(server.url);
              setServer(null);
            }}
          />
        ) : server ? (
          <>
            <div className="auth-server">
              <span className="auth-server-dot" aria-hidden="true" />
              <div className="auth-server-text">
                <span className="auth-server-name">
                  <strong>{server.name}</strong>
                  <span className="muted">{t('server.version', { version: server.version })}</span>
                </span>
                <span className="auth-server-where">
                  <span className="muted">{server.url.replace(/^https?:\/\//, '')}</span>
                  {server.tls === null && <NotPrivateBadge />}
                </span>
              </div>
              <button
                type="button"
                className="btn btn-ghost auth-server-change"
                onClick={() => {
                  setAddress(server.url);
                  setServerError(null);
                  setServer(null);
                  setHosted(false);
                }}
              >
                {t('server.change')}
              </button>
            </div>
            {hosted && !passwordChange && (
              <p className="auth-note auth-signed-out" role="note">
                <Icon name="shield" size={16} />
                <span>{th('firstAccount')}</span>
              </p>
            )}
            {passwordChange ? (
              <NewPasswordStep />
            ) : (
              <AccountStep
                serverUrl={server.url}
                initialMode={hosted ? 'register' : 'login'}
                onServerRefused={() => {
                  setAddress(server.url);
                  setServerError({ kind: 'invalid', message: '' });
                  setServer(null);
                }}
              />
            )}
          </>
        ) : hosting ? (
          <HostStep
            check={checkServer}
            onHosted={(s) => {
              setAddress(s.url);
              setHosting(false);
              setHosted(true);
              setServer(s);
            }}
            onBack={() => {
              setHosting(false);
            }}
          />
        ) : (
          <>
            <ServerStep
              initialAddress={address}
              initialError={serverError}
              check={checkServer}
              onChecked={(s) => {
                setAddress(s.url);
                setServer(s);
              }}
            />
            {savedUrl === null && (
              <HostOffer
                onHost={() => {
                  setHosting(true);
                }}
              />
            )}
          </>
        )}
        {!rememberLogin && (
          <p className="auth-note auth-warning" role="note">
            <Icon name="alert" size={16} />
            <span>{t('rememberWarning')}</span>
          </p>
        )}
      </main>
    </div>
  );
}
