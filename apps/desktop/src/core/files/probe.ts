import type { FileMessageKind } from '@parley/shared';
import { open } from 'node:fs/promises';
import { imageSize } from './image-size.js';
import { mp4DurationMs, webmDurationMs } from './media-duration.js';
import { SNIFF_BYTES, sniffType } from './sniff.js';

/** A file on disk as the outbox describes it before the server has seen it. */
export interface Probe {
  size: number;
  mtimeMs: number;
  /** From the bytes; null when they say nothing we know. */
  sniffed: ReturnType<typeof sniffType>;
  width: number | null;
  height: number | null;
  /** MP4 and QuickTime videos: their length, from the movie header. */
  durationMs: number | null;
}

const ISO_VIDEO = new Set(['video/mp4', 'video/quicktime', 'video/3gpp']);
const EBML_VIDEO = new Set(['video/webm', 'video/x-matroska']);

/** A local file that cannot be read (gone, a folder, no permission, changed under us). */
export class IoError extends Error {
  readonly code = 'IO';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IoError';
  }
}

/**
 * Size, type from the magic bytes, and for images the dimensions (for MP4 videos the length) from
 * the headers. Reads only a few KiB.
 */
export async function probeFile(path: string, displayName: string): Promise<Probe> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new IoError(`cannot read ${displayName}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause: err,
    });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new IoError(`${displayName} is not a file`);
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    const sniffed = sniffType(await read(0, SNIFF_BYTES));
    const size = sniffed?.media === 'image' ? await imageSize(sniffed.mime, read) : null;
    const durationMs = !sniffed
      ? null
      : ISO_VIDEO.has(sniffed.mime)
        ? await mp4DurationMs(read, stat.size)
        : EBML_VIDEO.has(sniffed.mime)
          ? await webmDurationMs(read, stat.size)
          : null;
    return {
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      sniffed,
      width: size?.width ?? null,
      height: size?.height ?? null,
      durationMs,
    };
  } catch (err) {
    if (err instanceof IoError) throw err;
    throw new IoError(`cannot read ${displayName}: ${(err as Error).message}`, { cause: err });
  } finally {
    await handle.close();
  }
}

/**
 * Which kind of message a file makes: voice when recorded as one; an image only when its bytes are
 * PNG, JPEG, GIF or WebP and its header reads; a video by its bytes; anything else a plain file.
 * The type shown is the sniffed one, else what the renderer declared (for a recording, its
 * declared audio type wins over the container's generic one), else octet-stream.
 */
export function classify(
  probe: Probe,
  declaredType: string | null,
  voice: boolean,
): { kind: FileMessageKind; mime: string } {
  const bare = declaredType?.split(';')[0]?.trim().toLowerCase();
  const declared = bare === undefined || bare === '' ? null : bare;
  if (voice) {
    const mime = declared?.startsWith('audio/') ? declared : (probe.sniffed?.mime ?? 'audio/webm');
    return { kind: 'voice', mime };
  }
  const sniffed = probe.sniffed;
  if (sniffed?.media === 'image' && probe.width !== null) return { kind: 'image', mime: sniffed.mime };
  if (sniffed?.media === 'video') return { kind: 'video', mime: sniffed.mime };
  // A media type the bytes do not bear out (HTML named .png, a broken picture) is not repeated.
  if (sniffed)
    return { kind: 'file', mime: sniffed.media === 'image' ? 'application/octet-stream' : sniffed.mime };
  const trusted = declared !== null && !/^(image|video|audio)\//.test(declared) ? declared : null;
  return { kind: 'file', mime: trusted ?? 'application/octet-stream' };
}
