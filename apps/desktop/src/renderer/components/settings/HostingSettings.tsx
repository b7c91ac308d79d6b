import type { HostStatus } from '@parley/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';
import { hostFailureText } from '../hosting/failure-text.js';
import { HostForm } from '../hosting/HostForm.js';
import '../hosting/hosting.css';
import { useHostStatus } from '../hosting/use-host-status.js';
import { ConfirmDialog } from '../people/ConfirmDialog.js';

/** Settings → Hosting: the server this computer hosts (addresses, who is connected, stop), or start one. */
export function HostingSettings() {
  const { t } = useTranslation('hosting');
  const status = useHostStatus();
  const savedName = useStore((s) => s.settings?.hosting.name ?? null);
  if (!status) return null;
  if (status.state === 'running') return <RunningHost status={status} />;
  if (status.state !== 'stopped') {
    return (
      <div className="settings-card">
        <p className="host-state" role="status">
          <span className="host-dot" data-state={status.state} aria-hidden="true" />
          {t(`settings.${status.state}`)}
        </p>
      </div>
    );
  }
  return (
    <div className="settings-card">
      <p className="host-state">
        <span className="host-dot" data-state="stopped" aria-hidden="true" />
        {t('settings.stopped')}
      </p>
      {status.error && (
        <p className="field-error" role="alert">
          {hostFailureText(t, status.error)}
        </p>
      )}
      <p className="settings-card-hint">{t('settings.startHint')}</p>
      <HostForm initialName={status.name ?? savedName ?? ''} onStarted={() => undefined} />
    </div>
  );
}

function RunningHost({ status }: { status: HostStatus }) {
  const { t } = useTranslation('hosting');
  const serverUrl = useStore((s) => s.serverUrl);
  const [asking, setAsking] = useState(false);
  // This app signed in there goes offline with it.
  const mine = serverUrl !== null && serverUrl === status.localUrl;
  const stop = async () => {
    await call(parley().host.stop());
  };
  return (
    <div className="settings-card" aria-labelledby="hosting-state">
      <div className="host-head">
        <p id="hosting-state" className="host-state">
          <span className="host-dot" data-state="running" aria-hidden="true" />
          {t('settings.running', { name: status.name ?? '' })}
        </p>
        <p className="muted" data-testid="host-connected">
          {t('settings.connected', { count: status.connected })}
        </p>
      </div>
      <p className="settings-card-hint">{t('settings.keepsRunning')}</p>
      <div className="settings-field">
        <span className="settings-card-title">{t('settings.addresses')}</span>
        {status.urls.length > 0 ? (
          <ul className="host-addresses">
            {status.urls.map((url) => (
              <li key={url}>
                <code>{url}</code>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('settings.noNetwork')}</p>
        )}
        <span className="settings-field-hint">{t('settings.addressesHint')}</span>
      </div>
      {status.fingerprint && (
        <div className="settings-field">
          <span className="settings-card-title">{t('settings.fingerprint')}</span>
          <code className="host-fingerprint">{status.fingerprint}</code>
        </div>
      )}
      <div className="settings-actions">
        <button
          type="button"
          className="btn btn-danger"
          onClick={() => {
            if (status.connected > 0 || mine) setAsking(true);
            else void stop();
          }}
        >
          {t('settings.stop')}
        </button>
      </div>
      {asking && (
        <ConfirmDialog
          title={t('settings.stopTitle')}
          body={
            <>
              {status.connected > 0 && <p>{t('settings.cutOff', { count: status.connected })}</p>}
              {mine && <p>{t('settings.alsoYou')}</p>}
            </>
          }
          confirmLabel={t('settings.stop')}
          onConfirm={stop}
          onClose={() => {
            setAsking(false);
          }}
        />
      )}
    </div>
  );
}
