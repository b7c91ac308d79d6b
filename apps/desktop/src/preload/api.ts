import { ipcChannels, ipcEventChannel, isIpcEventName } from '@parley/shared/ipc-channels';
import type { IpcEventName, ParleyApi } from '@parley/shared';
import type { IpcRenderer, IpcRendererEvent } from 'electron';

/**
 * Builds `window.parley` from the contract's channel names: `parley.<group>.<name>(request)` for
 * each channel, `on(event, listener)`, which returns its unsubscribe, and `pathForFile(file)` (the
 * preload's Electron webUtils; null for a file that exists only in the page). The renderer never
 * sees ipcRenderer, an Electron event object, or a channel outside the contract.
 */
export function buildParleyApi(
  ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
  pathOf: (file: File) => string | null,
): ParleyApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of ipcChannels) {
    const [group = '', name = ''] = channel.split('.');
    (api[group] ??= {})[name] = (request?: unknown) => ipc.invoke(channel, request ?? {});
  }
  const on = (event: IpcEventName, listener: (payload: unknown) => void): (() => void) => {
    if (!isIpcEventName(event)) throw new TypeError(`unknown Parley event: ${String(event)}`);
    const channel = ipcEventChannel(event);
    const forward = (_event: IpcRendererEvent, payload: unknown) => {
      listener(payload);
    };
    ipc.on(channel, forward);
    return () => {
      ipc.removeListener(channel, forward);
    };
  };
  const pathForFile = (file: File): string | null => {
    try {
      const path = pathOf(file);
      return path === null || path === '' ? null : path;
    } catch {
      return null;
    }
  };
  return { ...api, on, pathForFile } as unknown as ParleyApi;
}
