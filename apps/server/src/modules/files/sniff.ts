/** How many bytes of a file the sniffer looks at. */
export const SNIFF_BYTES = 4096;

export interface Sniffed {
  /** The type the server stands by: from the bytes, or the client's claim where the bytes cannot contradict it. */
  mime: string;
  /** The bytes are a native executable or a script with a #! line. */
  executable: boolean;
}

const startsWith = (head: Buffer, bytes: readonly number[], at = 0): boolean =>
  bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Buffer, from: number, to: number): string => head.toString('latin1', from, to);

/** Containers whose magic bytes do not say whether they hold sound or pictures: the client's word picks. */
const FAMILIES: Record<string, readonly string[]> = {
  'video/webm': ['video/webm', 'audio/webm', 'video/x-matroska', 'audio/x-matroska'],
  'video/mp4': ['video/mp4', 'audio/mp4', 'audio/x-m4a', 'audio/aac', 'video/quicktime'],
  'audio/ogg': ['audio/ogg', 'audio/opus', 'video/ogg'],
};

function fromMagic(head: Buffer): string | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  const first6 = ascii(head, 0, 6);
  if (first6 === 'GIF87a' || first6 === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF') {
    const kind = ascii(head, 8, 12);
    if (kind === 'WEBP') return 'image/webp';
    if (kind === 'WAVE') return 'audio/wav';
    if (kind === 'AVI ') return 'video/x-msvideo';
  }
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'image/tiff';
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (brand === 'avif' || brand === 'avis') return 'image/avif';
    if (['heic', 'heix', 'hevc', 'mif1', 'msf1'].includes(brand)) return 'image/heic';
    if (brand === 'qt  ') return 'video/quicktime';
    if (brand.startsWith('M4A')) return 'audio/mp4';
    return 'video/mp4';
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (ascii(head, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(head, 0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(head, 0, 3) === 'ID3' || (head[0] === 0xff && ((head[1] ?? 0) & 0xe6) === 0xe2))
    return 'audio/mpeg';
  if (ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  if (startsWith(head, [0x1f, 0x8b])) return 'application/gzip';
  if (ascii(head, 0, 2) === 'MZ') return 'application/vnd.microsoft.portable-executable';
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return 'application/x-elf';
  const be = head.length >= 4 ? head.readUInt32BE(0) : 0;
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(be)) return 'application/x-mach-binary';
  return undefined;
}

/** Markup a browser would render (WHATWG MIME sniffing's list of HTML openers, and SVG/XML). */
function fromMarkup(head: Buffer): string | undefined {
  let text = head.toString('utf8').replace(/^\uFEFF/u, '');
  text = text.replace(/^[\s\u0000]+/u, '').toLowerCase();
  if (text.startsWith('<?xml')) return /<svg[\s>]/u.test(text) ? 'image/svg+xml' : 'application/xml';
  if (text.startsWith('<svg')) return 'image/svg+xml';
  const html =
    /^<(!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>]/u;
  if (html.test(text)) return 'text/html';
  return undefined;
}

/** Types a client may not claim for bytes the sniffer did not recognise: they render or run. */
const PRIVILEGED =
  /^(image|audio|video)\/|html|xml|javascript|ecmascript|^application\/(x-)?(sh|msdownload)/u;
const MIME_SYNTAX = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,127}$/u;

/** Settles a file's type from its first bytes, using the client's declared type only where the bytes allow it. */
export function sniffFile(head: Buffer, declaredType: string): Sniffed {
  const declared = declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  const magic = fromMagic(head);
  const executable =
    magic === 'application/vnd.microsoft.portable-executable' ||
    magic === 'application/x-elf' ||
    magic === 'application/x-mach-binary' ||
    ascii(head, 0, 2) === '#!';
  if (magic) {
    const family = FAMILIES[magic];
    return { mime: family?.includes(declared) ? declared : magic, executable };
  }
  const markup = fromMarkup(head);
  if (markup) return { mime: markup, executable };
  if (MIME_SYNTAX.test(declared) && !PRIVILEGED.test(declared)) return { mime: declared, executable };
  return { mime: 'application/octet-stream', executable };
}

/** Image formats the server decodes for thumbnails (SVG never: it is a document, not pixels). */
export const DECODABLE_IMAGES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/tiff',
]);

/** Types a download may name as they are; anything else is served as application/octet-stream. */
export function isSafeToLabel(mime: string): boolean {
  return (
    ['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(mime) ||
    mime.startsWith('audio/') ||
    mime.startsWith('video/')
  );
}
