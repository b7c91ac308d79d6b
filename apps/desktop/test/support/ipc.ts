import { type IpcChannel, ipcContract, type IpcRequest, type IpcResponse } from '@parley/shared';
import { join } from 'node:path';
import type { DesktopCore } from '../../src/core/desktop-core.js';
import { FocusTracker } from '../../src/core/focus.js';
import type { HostController } from '../../src/core/host/host-controller.js';
import type { ShellPort } from '../../src/core/ipc/deps.js';
import { createIpcHandlers } from '../../src/core/ipc/handlers.js';
import { SettingsStore } from '../../src/core/settings/settings-store.js';
import { tempDir } from './harness.js';

export type IpcCall = <C extends IpcChannel>(channel: C, request: IpcRequest<C>) => Promise<IpcResponse<C>>;

/** A ShellPort that records what the handlers asked of the system, and answers the save dialog with `saveAs`. */
export interface RecordingShell extends ShellPort {
  readonly opened: string[];
  readonly openedPaths: string[];
  readonly shownInFolder: string[];
  readonly saveDialogs: string[];
  saveAs: string | null;
}

export function recordingShell(overrides: Partial<ShellPort> = {}): RecordingShell {
  const shell: RecordingShell = {
    opened: [],
    openedPaths: [],
    shownInFolder: [],
    saveDialogs: [],
    saveAs: null,
    openExternal: (url) => {
      shell.opened.push(url);
      return Promise.resolve();
    },
    appInfo: () => ({ version: '0.1.0', platform: 'linux', language: 'en' }),
    rememberLogin: () => true,
    openPath: (path) => {
      shell.openedPaths.push(path);
      return Promise.resolve();
    },
    showItemInFolder: (path) => {
      shell.shownInFolder.push(path);
    },
    chooseSavePath: (name) => {
      shell.saveDialogs.push(name);
      return Promise.resolve(shell.saveAs);
    },
    ...overrides,
  };
  return shell;
}

/**
 * The IPC handlers of one real core, called the way the main process's router calls them: the
 * request is parsed by the channel's contract schema first, and the answer must parse with the
 * response schema. A refusal rejects with the handler's error (its `code` is what the renderer sees).
 */
export function ipcOf(
  core: DesktopCore,
  shell: ShellPort = recordingShell(),
  app: { settings?: SettingsStore; host?: HostController } = {},
): IpcCall {
  const handlers = createIpcHandlers({
    core,
    settings: app.settings ?? new SettingsStore(join(tempDir(), 'settings.json')),
    ...(app.host ? { host: app.host } : {}),
    focus: new FocusTracker((id) => {
      core.setFocusedConversation(id);
    }),
    shell,
  });
  return async (channel, request) => {
    const { request: req, response: res } = ipcContract.channels[channel];
    const handler = handlers[channel] as (r: unknown) => unknown;
    return res.parse(await handler(req.parse(request))) as never;
  };
}
