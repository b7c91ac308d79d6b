import { defaultSettings } from '@parley/shared';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../support/electron-double.js'));
const { applySettings } = await import('../../src/main/settings-effects.js');

function recorder() {
  const limits: (number | null)[] = [];
  const dnd: boolean[] = [];
  let trayRefreshes = 0;
  return {
    limits,
    dnd,
    trayRefreshes: () => trayRefreshes,
    deps: {
      setDoNotDisturb: (on: boolean) => dnd.push(on),
      setFileCacheLimit: (bytes: number | null) => limits.push(bytes),
      refreshTray: () => {
        trayRefreshes++;
      },
    },
  };
}

describe('settings applied to the core and the shell', () => {
  it('give the core the file cache limit at start and whenever it changes, in bytes', () => {
    const r = recorder();
    applySettings(defaultSettings, null, r.deps);
    const fiveGiB = { ...defaultSettings, fileCacheLimitGiB: 5 as const };
    applySettings(fiveGiB, defaultSettings, r.deps);
    applySettings({ ...fiveGiB, theme: 'dark' }, fiveGiB, r.deps);
    applySettings({ ...fiveGiB, fileCacheLimitGiB: null }, fiveGiB, r.deps);
    expect(r.limits).toEqual([10 * 1024 ** 3, 5 * 1024 ** 3, null]);
  });

  it('give the core Do not disturb every time, and refresh the tray when its text or state changes', () => {
    const r = recorder();
    applySettings(defaultSettings, null, r.deps);
    applySettings({ ...defaultSettings, doNotDisturb: true }, defaultSettings, r.deps);
    applySettings(
      { ...defaultSettings, doNotDisturb: true, theme: 'dark' },
      { ...defaultSettings, doNotDisturb: true },
      r.deps,
    );
    expect(r.dnd).toEqual([false, true, true]);
    expect(r.trayRefreshes()).toBe(2);
  });
});
