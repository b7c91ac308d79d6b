import type { Settings } from '@parley/shared';
import { cacheLimitBytes } from '../core/settings/settings-store.js';
import { applyStartAtLogin } from './login-item.js';

export interface SettingsEffectsDeps {
  setDoNotDisturb: (on: boolean) => void;
  setFileCacheLimit: (bytes: number | null) => void;
  refreshTray: () => void;
}

/**
 * Makes the shell match the settings: at start (previous = null) and after every change. The
 * renderer hears of changes through core/ipc/events.ts.
 */
export function applySettings(next: Settings, previous: Settings | null, deps: SettingsEffectsDeps): void {
  deps.setDoNotDisturb(next.doNotDisturb);
  if (previous?.fileCacheLimitGiB !== next.fileCacheLimitGiB) deps.setFileCacheLimit(cacheLimitBytes(next));
  if (previous?.startAtLogin !== next.startAtLogin) applyStartAtLogin(next.startAtLogin);
  if (previous?.language !== next.language || previous.doNotDisturb !== next.doNotDisturb) deps.refreshTray();
}
