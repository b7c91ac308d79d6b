import type { ServerTlsStatus } from '@parley/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { Icon } from '../common/Icon.js';
import { Fingerprint } from './Fingerprint.js';
import './security.css';

/**
 * Asks once before trusting an https:// server's key: on first contact, compare the fingerprint
 * with the one the server shows; after a change, a loud warning with both keys. Trusting stores
 * the pin (`tls.trust`); nothing is sent to the server before that.
 */
export function ServerKeyCheck({
  serverUrl,
  tls,
  onTrusted,
  onCancel,
}: {
  serverUrl: string;
  tls: ServerTlsStatus;
  onTrusted: (fingerprint: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('auth');
  const { t: tc } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changed = tls.pinned !== null && tls.pinned !== tls.fingerprint;
  const address = serverUrl.replace(/^https:\/\//, '');

  const trust = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(parley().tls.trust({ serverUrl, fingerprint: tls.fingerprint }));
      onTrusted(tls.fingerprint);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <section className={changed ? 'key-check key-check-changed' : 'key-check'} data-testid="key-check">
      {changed ? (
        <>
          <h2 className="key-check-title" role="alert">
            <Icon name="alert" size={18} />
            {t('tls.changedTitle')}
          </h2>
          <p>{t('tls.changedBody', { address })}</p>
          <p className="key-check-label">{t('tls.trustedKey')}</p>
          <Fingerprint hex={tls.pinned ?? ''} label={t('tls.trustedKey')} />
          <p className="key-check-label">{t('tls.newKey')}</p>
          <Fingerprint hex={tls.fingerprint} label={t('tls.newKey')} />
          <p className="muted key-check-hint">{t('tls.changedHint')}</p>
        </>
      ) : (
        <>
          <h2 className="key-check-title">
            <Icon name="shield" size={18} />
            {t('tls.firstTitle')}
          </h2>
          <p>{t('tls.firstBody', { address })}</p>
          <Fingerprint hex={tls.fingerprint} label={t('tls.fingerprintLabel')} />
          <p className="muted key-check-hint">{t('tls.firstHint')}</p>
        </>
      )}
      {error !== null && (
        <p className="key-check-error" role="alert">
          {t('tls.failed', { message: error })}
        </p>
      )}
      <div className="key-check-actions">
        <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
          {tc('actions.cancel')}
        </button>
        <button
          type="button"
          className={changed ? 'btn btn-danger' : 'btn'}
          onClick={() => void trust()}
          disabled={busy}
        >
          {busy ? t('tls.trusting') : changed ? t('tls.trustNew') : t('tls.trust')}
        </button>
      </div>
    </section>
  );
}
