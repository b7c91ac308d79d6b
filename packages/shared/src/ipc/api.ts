import type { z } from 'zod';
import type { ErrorCode } from '../errors.js';
import type { IpcChannel, IpcEventName } from './channels.js';
import type { IpcContract } from './contract.js';

/** What the renderer passes (before the schema trims, defaults and brands). */
export type IpcRequest<C extends IpcChannel> = z.input<IpcContract['channels'][C]['request']>;
/** What the main process's handler receives after parsing. */
export type IpcParsedRequest<C extends IpcChannel> = z.output<IpcContract['channels'][C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<IpcContract['channels'][C]['response']>;
export type IpcEventPayload<E extends IpcEventName> = z.output<IpcContract['events'][E]>;

/**
 * Stable codes of a refused IPC call: the server's codes passed through, plus the desktop's own.
 * IPC_FORBIDDEN: the call came from a frame that is not our window's. IPC_INVALID_REQUEST: the
 * request did not match the channel's schema (see `issues`). IO: a local file could not be read or
 * written (a file to send, the cache, a chosen save location). TLS_UNTRUSTED: the https:// server's
 * key is not trusted yet (compare and `tls.trust` it); TLS_KEY_CHANGED: its key is not the one
 * trusted before, which could be an attack. Both carry `tls`, and nothing was sent to the server.
 */
export type IpcErrorCode =
  | ErrorCode
  | 'NETWORK'
  | 'BAD_RESPONSE'
  | 'IO'
  | 'IPC_FORBIDDEN'
  | 'IPC_INVALID_REQUEST'
  | 'TLS_UNTRUSTED'
  | 'TLS_KEY_CHANGED';

export interface IpcErrorBody {
  code: IpcErrorCode;
  message: string;
  issues?: { path: string; message: string }[];
  /** With TLS_UNTRUSTED and TLS_KEY_CHANGED: the key the server presented, and the one pinned for it. */
  tls?: { fingerprint: string; pinned: string | null };
}

/**
 * Every call resolves to a result rather than rejecting: an Error crossing Electron's
 * contextBridge keeps only its message, and the renderer needs the code.
 */
export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcErrorBody };

/** The main process's side of the contract: one handler per channel, given the parsed request. */
export type IpcHandlers = {
  [C in IpcChannel]: (request: IpcParsedRequest<C>) => Promise<IpcResponse<C>> | IpcResponse<C>;
};

type Namespace<C extends string> = C extends `${infer N}.${string}` ? N : never;

/** Channels whose request has no required field may be called without an argument. */
type IpcMethod<C extends IpcChannel> =
  Record<string, never> extends IpcRequest<C>
    ? (request?: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>>
    : (request: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>>;

/**
 * `window.parley`: one method per contract channel, grouped by the part before the dot
 * (`parley.conversations.list()`), and `on(event, listener)`, which returns its unsubscribe.
 */
export type ParleyApi = {
  readonly [N in Namespace<IpcChannel>]: {
    readonly [C in IpcChannel as C extends `${N}.${infer M}` ? M : never]: IpcMethod<C>;
  };
} & {
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
  /**
   * The path on disk of a file the user picked or dropped (Electron's webUtils.getPathForFile), to
   * send it by path; null for files that exist only in the page (pasted, recorded), which go as bytes.
   * Not an IPC call: it answers at once, in the renderer.
   */
  pathForFile(file: File): string | null;
};

/** A refused IPC call, thrown on the renderer's side by `unwrap`. */
export class IpcError extends Error {
  readonly code: IpcErrorCode;
  readonly issues: { path: string; message: string }[];
  /** The server's key and the pinned one, with TLS_UNTRUSTED and TLS_KEY_CHANGED. */
  readonly tls: { fingerprint: string; pinned: string | null } | null;

  constructor(body: IpcErrorBody) {
    super(body.message);
    this.name = 'IpcError';
    this.code = body.code;
    this.tls = body.tls ?? null;
    this.issues = body.issues ?? [];
  }
}

/** The data of a successful call, or an IpcError for a refused one. */
export function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.data;
  throw new IpcError(result.error);
}
