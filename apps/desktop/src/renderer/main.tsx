import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { call, parley } from './api/parley.js';
import { App } from './components/App.js';
import { initI18n } from './i18n/index.js';
import { useStore } from './store/index.js';
import { subscribeToEvents } from './store/subscribe.js';
import './styles/tokens.css';
import './styles/base.css';

async function boot(): Promise<void> {
  const { language } = await call(parley().app.info());
  await initI18n(language);
  subscribeToEvents(useStore);
  await useStore.getState().loadSettings();
  const root = document.getElementById('app');
  if (!root) throw new Error('index.html has no #app');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  await useStore.getState().loadSession();
}

void boot();
