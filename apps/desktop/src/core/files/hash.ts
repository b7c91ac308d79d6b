import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { IoError } from './probe.js';

/** The state of a file on disk that its hash stands for: a change to either means new bytes. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export async function stampOf(path: string): Promise<FileStamp> {
  const s = await stat(path);
  return { size: s.size, mtimeMs: s.mtimeMs };
}

export const sameStamp = (a: FileStamp, b: FileStamp) => a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * The SHA-256 of a file, streamed (never held in memory), with progress as bytes are read. Fails
 * with IoError when the file cannot be read or changes while it is being read. `signal` stops it.
 */
export async function hashFile(
  path: string,
  options: { signal?: AbortSignal; onProgress?: (bytes: number) => void; name?: string } = {},
): Promise<{ sha256: string; stamp: FileStamp }> {
  const name = options.name ?? path;
  let before: FileStamp;
  try {
    before = await stampOf(path);
  } catch (err) {
    throw new IoError(`cannot read ${name}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause: err,
    });
  }
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    const stream = createReadStream(path, { highWaterMark: 1024 * 1024, signal: options.signal });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
      options.onProgress?.(bytes);
    }
  } catch (err) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new IoError(`cannot read ${name}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause: err,
    });
  }
  const after = await stampOf(path).catch(() => null);
  if (!after || !sameStamp(before, after) || bytes !== before.size)
    throw new IoError(`${name} changed while it was being read`);
  return { sha256: hash.digest('hex'), stamp: before };
}
