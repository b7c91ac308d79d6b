import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { tusUpload } from './uploads.js';
import { createHash } from 'node:crypto';

export interface Photo {
  path: string;
  size: number;
  sha256: string;
}

/** JPEGs of noise over a gradient: they cost what photos cost to decode (no shortcut for flat areas). */
export async function makePhotos(
  dir: string,
  count: number,
  width: number,
  height: number,
): Promise<Photo[]> {
  const photos: Photo[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = await sharp({
      create: {
        width,
        height,
        channels: 3,
        background: { r: (i * 37) % 256, g: 120, b: 200 },
        noise: { type: 'gaussian', mean: 128, sigma: 24 },
      },
    })
      .jpeg({ quality: 88 })
      .toBuffer();
    const path = join(dir, `photo-${i}.jpg`);
    await writeFile(path, bytes);
    photos.push({ path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  return photos;
}

/** Raw sharp doing what Parley's job does for each image (same sizes, same settings), one after another. */
export async function rawThumbnails(photos: readonly Photo[]): Promise<number> {
  const started = performance.now();
  for (const photo of photos) {
    await sharp(photo.path, { failOn: 'truncated' })
      .rotate()
      .resize(1600, 1600, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
    await sharp(photo.path, { failOn: 'truncated' })
      .rotate()
      .resize(320, 320, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
  }
  return performance.now() - started;
}

/**
 * Through Parley: each photo uploaded (tus, one PATCH), which queues its thumbnail job; then each
 * thumbnail fetched (the request waits for its job). Milliseconds from the first POST to the last
 * thumbnail, and how much of that the uploads alone took.
 */
export async function parleyThumbnails(
  url: string,
  token: string,
  conversationId: string,
  photos: readonly Photo[],
): Promise<{ ms: number; uploadMs: number }> {
  const started = performance.now();
  const ids: string[] = [];
  for (const [i, photo] of photos.entries()) {
    const { id } = await tusUpload(
      url,
      token,
      { ...photo, name: `photo-${i}.jpg`, type: 'image/jpeg' },
      conversationId,
      photo.size,
    );
    ids.push(id);
  }
  const uploadMs = performance.now() - started;
  for (const id of ids) {
    for (;;) {
      const res = await fetch(`${url}/api/files/${id}/thumbnail`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await res.arrayBuffer();
      if (res.status === 200) break;
      if (res.status !== 503) throw new Error(`thumbnail of ${id}: HTTP ${res.status}`);
    }
  }
  return { ms: performance.now() - started, uploadMs };
}
