import type { DiscoveredServer } from '@parley/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** host:port of a URL, as people type it. */
const hostOf = (url: string) => url.replace(/^https?:\/\//, '');

/** The Parley servers found on the LAN, live; picking one connects to it. */
export function DiscoveredServers({
  servers,
  disabled,
  onPick,
}: {
  servers: readonly DiscoveredServer[];
  disabled: boolean;
  onPick: (server: DiscoveredServer) => void;
}) {
  const { t } = useTranslation('auth');
  const titleId = useId();
  return (
    <section className="auth-discovered" aria-labelledby={titleId}>
      <h3 id={titleId} className="auth-discovered-title">
        {t('server.discovered.title')}
      </h3>
      {servers.length === 0 ? (
        <p className="auth-discovered-empty" role="status">
          <span className="auth-discovered-pulse" aria-hidden="true" />
          {t('server.discovered.looking')}
        </p>
      ) : (
        <ul className="auth-discovered-list">
          {servers.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="list-row auth-discovered-server"
                disabled={disabled}
                onClick={() => {
                  onPick(s);
                }}
              >
                <span
                  className={`auth-server-dot${s.reachable === false ? ' is-unreachable' : ''}`}
                  aria-hidden="true"
                />
                <span className="auth-server-text">
                  <span className="auth-server-name">
                    <strong>{s.name}</strong>
                    <span className="muted">{t('server.version', { version: s.version })}</span>
                  </span>
                  <span className="muted">
                    {hostOf(s.url)}
                    {!s.tls && (
                      <span className="auth-discovered-plain"> · {t('server.discovered.notPrivate')}</span>
                    )}
                  </span>
                  {s.reachable === false && (
                    <span className="auth-discovered-problem">{t('server.discovered.unreachable')}</span>
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
