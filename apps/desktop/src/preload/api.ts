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
  // The paths files may be sent from: those Electron gave for files the user picked or dropped. A
  // page script that makes up a path (an injected one, say) cannot have the app read the disk for it.
  const granted = new Set<string>();
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of ipcChannels) {
    const [group = '', name = ''] = channel.split('.');
    (api[group] ??= {})[name] = (request?: unknown) => {
      if (channel === 'files.send') {
        const path = ungrantedPath(request, granted);
        if (path !== null) {
          return Promise.resolve({
            ok: false,
            error: { code: 'IPC_FORBIDDEN', message: `${path} was not picked or dropped by the user` },
          });
        }
      }
      return ipc.invoke(channel, request ?? {});
    };
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
      if (path === null || path === '') return null;
      granted.add(path);
      return path;
    } catch {
      return null;
    }
  };
  return { ...api, on, pathForFile } as unknown as ParleyApi;
}

/** The first path source of a files.send request the user did not give, or null. */
function ungrantedPath(request: unknown, granted: ReadonlySet<string>): string | null {
  const items = (request as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) return null;
  for (const item of items as ({ source?: { kind?: unknown; path?: unknown } } | null)[]) {
    const source = item?.source;
    if (source?.kind === 'path' && !(typeof source.path === 'string' && granted.has(source.path))) {
      return String(source.path);
    }
  }
  return null;
}
