import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { Icon } from '../common/Icon.js';
import { KeyChangedDialog } from '../security/KeyChangedDialog.js';
import { type Banner, nextBanner } from './connection-banner-state.js';
import './banner.css';

/** Connecting this long counts as being offline. */
const slowMs = 4000;
/** How long "Back online" stays. */
const backOnlineMs = 3000;

/** A slim bar over the main pane while the link is down or coming up; nothing while all is well. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useStore((s) => s.connection);
  const serverUrl = useStore((s) => s.serverUrl);
  const [checkingKey, setCheckingKey] = useState(false);
  const closeKeyCheck = useCallback(() => setCheckingKey(false), []);
  const [seen, setSeen] = useState(connection);
  const [banner, setBanner] = useState<Banner>(() =>
    nextBanner('none', { type: 'connection', state: connection }),
  );

  if (seen !== connection) {
    // A new state from the core: the banner follows during this render, without an effect's round trip.
    setSeen(connection);
    setBanner(nextBanner(banner, { type: 'connection', state: connection }));
  }

  useEffect(() => {
    if (banner !== 'connecting' && banner !== 'back-online') return;
    const event = banner === 'connecting' ? ({ type: 'slow' } as const) : ({ type: 'settled' } as const);
    const timer = setTimeout(
      () => setBanner((b) => nextBanner(b, event)),
      banner === 'connecting' ? slowMs : backOnlineMs,
    );
    return () => clearTimeout(timer);
  }, [banner]);

  const text =
    banner === 'connecting'
      ? t('connection.connecting')
      : banner === 'offline'
        ? t('connection.offline')
        : banner === 'back-online'
          ? t('connection.backOnline')
          : banner === 'untrusted'
            ? t('connection.untrusted')
            : null;
  // The live region stays in place, so screen readers hear each change of its text.
  return (
    <div className="conn-banner-region" role="status" aria-live="polite">
      {text !== null && (
        <div className={`conn-banner conn-banner-${banner}`} data-testid="connection-banner">
          {banner === 'offline' && <Icon name="wifiOff" size={15} />}
          {banner === 'back-online' && <Icon name="check" size={15} />}
          {banner === 'untrusted' && <Icon name="alert" size={15} />}
          <span>{text}</span>
          {banner === 'untrusted' && serverUrl !== null && (
            <button type="button" className="conn-banner-action" onClick={() => setCheckingKey(true)}>
              {t('connection.checkKey')}
            </button>
          )}
        </div>
      )}
      {checkingKey && serverUrl !== null && (
        <KeyChangedDialog serverUrl={serverUrl} onClose={closeKeyCheck} />
      )}
    </div>
  );
}
