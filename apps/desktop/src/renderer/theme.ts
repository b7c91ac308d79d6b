import type { Theme } from '@parley/shared';

const dark = window.matchMedia('(prefers-color-scheme: dark)');
let current: Theme = 'system';

/** Sets `data-theme` on <html>; "system" follows the OS, live. */
export function applyTheme(theme: Theme): void {
  current = theme;
  const resolved = theme === 'system' ? (dark.matches ? 'dark' : 'light') : theme;
  document.documentElement.dataset.theme = resolved;
}

dark.addEventListener('change', () => {
  if (current === 'system') applyTheme('system');
});
