/** What the first bytes of a file say it is, whatever its name claims. */
export interface Sniffed {
  mime: string;
  media: 'image' | 'video' | 'audio' | null;
}

/** How many leading bytes sniffType looks at. */
export const SNIFF_BYTES = 64;

const ascii = (b: Buffer, at: number, text: string) =>
  b.length >= at + text.length && b.toString('latin1', at, at + text.length) === text;

const startsWith = (b: Buffer, bytes: readonly number[]) =>
  b.length >= bytes.length && bytes.every((v, i) => b[i] === v);

/** The ISO base media (MP4, QuickTime, M4A) brands we tell apart. */
function isoMedia(b: Buffer): Sniffed | null {
  if (!ascii(b, 4, 'ftyp')) return null;
  const brand = b.toString('latin1', 8, 12);
  if (brand === 'qt  ') return { mime: 'video/quicktime', media: 'video' };
  if (brand === 'M4A ' || brand === 'M4B ') return { mime: 'audio/mp4', media: 'audio' };
  if (brand.startsWith('3gp')) return { mime: 'video/3gpp', media: 'video' };
  if (['heic', 'heix', 'mif1', 'msf1'].includes(brand)) return { mime: 'image/heic', media: null };
  if (brand === 'avif') return { mime: 'image/avif', media: null };
  return { mime: 'video/mp4', media: 'video' };
}

/**
 * The type of a file from its magic bytes (the first SNIFF_BYTES are enough), or null when they
 * say nothing we know. Only PNG, JPEG, GIF and WebP count as images (what the server can thumbnail);
 * HEIC or AVIF are typed but sent as plain files.
 */
export function sniffType(head: Buffer): Sniffed | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: 'image/png', media: 'image' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', media: 'image' };
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return { mime: 'image/gif', media: 'image' };
  if (ascii(head, 0, 'RIFF')) {
    if (ascii(head, 8, 'WEBP')) return { mime: 'image/webp', media: 'image' };
    if (ascii(head, 8, 'WAVE')) return { mime: 'audio/wav', media: 'audio' };
    if (ascii(head, 8, 'AVI ')) return { mime: 'video/x-msvideo', media: 'video' };
    return null;
  }
  const iso = isoMedia(head);
  if (iso) return iso;
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML: the DocType ("webm" or "matroska") sits in the header's first few dozen bytes.
    const isWebm = head.subarray(0, SNIFF_BYTES).includes('webm', 0, 'latin1');
    return { mime: isWebm ? 'video/webm' : 'video/x-matroska', media: 'video' };
  }
  if (ascii(head, 0, 'OggS')) return { mime: 'audio/ogg', media: 'audio' };
  if (ascii(head, 0, 'fLaC')) return { mime: 'audio/flac', media: 'audio' };
  if (ascii(head, 0, 'ID3')) return { mime: 'audio/mpeg', media: 'audio' };
  if (head.length >= 2 && head[0] === 0xff && ((head[1] ?? 0) & 0xf6) === 0xf0)
    return { mime: 'audio/aac', media: 'audio' };
  if (
    head.length >= 2 &&
    head[0] === 0xff &&
    ((head[1] ?? 0) & 0xe0) === 0xe0 &&
    ((head[1] ?? 0) & 0x06) !== 0
  )
    return { mime: 'audio/mpeg', media: 'audio' };
  if (ascii(head, 0, '%PDF-')) return { mime: 'application/pdf', media: null };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { mime: 'application/zip', media: null };
  return null;
}
