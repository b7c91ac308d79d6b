import type { IpcChannel, IpcHandlers } from '@parley/shared';
import type { DesktopCore } from '../desktop-core.js';
import type { FocusTracker } from '../focus.js';
import type { UiLanguage } from '../i18n/shell-text.js';
import type { SettingsStore } from '../settings/settings-store.js';

/** What the IPC handlers need from the Electron shell; the shell implements it, tests fake it. */
export interface ShellPort {
  openExternal(url: string): Promise<void>;
  appInfo(): { version: string; platform: string; language: UiLanguage };
  /** Whether a login is kept between runs (false where the OS offers only plain-text storage). */
  rememberLogin(): boolean;
}

export interface IpcHandlerDeps {
  core: DesktopCore;
  settings: SettingsStore;
  focus: FocusTracker;
  shell: ShellPort;
}

/** The handlers of the channels whose names start with `prefix.` */
export type HandlersOf<Prefix extends string> = Pick<IpcHandlers, Extract<IpcChannel, `${Prefix}.${string}`>>;
