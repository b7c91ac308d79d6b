import {
  type IpcChannel,
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
import { tlsRefusalIn } from '../tls/tls-refusal.js';

/**
 * One IPC call after the sender has been checked: the request must match the channel's schema
 * (else IPC_INVALID_REQUEST with the issues); only then does the handler run, and whatever it
 * throws becomes an error result with a stable code. Never rejects. The main process's router
 * calls this behind its sender check; the end-to-end harness calls it behind a Playwright binding.
 */
export async function dispatchIpc<C extends IpcChannel>(
  channel: C,
  handlers: IpcHandlers,
  request: unknown,
): Promise<IpcResult<IpcResponse<C>>> {
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

/** Codes of the core's own failures that the renderer handles like the server's codes. */
const passThrough = new Set<string>(['NETWORK', 'BAD_RESPONSE', 'IO']);

/** A handler's failure as the renderer sees it: its own code when it is a stable one, else INTERNAL. */
export function toErrorBody(channel: IpcChannel, err: unknown): IpcErrorBody {
  const refusal = tlsRefusalIn(err);
  if (refusal) {
    return {
      code: refusal.code,
      message: refusal.message,
      tls: { fingerprint: refusal.fingerprint, pinned: refusal.pinned },
    };
  }
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof code === 'string' && (isErrorCode(code) || passThrough.has(code))) {
    return { code: code as IpcErrorCode, message };
  }
  console.error(`[ipc] ${channel} failed`, err);
  return { code: 'INTERNAL', message };
}
