import type { ServerTlsStatus } from '@parley/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { Modal } from '../common/Modal.js';
import { ServerKeyCheck } from './ServerKeyCheck.js';

/**
 * Opened from the connection bar while the link is refused for its key: checks the server again
 * (a handshake, nothing sent) and shows both keys; trusting the new one lets the link come back.
 */
export function KeyChangedDialog({ serverUrl, onClose }: { serverUrl: string; onClose: () => void }) {
  const { t } = useTranslation('auth');
  const [tls, setTls] = useState<ServerTlsStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call(parley().session.checkServer({ serverUrl })).then(
      (checked) => {
        if (!live) return;
        // The trusted key is back (or the server speaks plain HTTP now): nothing to decide.
        if (!checked.tls || checked.tls.trusted) onClose();
        else setTls(checked.tls);
      },
      (err: unknown) => {
        if (live) setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      live = false;
    };
  }, [serverUrl, onClose]);

  return (
    <Modal title={t('tls.firstTitle')} onClose={onClose} width={480}>
      {tls ? (
        <ServerKeyCheck serverUrl={serverUrl} tls={tls} onTrusted={onClose} onCancel={onClose} />
      ) : error !== null ? (
        <p className="key-check-error" role="alert">
          {t('tls.failed', { message: error })}
        </p>
      ) : (
        <p className="muted" role="status">
          {t('tls.checking')}
        </p>
      )}
    </Modal>
  );
}
