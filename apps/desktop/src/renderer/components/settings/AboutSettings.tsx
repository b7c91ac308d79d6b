import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';

export function AboutSettings() {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const serverUrl = useStore((s) => s.serverUrl);
  const me = useStore((s) => s.me);
  const [info, setInfo] = useState<{ version: string; platform: string } | null>(null);
  useEffect(() => {
    call(parley().app.info()).then(setInfo, () => undefined);
  }, []);
  return (
    <div className="settings-card settings-about">
      <div className="settings-about-head">
        <span className="settings-about-logo" aria-hidden="true">
          P
        </span>
        <div>
          <h2 className="settings-about-name">{tc('appName')}</h2>
          <p className="muted">{t('about.tagline')}</p>
        </div>
      </div>
      <dl className="settings-facts">
        <div>
          <dt>{t('about.version')}</dt>
          <dd data-testid="app-version">{info?.version ?? '…'}</dd>
        </div>
        <div>
          <dt>{t('about.platform')}</dt>
          <dd>{info?.platform ?? '…'}</dd>
        </div>
        {serverUrl && (
          <div>
            <dt>{t('about.server')}</dt>
            <dd>{serverUrl}</dd>
          </div>
        )}
        {me && (
          <div>
            <dt>{t('about.signedInAs')}</dt>
            <dd>
              {me.displayName} (@{me.username})
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
