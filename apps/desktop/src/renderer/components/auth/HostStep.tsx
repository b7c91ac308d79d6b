import { useTranslation } from 'react-i18next';
import { HostForm } from '../hosting/HostForm.js';
import '../hosting/hosting.css';
import type { CheckedServer } from './ServerStep.js';

/**
 * Step 1 when hosting instead of joining: name the server, start it on this computer, then check
 * it as any server is checked (at http://127.0.0.1:<port>) and go on to create the first account.
 */
export function HostStep({
  check,
  onHosted,
  onBack,
}: {
  check: (url: string) => Promise<CheckedServer>;
  onHosted: (server: CheckedServer) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation('hosting');
  return (
    <div className="auth-form">
      <h2 className="auth-step-title">{t('step.title')}</h2>
      <p className="host-intro muted">{t('step.intro')}</p>
      <HostForm
        initialName=""
        autoFocus
        onStarted={async (status) => {
          if (status.localUrl !== null) onHosted(await check(status.localUrl));
        }}
      />
      <button type="button" className="btn btn-ghost host-switch" onClick={onBack}>
        {t('step.back')}
      </button>
    </div>
  );
}
