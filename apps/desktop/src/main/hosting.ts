import { app, type BrowserWindow, dialog, type MessageBoxOptions } from 'electron';
import { join } from 'node:path';
import type { DesktopCore } from '../core/desktop-core.js';
import { HostController } from '../core/host/host-controller.js';
import { hostingPreference } from '../core/host/hosting-preference.js';
import { ownConnections } from '../core/host/own-connection.js';
import type { ShellText } from '../core/i18n/shell-text.js';
import type { SettingsStore } from '../core/settings/settings-store.js';
import { utilityHostLauncher } from './host-process.js';
import { electronSqliteBinding } from './native-binding.js';
import { builtPath } from './paths.js';

/**
 * The host controller of the app: the server runs in a utility process from the host bundle, with
 * its data in `<userData>/server` and the Electron build of better-sqlite3; this app's own core
 * does not count among the people connected.
 */
export function createHost(userData: string, settings: SettingsStore, core: DesktopCore): HostController {
  const nativeBinding = electronSqliteBinding(app.getAppPath(), process.versions.electron);
  const host = new HostController({
    launch: utilityHostLauncher(builtPath('main', 'host.cjs')),
    dataDir: join(userData, 'server'),
    preference: hostingPreference(settings),
    ...(nativeBinding ? { nativeBinding } : {}),
    ownConnections: ownConnections(core),
  });
  core.on('connection', () => {
    host.recount();
  });
  return host;
}

export interface CutOffDeps {
  host: HostController;
  text: () => ShellText;
  window: () => BrowserWindow | null;
}

/** Asks before hosting stops while others are connected ("3 people will be cut off"); true: go on. */
export async function confirmCutOff(deps: CutOffDeps, action: 'stop' | 'quit'): Promise<boolean> {
  const people = deps.host.status().connected;
  if (people === 0) return true;
  const text = deps.text();
  const options: MessageBoxOptions = {
    type: 'warning',
    title: action === 'quit' ? text.quitHostingTitle : text.stopHostingTitle,
    message: text.cutOff(people),
    detail: text.cutOffDetail,
    buttons: [action === 'quit' ? text.stopHostingAndQuit : text.stopHosting, text.cancel],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
  const win = deps.window();
  const { response } = await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  return response === 0;
}

/** Stop Hosting in the tray: asked first when people are connected; hosting then stays off. */
export async function stopHostingAsked(deps: CutOffDeps): Promise<void> {
  if (await confirmCutOff(deps, 'stop')) await deps.host.stop();
}

/**
 * Quitting while hosting (tray, menu, last window, the OS): asked first when people are connected;
 * then the server stops cleanly before the app quits. Hosting stays on, so it starts with the app.
 * Registered ahead of the other before-quit listeners, which see the quit as cancelled meanwhile.
 */
export function askBeforeQuitWhileHosting(deps: CutOffDeps): void {
  let cleared = false;
  let asking = false;
  app.prependListener('before-quit', (event: Electron.Event) => {
    if (cleared || deps.host.status().state === 'stopped') return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    void (async () => {
      try {
        if (!(await confirmCutOff(deps, 'quit'))) return;
        await deps.host.shutdown();
        cleared = true;
        app.quit();
      } finally {
        asking = false;
      }
    })();
  });
}
