import {
  type IpcChannel,
  ipcChannels,
  type IpcErrorBody,
  type IpcHandlers,
  type IpcResponse,
  type IpcResult,
} from '@parley/shared';
import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { dispatchIpc } from '../core/ipc/dispatch.js';

/** Who may call: the top frame of our main window, showing our own origin. */
export interface SenderPolicy {
  window: () => BrowserWindow | null;
  /** `scheme://host[:port]` of the renderer (parley://app, or the dev server). */
  origin: string;
}

/**
 * Registers one `ipcMain.handle` per contract channel. Each call is checked in order: the sender
 * must be our window's top frame on our origin (else IPC_FORBIDDEN), the request must match the
 * channel's schema (else IPC_INVALID_REQUEST with the issues); only then does the handler run.
 * There is no generic pass-through channel. Returns a function that removes the handlers.
 */
export function registerIpcHandlers(handlers: IpcHandlers, policy: SenderPolicy): () => void {
  for (const channel of ipcChannels) {
    ipcMain.handle(channel, (event, request: unknown) => dispatch(channel, handlers, policy, event, request));
  }
  return () => {
    for (const channel of ipcChannels) ipcMain.removeHandler(channel);
  };
}

/** The sender check, then the electron-free half (schema, handler, error mapping) in core. */
function dispatch<C extends IpcChannel>(
  channel: C,
  handlers: IpcHandlers,
  policy: SenderPolicy,
  event: IpcMainInvokeEvent,
  request: unknown,
): Promise<IpcResult<IpcResponse<C>>> {
  if (!isTrustedSender(event, policy)) {
    return Promise.resolve({ ok: false, error: forbidden(channel) });
  }
  return dispatchIpc(channel, handlers, request);
}

export function isTrustedSender(event: IpcMainInvokeEvent, policy: SenderPolicy): boolean {
  const win = policy.window();
  if (!win || win.isDestroyed()) return false;
  const frame = event.senderFrame;
  const top = win.webContents.mainFrame;
  return (
    frame !== null &&
    event.sender.id === win.webContents.id &&
    frame.parent === null &&
    frame.processId === top.processId &&
    frame.routingId === top.routingId &&
    originOf(frame.url) === policy.origin
  );
}

/** `scheme://host[:port]`; WHATWG URL reports "null" as the origin of custom schemes, so build it. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

function forbidden(channel: IpcChannel): IpcErrorBody {
  return {
    code: 'IPC_FORBIDDEN',
    message: `${channel}: refused a call from a frame that is not Parley's window`,
  };
}
