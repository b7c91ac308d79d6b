import type { ParleyApi } from '@parley/shared';
import type { IpcResult } from '@parley/shared';
import { unwrap } from '@parley/shared/ipc-api';

export { IpcError } from '@parley/shared/ipc-api';

/** The preload's object: the renderer's only way to the main process. */
export function parley(): ParleyApi {
  return window.parley;
}

/** The data of an IPC call, or an IpcError (with the stable code) when it was refused. */
export async function call<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  return unwrap(await pending);
}
