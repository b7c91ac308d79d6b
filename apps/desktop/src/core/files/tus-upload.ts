import type { ErrorBody } from '@parley/shared';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type { Agent } from 'node:https';
import { DefaultHttpStack, type DetailedError, type HttpStack, Upload } from 'tus-js-client';
import { errorBodyOf } from './files-http.js';
import { type FileStamp, sameStamp, stampOf } from './hash.js';
import { IoError } from './probe.js';

/** tus chunks: large enough for loopback and LAN throughput, small enough to resend after a cut. */
export const CHUNK_SIZE = 8 * 1024 * 1024;

export interface TusAttemptOptions {
  endpoint: string;
  /** Where an earlier attempt created the upload: resumed from the offset the server reports (HEAD). */
  uploadUrl: string | null;
  path: string;
  size: number;
  /** For a user's file: what it was when hashed. Each chunk checks it first; a change fails with IoError. */
  stamp: FileStamp | null;
  displayName: string;
  metadata: Record<string, string>;
  bearer: () => Promise<string>;
  /** The TLS policy's agent: an https:// endpoint is reached only through it (pinned or CA-trusted keys). */
  agent: Agent;
  chunkSize?: number;
  /** An attempt with no bytes moving for this long is given up (a link that hangs without closing). */
  stallMs?: number;
  onUrl: (url: string) => void;
  /** The server confirmed it holds this many bytes. */
  onConfirmed: (offset: number) => void;
  /** Bytes sent so far, confirmed or not (for progress). */
  onProgress: (bytes: number) => void;
}

/** Why an attempt failed: the server refused (with its status and body, if it gave one) or no answer came. */
export class TusFailure extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly body: ErrorBody | null,
    readonly method: string | null,
  ) {
    super(message);
    this.name = 'TusFailure';
  }
}

/**
 * The file's bytes, read chunk by chunk from disk. A user's file must still be what was hashed:
 * each chunk checks it before and after it is read, and a chunk that comes out short (the file
 * shrank under us) or a change seen afterwards breaks the attempt with an IoError at once, rather
 * than leaving a request waiting for bytes that will never come.
 */
class LocalFileSource {
  constructor(
    private readonly options: TusAttemptOptions,
    private readonly broken: (err: IoError) => void,
  ) {}

  get size(): number {
    return this.options.size;
  }

  async slice(start: number, end: number): Promise<{ value: Transform | null; done: boolean }> {
    const { path, stamp, size, displayName } = this.options;
    const changed = () => new IoError(`${displayName} was changed or removed before it was sent`);
    const unchanged = async () => {
      if (!stamp) return true;
      const now = await stampOf(path).catch(() => null);
      return now !== null && sameStamp(now, stamp);
    };
    if (!(await unchanged())) throw changed();
    if (start >= end) return { value: null, done: true };
    const expected = end - start;
    let read = 0;
    const value = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        read += chunk.length;
        done(null, chunk);
      },
      flush: (done) => {
        void unchanged().then((same) => {
          if (read !== expected || !same) this.broken(changed());
          done();
        });
      },
    });
    createReadStream(path, { start, end: end - 1 })
      .on('error', (err) => {
        this.broken(
          new IoError(`cannot read ${displayName}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`),
        );
      })
      .pipe(value);
    // tus-js-client's Node HTTP stack sends a stream's `size` as Content-Length.
    Object.assign(value, { size: expected });
    return { value, done: end >= size };
  }

  close(): void {
    // Each slice opens and closes its own stream.
  }
}

/**
 * One try at an upload with tus-js-client: resumes at `uploadUrl` when given (HEAD, then PATCH from
 * the server's offset; a 4xx on HEAD makes a new upload), else creates it (POST). Resolves with the
 * upload's URL when the server has every byte. tus-js-client's own retries are off: the caller
 * decides, from the failure, whether to wait and try again or to give up.
 */
export function tusAttempt(options: TusAttemptOptions): { done: Promise<string>; abort: () => void } {
  let upload: Upload | null = null;
  let settle: { resolve: (url: string) => void; reject: (err: Error) => void } | null = null;
  let lastActivity = Date.now();
  let watchdog: NodeJS.Timeout | null = null;
  const stallMs = options.stallMs ?? 60_000;

  const finish = (outcome: { url: string } | { error: Error }) => {
    if (watchdog) clearInterval(watchdog);
    const s = settle;
    settle = null;
    if (!s) return;
    if ('url' in outcome) s.resolve(outcome.url);
    else s.reject(outcome.error);
  };

  const done = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
    const source = new LocalFileSource(options, (err) => {
      void upload?.abort(false);
      finish({ error: err });
    });
    upload = new Upload({ path: options.path } as never, {
      endpoint: options.endpoint,
      uploadUrl: options.uploadUrl,
      uploadSize: options.size,
      chunkSize: options.chunkSize ?? CHUNK_SIZE,
      metadata: options.metadata,
      retryDelays: null,
      httpStack: policyHttpStack(options.agent),
      storeFingerprintForResuming: false,
      fingerprint: () => Promise.resolve(null as unknown as string),
      fileReader: { openFile: () => Promise.resolve(source) },
      onBeforeRequest: async (req) => {
        lastActivity = Date.now();
        req.setHeader('Authorization', `Bearer ${await options.bearer()}`);
      },
      onUploadUrlAvailable: () => {
        if (upload?.url) options.onUrl(upload.url);
      },
      onProgress: (sent) => {
        lastActivity = Date.now();
        options.onProgress(sent);
      },
      onChunkComplete: (_chunk, accepted) => {
        options.onConfirmed(accepted);
      },
      onSuccess: () => {
        const url = upload?.url;
        finish(url ? { url } : { error: new TusFailure('the server gave no upload URL', null, null, null) });
      },
      onError: (err) => {
        finish({ error: failureOf(err) });
      },
    });
    upload.start();
    watchdog = setInterval(
      () => {
        if (Date.now() - lastActivity < stallMs) return;
        void upload?.abort(false);
        finish({ error: new TusFailure(`no progress for ${stallMs / 1000} s`, null, null, null) });
      },
      Math.min(stallMs, 5_000),
    );
    watchdog.unref();
  });

  return {
    done,
    abort: () => {
      void upload?.abort(false);
      finish({ error: new TusFailure('aborted', null, null, null) });
    },
  };
}

/** tus-js-client's Node HTTP stack, with https:// requests made through the TLS policy's agent. */
function policyHttpStack(agent: Agent): HttpStack {
  const secure = new DefaultHttpStack({ agent });
  const plain = new DefaultHttpStack({});
  return {
    createRequest: (method, url) => (url.startsWith('https:') ? secure : plain).createRequest(method, url),
    getName: () => 'PolicyHttpStack',
  };
}

/** tus-js-client's error as the status and error body it carried, or the local read failure behind it. */
function failureOf(err: Error | DetailedError): Error {
  const detailed = err as Partial<DetailedError>;
  const cause = detailed.causingError;
  if (cause instanceof IoError) return cause;
  const res = detailed.originalResponse ?? null;
  const method = detailed.originalRequest?.getMethod() ?? null;
  if (!res) return new TusFailure(cause?.message ?? err.message, null, null, method);
  const body = errorBodyOf(res.getBody());
  return new TusFailure(body?.message ?? err.message, res.getStatus(), body, method);
}
