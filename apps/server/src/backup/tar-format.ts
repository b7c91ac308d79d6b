/**
 * The POSIX ustar header (512 bytes), enough for regular files: what `backup` writes and `restore`
 * reads. GNU tar, bsdtar and 7-Zip read it too. Sizes from 8 GiB up use the base-256 form GNU tar
 * and bsdtar understand.
 */
export const BLOCK = 512;

const NAME = { offset: 0, length: 100 };
const MODE = { offset: 100, length: 8 };
const UID = { offset: 108, length: 8 };
const GID = { offset: 116, length: 8 };
const SIZE = { offset: 124, length: 12 };
const MTIME = { offset: 136, length: 12 };
const CHECKSUM = { offset: 148, length: 8 };
const TYPEFLAG = 156;
const MAGIC = { offset: 257, length: 8 };
const PREFIX = { offset: 345, length: 155 };

const USTAR_MAGIC = 'ustar\u000000';
const OCTAL_SIZE_MAX = 8 ** 11;

export interface TarEntry {
  /** Relative, forward slashes. */
  name: string;
  size: number;
  mode: number;
  mtimeMs: number;
}

export class TarFormatError extends Error {}

function writeString(header: Buffer, field: { offset: number; length: number }, value: string): void {
  header.write(value, field.offset, field.length, 'utf8');
}

function writeOctal(header: Buffer, field: { offset: number; length: number }, value: number): void {
  writeString(header, field, `${value.toString(8).padStart(field.length - 1, '0')}\u0000`);
}

/** Splits a path into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a slash. */
function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= NAME.length) return { prefix: '', name };
  for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= PREFIX.length && Buffer.byteLength(rest) <= NAME.length)
      return { prefix, name: rest };
  }
  throw new TarFormatError(`path too long for a tar header: ${name}`);
}

export function encodeHeader(entry: TarEntry): Buffer {
  const header = Buffer.alloc(BLOCK);
  const { prefix, name } = splitName(entry.name);
  writeString(header, NAME, name);
  writeOctal(header, MODE, entry.mode & 0o7777);
  writeOctal(header, UID, 0);
  writeOctal(header, GID, 0);
  if (entry.size < OCTAL_SIZE_MAX) {
    writeOctal(header, SIZE, entry.size);
  } else {
    // base-256: the high bit of the first byte set, the value big-endian in the rest.
    let rest = BigInt(entry.size);
    for (let i = SIZE.offset + SIZE.length - 1; i > SIZE.offset; i--) {
      header[i] = Number(rest & 0xffn);
      rest >>= 8n;
    }
    header[SIZE.offset] = 0x80;
  }
  writeOctal(header, MTIME, Math.floor(entry.mtimeMs / 1000));
  header[TYPEFLAG] = '0'.charCodeAt(0);
  writeString(header, MAGIC, USTAR_MAGIC);
  writeString(header, PREFIX, prefix);
  header.fill(' ', CHECKSUM.offset, CHECKSUM.offset + CHECKSUM.length);
  writeString(header, CHECKSUM, `${checksum(header).toString(8).padStart(6, '0')}\u0000 `);
  return header;
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) {
    const inChecksum = i >= CHECKSUM.offset && i < CHECKSUM.offset + CHECKSUM.length;
    sum += inChecksum ? 0x20 : (header[i] ?? 0);
  }
  return sum;
}

function readString(header: Buffer, field: { offset: number; length: number }): string {
  const raw = header.subarray(field.offset, field.offset + field.length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

function readNumber(header: Buffer, field: { offset: number; length: number }): number {
  if ((header[field.offset] ?? 0) & 0x80) {
    let value = BigInt((header[field.offset] ?? 0) & 0x7f);
    for (let i = field.offset + 1; i < field.offset + field.length; i++)
      value = (value << 8n) | BigInt(header[i] ?? 0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new TarFormatError('entry size out of range');
    return Number(value);
  }
  const text = readString(header, field).trim();
  if (!/^[0-7]*$/.test(text)) throw new TarFormatError('malformed number in a tar header');
  return text === '' ? 0 : parseInt(text, 8);
}

/** A header block, or null for the zero block that ends an archive. */
export function decodeHeader(header: Buffer): (TarEntry & { type: string }) | null {
  if (header.every((b) => b === 0)) return null;
  if (readNumber(header, CHECKSUM) !== checksum(header))
    throw new TarFormatError('tar header checksum mismatch');
  const prefix = readString(header, PREFIX);
  const name = readString(header, NAME);
  const type = String.fromCharCode(header[TYPEFLAG] ?? 0);
  return {
    name: prefix ? `${prefix}/${name}` : name,
    size: readNumber(header, SIZE),
    mode: readNumber(header, MODE),
    mtimeMs: readNumber(header, MTIME) * 1000,
    type: type === '\u0000' ? '0' : type,
  };
}

/** Bytes of zero padding after `size` bytes of data. */
export const paddingOf = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;
