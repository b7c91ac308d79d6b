import { type ErrorBody, type ErrorCode, httpStatusOf } from '@parley/shared';
import { type CancellationContext, type Locker, Server, type ServerOptions } from '@tus/server';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Caller } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { HashingFileStore } from './hashing-file-store.js';
import type { Uploads } from './uploads.js';

export const UPLOADS_PATH = '/api/files/uploads';

type TusRequest = Parameters<NonNullable<ServerOptions['onUploadCreate']>>[0];

/** tus's own refusals (protocol errors) in our vocabulary. */
function codeOfTusStatus(status: number): ErrorCode {
  if (status === 404) return 'FILE_NOT_FOUND';
  if (status === 409) return 'UPLOAD_OFFSET_MISMATCH';
  if (status === 410) return 'UPLOAD_EXPIRED';
  if (status === 413) return 'FILE_TOO_LARGE';
  if (status >= 500 && status !== 501) return 'INTERNAL';
  return 'VALIDATION_FAILED';
}

const errorJson = (body: ErrorBody) => JSON.stringify({ error: body });

/**
 * tus writes every error response through `write`; here each one leaves as our JSON error body
 * (`{error: {code, message}}`, Content-Type application/json) with the status of its code.
 */
class JsonErrorTusServer extends Server {
  override async write(context: CancellationContext, headers: Headers, status: number, body = '') {
    if (status < 400) return super.write(context, headers, status, body);
    let json = body;
    let code: ErrorCode;
    try {
      code = (JSON.parse(body) as { error: ErrorBody }).error.code;
    } catch {
      code = codeOfTusStatus(status);
      const message = code === 'INTERNAL' ? 'internal server error' : body.trim() || 'refused';
      json = errorJson({ code, message });
    }
    headers.set('Content-Type', 'application/json; charset=utf-8');
    return super.write(context, headers, httpStatusOf[code], json);
  }
}

/**
 * The tus 1.0.0 endpoint (creation, termination; expiry is ours, see Uploads.expire). The HTTP layer
 * has authenticated the request and checked who may touch the upload before tus sees it; it hands
 * the caller over in `callers`, keyed by the Node request.
 */
export function createTusServer(deps: {
  store: HashingFileStore;
  uploads: Uploads;
  callers: WeakMap<IncomingMessage, Caller>;
  corsOrigins: string[];
  /** Shared with our own PATCH handler (tus-patch.ts): one request at a time per upload. */
  locker: Locker;
  log: Logger;
}): Server {
  const callerOf = (req: TusRequest): Caller => {
    const node = req.runtime?.node?.req as IncomingMessage | undefined;
    const caller = node && deps.callers.get(node);
    if (!caller) throw new AppError('UNAUTHENTICATED', 'sign in first');
    return caller;
  };
  const tus = new JsonErrorTusServer({
    path: UPLOADS_PATH,
    datastore: deps.store,
    locker: deps.locker,
    // Relative, so the Location is right whatever scheme and address the client used.
    relativeLocation: true,
    allowedOrigins: deps.corsOrigins,
    namingFunction: () => randomUUID(),
    onUploadCreate: async (req, upload) => {
      await deps.uploads.create(callerOf(req), upload);
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      await deps.uploads.finish(upload.id);
      return {};
    },
    onResponseError: (_req, err) => {
      if (err instanceof AppError)
        return { status_code: httpStatusOf[err.code], body: errorJson(err.toBody()) };
      if ('status_code' in err) return undefined;
      deps.log.error('upload failed', { err: String(err) });
      return { status_code: 500, body: errorJson({ code: 'INTERNAL', message: 'internal server error' }) };
    },
  });
  return tus;
}
