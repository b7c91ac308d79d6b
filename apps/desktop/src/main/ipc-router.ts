import {
  type IpcChannel,
  ipcChannels,
  ipcContract,
  type IpcErrorBody,
  type IpcErrorCode,
  type IpcHandlers,
  type IpcParsedRequest,
  type IpcResponse,
  type IpcResult,
  isErrorCode,
  validationError,
} from '@parley/shared';
import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';

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

async function dispatch<C extends IpcChannel>(
  channel: C,
  handlers: IpcHandlers,
  policy: SenderPolicy,
  event: IpcMainInvokeEvent,
  request: unknown,
): Promise<IpcResult<IpcResponse<C>>> {
  if (!isTrustedSender(event, policy)) {
    return refuse('IPC_FORBIDDEN', `${channel}: refused a call from a frame that is not Parley's window`);
  }
  const parsed = ipcContract.channels[channel].request.safeParse(request);
  if (!parsed.success) {
    const { message, issues } = validationError(parsed.error);
    return { ok: false, error: { code: 'IPC_INVALID_REQUEST', message: `${channel}: ${message}`, issues } };
  }
  try {
    const handler = handlers[channel];
    return { ok: true, data: await handler(parsed.data as IpcParsedRequest<C>) };
  } catch (err) {
    return { ok: false, error: toErrorBody(channel, err) };
  }
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

const passThrough = new Set<string>(['NETWORK', 'BAD_RESPONSE']);

function toErrorBody(channel: IpcChannel, err: unknown): IpcErrorBody {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof code === 'string' && (isErrorCode(code) || passThrough.has(code))) {
    return { code: code as IpcErrorCode, message };
  }
  console.error(`[ipc] ${channel} failed`, err);
  return { code: 'INTERNAL', message };
}

function refuse(code: IpcErrorCode, message: string): { ok: false; error: IpcErrorBody } {
  return { ok: false, error: { code, message } };
}
