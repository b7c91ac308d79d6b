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
 * there is none or it makes no sense. WebM and Matroska: webmDurationMs.
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

/** Matroska element ids (with their length marker, as written). */
const EBML_HEADER = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const CLUSTER = 0x1f43b675;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;
/** Elements looked at before giving up: Info comes after the header and a SeekHead or two. */
const ELEMENTS_MAX = 64;
/** Info holds a few small fields; anything larger is not a file to trust. */
const INFO_MAX = 4096;

/** A variable-length integer at `at`: its value (marker removed for sizes, kept for ids) and length. */
function vint(
  b: Buffer,
  at: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } | null {
  const first = b[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (at + length > b.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = b[at + i] ?? 0;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

/** An element's id, body size (null: unknown, runs to its parent's end) and header length at `position`. */
async function elementAt(
  read: ReadAt,
  position: number,
): Promise<{ id: number; size: number | null; header: number } | null> {
  const head = await read(position, 12);
  const id = vint(head, 0, true);
  if (!id || id.length > 4) return null;
  const size = vint(head, id.length, false);
  if (!size) return null;
  return { id: id.value, size: size.unknown ? null : size.value, header: id.length + size.length };
}

/**
 * The duration of a WebM or Matroska file from its Segment's Info (Duration × TimecodeScale). Null
 * when it has none: MediaRecorder writes none while it records, so voice messages carry their own.
 */
export async function webmDurationMs(read: ReadAt, fileSize: number): Promise<number | null> {
  const header = await elementAt(read, 0);
  if (header?.id !== EBML_HEADER || header.size === null) return null;
  const segment = await elementAt(read, header.header + header.size);
  if (segment?.id !== SEGMENT) return null;
  const start = header.header + header.size + segment.header;
  const end = segment.size === null ? fileSize : Math.min(fileSize, start + segment.size);
  let position = start;
  for (let n = 0; n < ELEMENTS_MAX && position < end; n++) {
    const element = await elementAt(read, position);
    // Unknown sizes and the first Cluster (the media itself) end the search: Info comes before them.
    if (element === null || element.id === CLUSTER) return null;
    if (element.size === null) return null;
    if (element.id === INFO) {
      if (element.size > INFO_MAX) return null;
      return infoDuration(await read(position + element.header, element.size));
    }
    position += element.header + element.size;
  }
  return null;
}

function infoDuration(info: Buffer): number | null {
  let scale = 1_000_000;
  let duration: number | null = null;
  for (let at = 0; at < info.length;) {
    const id = vint(info, at, true);
    const size = id && vint(info, at + id.length, false);
    if (!id || !size || size.unknown) return null;
    const body = at + id.length + size.length;
    if (body + size.value > info.length) return null;
    if (id.value === TIMECODE_SCALE && size.value >= 1 && size.value <= 6) {
      scale = info.readUIntBE(body, size.value);
    } else if (id.value === DURATION && (size.value === 4 || size.value === 8)) {
      duration = size.value === 4 ? info.readFloatBE(body) : info.readDoubleBE(body);
    }
    at = body + size.value;
  }
  if (duration === null || !Number.isFinite(duration) || duration < 0 || scale === 0) return null;
  return Math.round((duration * scale) / 1_000_000);
}
