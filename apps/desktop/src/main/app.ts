import type { IpcEventName, IpcEventPayload } from '@parley/shared';
import { app, dialog, session } from 'electron';
import { join } from 'node:path';
import type { DesktopCore } from '../core/desktop-core.js';
import { FocusTracker } from '../core/focus.js';
import { resolveLanguage, shellText } from '../core/i18n/shell-text.js';
import { createIpcHandlers } from '../core/ipc/handlers.js';
import { notificationContent } from '../core/notifications/notification-content.js';
import { contentSecurityPolicy } from '../core/security/csp.js';
import { SettingsStore } from '../core/settings/settings-store.js';
import { WindowStateFile } from '../core/settings/window-state.js';
import { installAppMenu } from './app-menu.js';
import { APP_ORIGIN, APP_URL, registerAppScheme, serveRenderer } from './app-protocol.js';
import { bridgeCoreEvents } from './core-bridge.js';
import { SafeStorageCredentialStore } from './credentials.js';
import { trustedDevServer } from './dev-server.js';
import { originOf, registerIpcHandlers } from './ipc-router.js';
import { HIDDEN_FLAG } from './login-item.js';
import { MainWindowController } from './main-window.js';
import { MessageNotifier } from './notifications.js';
import { openCore } from './open-core.js';
import { APP_ID, builtPath, resourcePath } from './paths.js';
import { sendToRenderer } from './renderer-events.js';
import { hardenWebContents, lockDownSession, openExternalSafely } from './security.js';
import { applySettings, type SettingsEffectsDeps } from './settings-effects.js';
import { claimSingleInstance } from './single-instance.js';
import { ParleyTray } from './tray.js';
import { createMainWindow } from './window.js';

export interface LaunchOptions {
  argv: readonly string[];
  /** ELECTRON_RENDERER_URL, set by electron-vite in development; ignored in a packaged app. */
  devServerUrl?: string | undefined;
}

export interface RunningParley {
  core: DesktopCore;
  settings: SettingsStore;
  windows: MainWindowController;
  tray: ParleyTray;
}

/**
 * The main process: everything Electron-specific is wired here around the desktop core. Resolves
 * to null in a second instance (which hands over to the first) or when the app cannot start.
 */
export async function launch(options: LaunchOptions): Promise<RunningParley | null> {
  registerAppScheme();
  const windows = new MainWindowController();
  if (!claimSingleInstance(() => windows.open())) {
    app.quit();
    return null;
  }
  app.setAppUserModelId(APP_ID);
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
  });
  app.on('before-quit', () => {
    windows.markQuitting();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    windows.open();
  });
  await app.whenReady();
  try {
    return start(options, windows);
  } catch (err) {
    const text = shellText(resolveLanguage('system', app.getPreferredSystemLanguages()));
    dialog.showErrorBox(text.startFailedTitle, (err as Error).message);
    app.exit(1);
    return null;
  }
}

function start(options: LaunchOptions, windows: MainWindowController): RunningParley {
  const isDev = !app.isPackaged;
  const devServerUrl = trustedDevServer(options.devServerUrl, app.isPackaged);
  const userData = app.getPath('userData');
  const settings = new SettingsStore(join(userData, 'settings.json'));
  const language = () => resolveLanguage(settings.get().language, app.getPreferredSystemLanguages());
  const text = () => shellText(language());
  const credentials = new SafeStorageCredentialStore(join(userData, 'session.bin'), () => {
    console.warn(`[parley] ${shellText('en').plainTextStorage}`);
  });
  const core = openCore(userData, credentials, text().nativeModuleMissing);

  const csp = contentSecurityPolicy(devServerUrl ? { devServerUrl } : {});
  lockDownSession(session.defaultSession, csp);
  serveRenderer(builtPath('renderer'), csp);

  const send = <E extends IpcEventName>(event: E, payload: IpcEventPayload<E>) => {
    sendToRenderer(windows.window, event, payload);
  };
  const focus = new FocusTracker((id) => {
    core.setFocusedConversation(id);
  });
  const windowState = new WindowStateFile(join(userData, 'window-state.json'));
  windows.configure({
    create: () =>
      createMainWindow({
        url: devServerUrl ?? APP_URL,
        preload: builtPath('preload', 'index.cjs'),
        state: windowState,
        icon: resourcePath('icon.png'),
      }),
    closeToTray: () => settings.get().closeToTray,
    onFocusChange: (focused) => {
      focus.setWindowFocused(focused);
    },
  });

  registerIpcHandlers(
    createIpcHandlers({
      core,
      settings,
      focus,
      shell: {
        openExternal: async (url) => {
          await openExternalSafely(url);
        },
        appInfo: () => ({ version: app.getVersion(), platform: process.platform, language: language() }),
        rememberLogin: () => credentials.canPersist(),
      },
    }),
    {
      window: () => windows.window,
      origin: devServerUrl ? (originOf(devServerUrl) ?? APP_ORIGIN) : APP_ORIGIN,
    },
  );

  const tray = new ParleyTray({
    text,
    doNotDisturb: () => settings.get().doNotDisturb,
    setDoNotDisturb: (on) => settings.update({ doNotDisturb: on }),
    open: () => windows.open(),
    quit: () => {
      app.quit();
    },
    icon: (file) => resourcePath('tray', file),
  });
  installAppMenu({ isMac: process.platform === 'darwin', isDev });

  const notifier = new MessageNotifier({
    settings: () => settings.get(),
    content: (request, preview) => notificationContent(core.store, request, { preview, text: text() }),
    icon: () => resourcePath('icon.png'),
    open: (conversationId) => {
      const opened = windows.open();
      if (conversationId === null) return;
      if (opened?.created) {
        opened.win.webContents.once('did-finish-load', () => {
          send('notification.open', { conversationId });
        });
      } else {
        send('notification.open', { conversationId });
      }
    },
  });
  bridgeCoreEvents(core, settings, {
    send,
    setUnread: (count) => {
      tray.setUnread(count);
    },
    notify: (request) => {
      notifier.notify(request);
    },
  });

  const effects: SettingsEffectsDeps = {
    setDoNotDisturb: (on) => {
      core.setDoNotDisturb(on);
    },
    refreshTray: () => {
      tray.refresh();
    },
  };
  applySettings(settings.get(), null, effects);
  settings.on('changed', (next, previous) => {
    applySettings(next, previous, effects);
  });

  windows.open(!options.argv.includes(HIDDEN_FLAG));
  tray.setUnread(core.badge());
  app.on('will-quit', () => {
    tray.destroy();
    core.close();
  });
  core.start().catch((err: unknown) => {
    console.error('[parley] could not resume the session', err);
  });
  return { core, settings, windows, tray };
}
