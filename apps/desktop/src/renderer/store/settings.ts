import type { Settings, SettingsPatch } from '@parley/shared';
import { call, parley } from '../api/parley.js';
import { setLanguage, type UiLanguage } from '../i18n/index.js';
import { applyTheme } from '../theme.js';
import type { SliceCreator } from './types.js';

/** The pages of the Settings view. */
export type SettingsSection =
  | 'profile'
  | 'notifications'
  | 'appearance'
  | 'general'
  | 'storage'
  | 'hosting'
  | 'security'
  | 'about'
  | 'admin';

export interface SettingsSlice {
  settings: Settings | null;
  settingsSection: SettingsSection;
  /** The language on screen, with "system" resolved by the main process. */
  language: UiLanguage;
  loadSettings: () => Promise<void>;
  updateSettings: (patch: SettingsPatch) => Promise<void>;
  /** Applies settings that arrived (from this window or the tray). */
  settingsChanged: (settings: Settings) => Promise<void>;
  setSettingsSection: (section: SettingsSection) => void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => ({
  settings: null,
  settingsSection: 'profile',
  language: 'en',
  loadSettings: async () => {
    await get().settingsChanged(await call(parley().settings.get()));
  },
  updateSettings: async (patch) => {
    // Shown at once (a switch must not wait for the round trip), corrected by the stored answer.
    const before = get().settings;
    if (before) set({ settings: { ...before, ...patch } });
    try {
      await get().settingsChanged(await call(parley().settings.set(patch)));
    } catch (err) {
      if (before) set({ settings: before });
      throw err;
    }
  },
  settingsChanged: async (settings) => {
    const { language } = await call(parley().app.info());
    applyTheme(settings.theme);
    await setLanguage(language);
    set({ settings, language });
  },
  setSettingsSection: (settingsSection) => {
    set({ settingsSection });
  },
});
