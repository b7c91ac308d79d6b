import type { IpcEventName, IpcEventPayload } from '@parley/shared';
import { app, dialog, session } from 'electron';
import { join } from 'node:path';
import type { DesktopCore } from '../core/desktop-core.js';
import type { HostController } from '../core/host/host-controller.js';
import { FocusTracker } from '../core/focus.js';
import { resolveLanguage, shellText } from '../core/i18n/shell-text.js';
import { createIpcHandlers } from '../core/ipc/handlers.js';
import { notificationContent } from '../core/notifications/notification-content.js';
import { contentSecurityPolicy } from '../core/security/csp.js';
import { SettingsStore } from '../core/settings/settings-store.js';
import { WindowStateFile } from '../core/settings/window-state.js';
import { installAppMenu } from './app-menu.js';
import {
  APP_ORIGIN,
  APP_URL,
  type FileUrlResponder,
  registerAppScheme,
  serveDevFileUrls,
  serveRenderer,
} from './app-protocol.js';
import { applyCertificatePins } from './certificate-pins.js';
import { bridgeCoreEvents } from './core-bridge.js';
import { SafeStorageCredentialStore } from './credentials.js';
import { trustedDevServer } from './dev-server.js';
import { chooseSavePath, openFile, showInFolder } from './file-shell.js';
import { originOf, registerIpcHandlers } from './ipc-router.js';
import { askBeforeQuitWhileHosting, createHost, type CutOffDeps, stopHostingAsked } from './hosting.js';
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
  host: HostController;
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
  app.on('before-quit', (event: Electron.Event) => {
    // Not when asked to wait (hosting asks first whether to cut people off).
    if (!event.defaultPrevented) windows.markQuitting();
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
  const host = createHost(userData, settings, core);

  const csp = contentSecurityPolicy(devServerUrl ? { devServerUrl } : {});
  const origin = devServerUrl ? (originOf(devServerUrl) ?? APP_ORIGIN) : APP_ORIGIN;
  lockDownSession(session.defaultSession, csp, origin);
  applyCertificatePins(session.defaultSession, core.tls.pins);
  const files: FileUrlResponder = (request) => core.files.respond(request);
  serveRenderer(builtPath('renderer'), csp, files);
  if (devServerUrl) serveDevFileUrls(origin, files);

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
      host,
      shell: {
        openExternal: async (url) => {
          await openExternalSafely(url);
        },
        appInfo: () => ({ version: app.getVersion(), platform: process.platform, language: language() }),
        rememberLogin: () => credentials.canPersist(),
        openPath: openFile,
        showItemInFolder: showInFolder,
        chooseSavePath: (name) => chooseSavePath(windows.window, name),
      },
    }),
    { window: () => windows.window, origin },
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
    hosting: () => host.status(),
    stopHosting: () => {
      void stopHostingAsked(cutOff);
    },
  });
  const cutOff: CutOffDeps = { host, text, window: () => windows.window };
  host.on('changed', () => {
    tray.refresh();
  });
  askBeforeQuitWhileHosting(cutOff);
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
  bridgeCoreEvents(
    { core, settings, host },
    {
      send,
      setUnread: (count) => {
        tray.setUnread(count);
      },
      notify: (request) => {
        notifier.notify(request);
      },
    },
  );

  const effects: SettingsEffectsDeps = {
    setDoNotDisturb: (on) => {
      core.setDoNotDisturb(on);
    },
    setFileCacheLimit: (bytes) => {
      core.files.setCacheLimit(bytes);
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
  // Hosting comes back first (if it was on), so the session resumes on a server that is there.
  void host
    .resume()
    .catch((err: unknown) => {
      console.error('[parley] could not start hosting', err);
    })
    .then(() => core.start())
    .catch((err: unknown) => {
      console.error('[parley] could not resume the session', err);
    });
  return { core, settings, windows, tray, host };
}
