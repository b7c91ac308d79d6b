import type { SessionInfo } from '@parley/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { useNow } from '../chats/use-now.js';
import { Icon } from '../common/Icon.js';
import { ConfirmDialog } from '../people/ConfirmDialog.js';
import { relativeTime } from '../people/relative-time.js';
import { errorText } from '../common/error-text.js';

/** Devices signed in to my account; each one but this can be signed out from here. */
export function SessionsList({ refresh }: { refresh: number }) {
  const { t, i18n } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const toast = useStore((s) => s.toast);
  const now = useNow();
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [revoking, setRevoking] = useState<SessionInfo | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    call(parley().session.sessions()).then(
      ({ sessions: list }) => {
        if (!live) return;
        setSessions(
          [...list].sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt - a.lastUsedAt),
        );
        setFailed(false);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [version, refresh]);

  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const deviceOf = (s: SessionInfo) => s.deviceName || t('security.unknownDevice');
  return (
    <section className="settings-card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className="settings-card-title">
        {t('security.sessions')}
      </h2>
      <p className="settings-card-hint">{t('security.sessionsHint')}</p>
      {failed && <p className="field-error">{t('security.sessionsFailed')}</p>}
      {sessions && (
        <ul className="settings-sessions" aria-label={t('security.sessions')}>
          {sessions.map((s) => {
            const when = relativeTime(s.lastUsedAt, now, i18n.language);
            return (
              <li key={s.id} className="settings-session">
                <span className="settings-session-icon" aria-hidden="true">
                  <Icon name="monitor" size={18} />
                </span>
                <span className="settings-session-text">
                  <span className="settings-session-name">
                    {deviceOf(s)}
                    {s.current && <span className="settings-tag">{t('security.thisDevice')}</span>}
                  </span>
                  <span className="settings-session-meta">
                    {s.current || when === null
                      ? t('security.activeNow')
                      : t('security.lastActive', { when })}
                    {' · '}
                    {t('security.signedIn', { date: date.format(s.createdAt) })}
                  </span>
                </span>
                {!s.current && (
                  <button
                    type="button"
                    className="btn btn-secondary settings-session-revoke"
                    aria-label={t('security.revokeName', { device: deviceOf(s) })}
                    onClick={() => setRevoking(s)}
                  >
                    {t('security.revoke')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {revoking && (
        <ConfirmDialog
          title={t('security.revokeTitle', { device: deviceOf(revoking) })}
          body={<p>{t('security.revokeBody')}</p>}
          confirmLabel={t('security.revoke')}
          onConfirm={async () => {
            await call(parley().session.revoke({ sessionId: revoking.id }));
            toast(t('security.revoked', { device: deviceOf(revoking) }));
            setVersion((v) => v + 1);
          }}
          onClose={() => setRevoking(null)}
          describeError={(err) => errorText(tc, err)}
        />
      )}
    </section>
  );
}
