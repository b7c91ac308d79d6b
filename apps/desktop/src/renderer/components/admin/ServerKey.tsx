import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { Fingerprint } from '../security/Fingerprint.js';

/**
 * The server's key fingerprint, for the admin to read out to people who connect for the first
 * time (their app shows the same groups before it trusts the key); or that the link is plain HTTP.
 */
export function ServerKey() {
  const { t } = useTranslation('admin');
  const serverUrl = useStore((s) => s.serverUrl);
  const [key, setKey] = useState<{ fingerprint: string | null } | null>(null);

  useEffect(() => {
    if (!serverUrl) return;
    let live = true;
    call(parley().session.checkServer({ serverUrl })).then(
      (checked) => {
        if (live) setKey({ fingerprint: checked.tls?.fingerprint ?? null });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [serverUrl]);

  if (!key) return null;
  return (
    <div className="settings-field">
      <div className="field">
        <span>{t('server.key')}</span>
        {key.fingerprint && <Fingerprint hex={key.fingerprint} label={t('server.key')} />}
      </div>
      <span className="settings-field-hint">{t(key.fingerprint ? 'server.keyHint' : 'server.noTls')}</span>
    </div>
  );
}
