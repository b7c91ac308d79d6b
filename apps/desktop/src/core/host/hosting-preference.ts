import type { SettingsStore } from '../settings/settings-store.js';
import type { HostingPreference } from './host-controller.js';

/** The hosting setting kept in the app's settings file. */
export function hostingPreference(settings: SettingsStore): HostingPreference {
  return {
    get: () => settings.get().hosting,
    set: (hosting) => {
      settings.update({ hosting });
    },
  };
}
