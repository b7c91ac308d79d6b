import { useTranslation } from 'react-i18next';
import { useStore } from '../store/index.js';
import { AuthScreen } from './auth/AuthScreen.js';
import { Toasts } from './common/Toasts.js';
import { MainLayout } from './layout/MainLayout.js';

export function App() {
  const { t } = useTranslation();
  const phase = useStore((s) => s.phase);
  return (
    <>
      {phase === 'loading' && <div className="splash">{t('loading')}</div>}
      {phase === 'signed-out' && <AuthScreen />}
      {phase === 'signed-in' && <MainLayout />}
      <Toasts />
    </>
  );
}
