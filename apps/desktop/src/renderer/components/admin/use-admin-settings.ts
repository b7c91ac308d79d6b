import type { AdminSettings, AdminSettingsPatch } from '@parley/shared';
import { useCallback, useEffect, useState } from 'react';
import { call, parley } from '../../api/parley.js';

/** The server's settings as the administration page edits them: loaded once, saved per card. */
export function useAdminSettings() {
  const [settings, setSettings] = useState<AdminSettings | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    call(parley().admin.getSettings()).then(
      (r) => {
        if (!live) return;
        setSettings(r.settings);
        setFailed(false);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  /** Saves a change; the answer (what is in force now) replaces what is shown. Throws the refusal. */
  const save = useCallback(async (patch: AdminSettingsPatch) => {
    const r = await call(parley().admin.updateSettings(patch));
    setSettings(r.settings);
    return r.settings;
  }, []);

  return { settings, failed, retry: () => setAttempt((n) => n + 1), save };
}

/** What each card is given: the settings in force, and how to change them. */
export interface SettingsCardProps {
  settings: AdminSettings;
  save: (patch: AdminSettingsPatch) => Promise<AdminSettings>;
}
