import { ipcChannels, ipcEventChannel, isIpcEventName } from '@parley/shared/ipc-channels';
import type { IpcEventName, ParleyApi } from '@parley/shared';
import type { IpcRenderer, IpcRendererEvent } from 'electron';

/**
 * Builds `window.parley` from the contract's channel names: `parley.<group>.<name>(request)` for
 * each channel, and `on(event, listener)`, which returns its unsubscribe. The renderer never sees
 * ipcRenderer, an Electron event object, or a channel outside the contract.
 */
export function buildParleyApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): ParleyApi {
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
  return { ...api, on } as unknown as ParleyApi;
}
