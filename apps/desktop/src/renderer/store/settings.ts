import type { Settings, SettingsPatch } from '@parley/shared';
import { call, parley } from '../api/parley.js';
import { setLanguage, type UiLanguage } from '../i18n/index.js';
import { applyTheme } from '../theme.js';
import type { SliceCreator } from './types.js';

export interface SettingsSlice {
  settings: Settings | null;
  /** The language on screen, with "system" resolved by the main process. */
  language: UiLanguage;
  loadSettings: () => Promise<void>;
  updateSettings: (patch: SettingsPatch) => Promise<void>;
  /** Applies settings that arrived (from this window or the tray). */
  settingsChanged: (settings: Settings) => Promise<void>;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => ({
  settings: null,
  language: 'en',
  loadSettings: async () => {
    await get().settingsChanged(await call(parley().settings.get()));
  },
  updateSettings: async (patch) => {
    await get().settingsChanged(await call(parley().settings.set(patch)));
  },
  settingsChanged: async (settings) => {
    const { language } = await call(parley().app.info());
    applyTheme(settings.theme);
    await setLanguage(language);
    set({ settings, language });
  },
});
