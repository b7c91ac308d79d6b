import type { IpcChannel, IpcHandlers } from '@parley/shared';
import type { DesktopCore } from '../desktop-core.js';
import type { FocusTracker } from '../focus.js';
import type { HostController } from '../host/host-controller.js';
import type { UiLanguage } from '../i18n/shell-text.js';
import type { SettingsStore } from '../settings/settings-store.js';

/** What the IPC handlers need from the Electron shell; the shell implements it, tests fake it. */
export interface ShellPort {
  openExternal(url: string): Promise<void>;
  appInfo(): { version: string; platform: string; language: UiLanguage };
  /** Whether a login is kept between runs (false where the OS offers only plain-text storage). */
  rememberLogin(): boolean;
  /** Opens a file with the system's app for its type (the renderer warns about executables first). */
  openPath(path: string): Promise<void>;
  /** Shows a file in the system's file manager. */
  showItemInFolder(path: string): void;
  /** Asks where to save a file (the system's save dialog, offering `name`); null when cancelled. */
  chooseSavePath(name: string): Promise<string | null>;
}

export interface IpcHandlerDeps {
  core: DesktopCore;
  settings: SettingsStore;
  focus: FocusTracker;
  shell: ShellPort;
  /** Hosting a server on this computer; absent where nothing can be hosted (host.* then say so). */
  host?: HostController;
}

/** The handlers of the channels whose names start with `prefix.` */
export type HandlersOf<Prefix extends string> = Pick<IpcHandlers, Extract<IpcChannel, `${Prefix}.${string}`>>;
