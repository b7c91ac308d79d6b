import { type IpcChannel, ipcContract, type IpcRequest, type IpcResponse } from '@parley/shared';
import { join } from 'node:path';
import type { DesktopCore } from '../../src/core/desktop-core.js';
import { FocusTracker } from '../../src/core/focus.js';
import { createIpcHandlers } from '../../src/core/ipc/handlers.js';
import { SettingsStore } from '../../src/core/settings/settings-store.js';
import { tempDir } from './harness.js';

export type IpcCall = <C extends IpcChannel>(channel: C, request: IpcRequest<C>) => Promise<IpcResponse<C>>;

/**
 * The IPC handlers of one real core, called the way the main process's router calls them: the
 * request is parsed by the channel's contract schema first, and the answer must parse with the
 * response schema. A refusal rejects with the handler's error (its `code` is what the renderer sees).
 */
export function ipcOf(core: DesktopCore): IpcCall {
  const handlers = createIpcHandlers({
    core,
    settings: new SettingsStore(join(tempDir(), 'settings.json')),
    focus: new FocusTracker((id) => {
      core.setFocusedConversation(id);
    }),
    shell: {
      openExternal: () => Promise.resolve(),
      appInfo: () => ({ version: '0.1.0', platform: 'linux', language: 'en' }),
      rememberLogin: () => true,
    },
  });
  return async (channel, request) => {
    const { request: req, response: res } = ipcContract.channels[channel];
    const handler = handlers[channel] as (r: unknown) => unknown;
    return res.parse(await handler(req.parse(request))) as never;
  };
}
