import type { ReadAt } from './image-size.js';

/** Top-level boxes looked at before giving up (a real file has a handful). */
const BOXES_MAX = 64;

/** A box's size and type at `position`, or null at the end or on nonsense. */
async function boxAt(
  read: ReadAt,
  position: number,
): Promise<{ size: number; type: string; header: number } | null> {
  const head = await read(position, 16);
  if (head.length < 8) return null;
  let size = head.readUInt32BE(0);
  const type = head.toString('latin1', 4, 8);
  let header = 8;
  if (size === 1) {
    if (head.length < 16) return null;
    size = Number(head.readBigUInt64BE(8));
    header = 16;
  }
  return size >= header ? { size, type, header } : null;
}

/**
 * The duration of an MP4 or QuickTime file from its movie header (moov/mvhd), found by walking
 * the top-level boxes (moov may sit at the end: only box headers are read on the way). Null when
 * there is none or it makes no sense. Other containers (WebM) are not measured here.
 */
export async function mp4DurationMs(read: ReadAt, fileSize: number): Promise<number | null> {
  let position = 0;
  for (let n = 0; n < BOXES_MAX && position < fileSize; n++) {
    const box = await boxAt(read, position);
    if (!box) return null;
    if (box.type === 'moov') {
      const end = position + box.size;
      for (let inner = position + box.header; inner < end;) {
        const child = await boxAt(read, inner);
        if (!child) return null;
        if (child.type === 'mvhd') return mvhdDuration(await read(inner + child.header, 32));
        inner += child.size;
      }
      return null;
    }
    // size 0: the box runs to the end of the file.
    position += box.size === 0 ? fileSize : box.size;
  }
  return null;
}

function mvhdDuration(b: Buffer): number | null {
  if (b.length < 20) return null;
  const version = b[0];
  const [timescale, duration] =
    version === 1 && b.length >= 32
      ? [b.readUInt32BE(20), Number(b.readBigUInt64BE(24))]
      : [b.readUInt32BE(12), b.readUInt32BE(16)];
  if (timescale === 0 || !Number.isFinite(duration)) return null;
  return Math.round((duration / timescale) * 1000);
}
