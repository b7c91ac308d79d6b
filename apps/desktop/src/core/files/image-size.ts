/** Reads up to `length` bytes at `position` (fewer at the end of the file). */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

export interface ImageSize {
  width: number;
  height: number;
}

/** JPEG start-of-frame markers: the ones that carry the picture's size. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
/** Enough for any real JPEG's header segments; a file that needs more is not worth the reads. */
const JPEG_SEGMENTS_MAX = 500;

const positive = (width: number, height: number): ImageSize | null =>
  width > 0 && height > 0 ? { width, height } : null;

/**
 * The size of a PNG, GIF, WebP or JPEG from its header alone (a few small reads, never the whole
 * file): what a bubble reserves before the picture arrives. JPEGs are measured as shown, after
 * their EXIF orientation. Null when the header is not readable as the given type.
 */
export async function imageSize(mime: string, read: ReadAt): Promise<ImageSize | null> {
  switch (mime) {
    case 'image/png': {
      const b = await read(0, 24);
      if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return null;
      return positive(b.readUInt32BE(16), b.readUInt32BE(20));
    }
    case 'image/gif': {
      const b = await read(0, 10);
      return b.length < 10 ? null : positive(b.readUInt16LE(6), b.readUInt16LE(8));
    }
    case 'image/webp':
      return webpSize(await read(0, 30));
    case 'image/jpeg':
      return jpegSize(read);
    default:
      return null;
  }
}

function webpSize(b: Buffer): ImageSize | null {
  if (b.length < 30) return null;
  switch (b.toString('latin1', 12, 16)) {
    case 'VP8 ':
      // A key frame: 3 bytes of frame tag, the start code 9d 01 2a, then 14-bit width and height.
      if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
      return positive(b.readUInt16LE(26) & 0x3fff, b.readUInt16LE(28) & 0x3fff);
    case 'VP8L': {
      if (b[20] !== 0x2f) return null;
      const bits = b.readUInt32LE(21);
      return positive((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
    }
    case 'VP8X':
      return positive(b.readUIntLE(24, 3) + 1, b.readUIntLE(27, 3) + 1);
    default:
      return null;
  }
}

async function jpegSize(read: ReadAt): Promise<ImageSize | null> {
  let position = 2;
  let orientation = 1;
  for (let n = 0; n < JPEG_SEGMENTS_MAX; n++) {
    const head = await read(position, 4);
    if (head.length < 4 || head[0] !== 0xff) return null;
    const marker = head[1] ?? 0;
    if (marker === 0xff) {
      // Fill bytes before a marker.
      position += 1;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null;
    const length = head.readUInt16BE(2);
    if (length < 2) return null;
    if (marker === 0xe1) {
      orientation = exifOrientation(await read(position + 4, Math.min(length - 2, 64 * 1024))) ?? orientation;
    } else if (SOF.has(marker)) {
      const frame = await read(position + 4, 5);
      if (frame.length < 5) return null;
      const height = frame.readUInt16BE(1);
      const width = frame.readUInt16BE(3);
      // Orientations 5–8 turn the picture by a quarter: shown, it is as wide as it is stored high.
      return orientation >= 5 && orientation <= 8 ? positive(height, width) : positive(width, height);
    }
    position += 2 + length;
  }
  return null;
}

/** The Orientation tag (0x0112) of an APP1 Exif segment's first image directory, if present. */
export function exifOrientation(segment: Buffer): number | null {
  if (segment.length < 14 || segment.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const tiff = segment.subarray(6);
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}
