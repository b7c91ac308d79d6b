/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const NAME_MAX_BYTES = 200;

/**
 * A file name safe to create on any of our systems: no path separators or characters Windows
 * refuses, no control or bidi-override characters, no trailing dots or spaces, no reserved device
 * names, at most 200 UTF-8 bytes with the extension kept. The server neutralises names already;
 * this is the desktop's own guard before touching its disk.
 */
export function safeFileName(name: string): string {
  let clean = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '_')
    .trim()
    .replace(/[. ]+$/, '');
  if (clean === '' || clean === '.' || clean === '..') clean = 'file';
  if (RESERVED.test(clean)) clean = `_${clean}`;
  if (Buffer.byteLength(clean) <= NAME_MAX_BYTES) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
  let stem = Array.from(clean.slice(0, clean.length - ext.length));
  while (stem.length > 0 && Buffer.byteLength(stem.join('') + ext) > NAME_MAX_BYTES) stem = stem.slice(0, -1);
  return stem.join('') + ext;
}
