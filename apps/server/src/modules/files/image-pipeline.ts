import sharp from 'sharp';
import type { ImageState } from './files-store.js';
import { DECODABLE_IMAGES } from './sniff.js';

export interface ImageProbe {
  state: ImageState;
  /** After EXIF orientation; null when the header could not be read. */
  width: number | null;
  height: number | null;
}

/**
 * Reads an image's header only (never its pixels), so a 20000×20000 "bomb" costs what its header
 * costs. Null for files that are not images at all.
 */
export async function probeImage(path: string, mime: string, maxPixels: number): Promise<ImageProbe | null> {
  if (!DECODABLE_IMAGES.has(mime)) {
    // SVG (a document, not pixels) and formats this build cannot decode (HEIC) are images nonetheless.
    return mime.startsWith('image/') ? { state: 'unsupported', width: null, height: null } : null;
  }
  try {
    const meta = await sharp(path, { limitInputPixels: false }).metadata();
    const { width, height } = meta.autoOrient;
    if (!width || !height) return { state: 'unsupported', width: null, height: null };
    const state = meta.width * meta.height > maxPixels ? 'too_large' : 'pending';
    return { state, width, height };
  } catch {
    return { state: 'unsupported', width: null, height: null };
  }
}

/** Width × height from the header alone. */
export async function pixelsOf(input: Buffer): Promise<number> {
  const meta = await sharp(input, { limitInputPixels: false }).metadata();
  return meta.width * meta.height;
}

/** A sharp reader for untrusted input: bounded pixels, truncated data refused, EXIF orientation applied. */
function decode(input: string | Buffer, maxPixels: number) {
  return sharp(input, { limitInputPixels: maxPixels, failOn: 'truncated' }).rotate();
}

/** The two renditions of a chat image, WebP without metadata (sharp writes none unless asked). */
export async function renderThumbnailAndPreview(
  path: string,
  maxPixels: number,
): Promise<{ thumbnail: Buffer; preview: Buffer }> {
  const preview = await decode(path, maxPixels)
    .resize(1600, 1600, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer();
  const thumbnail = await decode(path, maxPixels)
    .resize(320, 320, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer();
  return { thumbnail, preview };
}

/** An avatar at 256 and 64 px, square-cropped around the centre. */
export async function renderAvatar(
  input: Buffer,
  maxPixels: number,
): Promise<{ large: Buffer; small: Buffer }> {
  const large = await decode(input, maxPixels)
    .resize(256, 256, { fit: 'cover' })
    .webp({ quality: 85 })
    .toBuffer();
  const small = await sharp(large).resize(64, 64).webp({ quality: 85 }).toBuffer();
  return { large, small };
}
