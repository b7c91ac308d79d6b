import type { FileInfo } from '@parley/shared';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../sync/api-client.js';
import { exists, type FileCache, sizeOf } from './file-cache.js';
import { apiErrorOf, type FilesHttp } from './files-http.js';
import { hashFile } from './hash.js';

export interface DownloadOptions {
  http: FilesHttp;
  cache: FileCache;
  file: FileInfo;
  signal: AbortSignal;
  /** Bytes in the cache so far (the partial file's size). */
  onProgress: (bytes: number) => void;
  /** Network failures tried again, with back-off, before giving up (progress starts the count over). */
  attempts?: number;
  retryDelayMs?: number;
  retryDelayMaxMs?: number;
}

/** A download whose bytes did not hash to what the server declared. */
export class ChecksumError extends Error {
  readonly code = 'CHECKSUM_MISMATCH';
  constructor(message: string) {
    super(message);
    this.name = 'ChecksumError';
  }
}

/**
 * Fetches a file's original into the content-addressed cache and returns its path. Bytes go to
 * `<sha256>.part` first; an interrupted download goes on from the partial's size with `Range` and
 * `If-Range` (the ETag is the sha256, so a changed file is sent whole instead). The whole file is
 * hashed at the end: a mismatch drops the partial, and one that came from a resumed partial is
 * downloaded once more from the start before the error is reported.
 */
export async function downloadBlob(o: DownloadOptions): Promise<string> {
  const { cache, file } = o;
  const blob = cache.blob(file.sha256);
  if (await exists(blob)) return blob;
  const part = cache.part(file.sha256);
  await mkdir(dirname(part), { recursive: true });
  let failures = 0;
  let restartedAfterMismatch = false;
  for (;;) {
    const have = await sizeOf(part);
    try {
      const resumed = have > 0;
      await fetchRest(o, part, have > file.size ? 0 : have);
      const { sha256 } = await hashFile(part, { signal: o.signal, name: file.name });
      if (sha256 !== file.sha256) {
        await rm(part, { force: true });
        if (resumed && !restartedAfterMismatch) {
          restartedAfterMismatch = true;
          continue;
        }
        throw new ChecksumError(`${file.name} did not arrive intact (its SHA-256 differs); it was dropped`);
      }
      await rename(part, blob);
      return blob;
    } catch (err) {
      if (o.signal.aborted) throw o.signal.reason;
      if (!(err instanceof ApiError && err.code === 'NETWORK')) throw err;
      if ((await sizeOf(part)) > have) failures = 0;
      if (++failures >= (o.attempts ?? 5)) throw err;
      const base = Math.min(o.retryDelayMaxMs ?? 15_000, (o.retryDelayMs ?? 500) * 2 ** (failures - 1));
      await sleep(base * (0.5 + Math.random()), undefined, { signal: o.signal });
    }
  }
}

/** One request for the bytes after `offset`, appended to the partial (or written afresh). */
async function fetchRest(o: DownloadOptions, part: string, offset: number): Promise<void> {
  const { file } = o;
  if (offset === file.size && offset > 0) return;
  const headers: Record<string, string> =
    offset > 0 ? { range: `bytes=${offset}-`, 'if-range': `"${file.sha256}"` } : {};
  const res = await o.http.fetch(`/api/files/${file.id}`, { headers, signal: o.signal });
  let start: number;
  if (res.status === 206) {
    start = Number(/^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '')?.[1] ?? NaN);
    if (start !== offset) {
      await res.body?.cancel();
      throw new ApiError('BAD_RESPONSE', 'the server sent another range than asked for');
    }
  } else if (res.status === 200) {
    start = 0;
  } else if (res.status === 416) {
    // The partial is longer than the file: start over.
    await res.body?.cancel();
    await truncate(part, 0);
    throw new ApiError('NETWORK', 'the partial download was longer than the file');
  } else {
    throw await apiErrorOf(res);
  }
  if (!res.body) throw new ApiError('BAD_RESPONSE', 'the server sent no body');
  let written = start;
  o.onProgress(written);
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      o.onProgress(written);
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(res.body as WebReadableStream<Uint8Array>),
      count,
      createWriteStream(part, { flags: start === 0 ? 'w' : 'a' }),
      { signal: o.signal },
    );
  } catch (err) {
    if (o.signal.aborted) throw o.signal.reason;
    throw new ApiError('NETWORK', `the download was cut: ${(err as Error).message}`);
  }
}
