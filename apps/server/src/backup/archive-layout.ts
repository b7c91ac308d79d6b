import { z } from 'zod';

/**
 * What a backup archive holds, by path (the same relative paths as in the data dir):
 *
 *   parley-backup.json                       the manifest, always first
 *   parley.db                                the database snapshot
 *   files/blobs/ab/cd/<sha256>               every blob the snapshot refers to
 *   files/derived/ab/cd/<sha256>.<name>.webp their thumbnails, previews and small avatars
 *   <other files of the data dir>            e.g. server-id
 *
 * The blob layout is BlobStore's (modules/files/blob-store.ts). Unfinished uploads (files/uploads)
 * and scratch files (files/tmp) are never included.
 */
export const MANIFEST_NAME = 'parley-backup.json';
export const DATABASE_NAME = 'parley.db';

export const Manifest = z.object({
  format: z.literal('parley-backup'),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  serverVersion: z.string(),
  schemaVersion: z.int().min(0),
  blobs: z.int().min(0),
});
export type Manifest = z.infer<typeof Manifest>;

const SHA = /^[0-9a-f]{64}$/;
const BLOB = /^files\/blobs\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
const DERIVED = /^files\/derived\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})\.[a-z0-9-]{1,32}\.webp$/;
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** Data-dir entries a backup never copies as they are: the live database and the files tree. */
export const LIVE_DATABASE_FILES = new Set([
  DATABASE_NAME,
  `${DATABASE_NAME}-wal`,
  `${DATABASE_NAME}-shm`,
  `${DATABASE_NAME}-journal`,
]);

export const blobName = (sha256: string) =>
  `files/blobs/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
export const derivedDirName = (sha256: string) => `files/derived/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}`;

export const isSha256 = (s: string) => SHA.test(s);

export type ArchivePath =
  | { kind: 'manifest' }
  | { kind: 'database' }
  | { kind: 'blob'; sha256: string }
  | { kind: 'derived'; sha256: string }
  | { kind: 'other' };

/**
 * What an archive path is, or null when restore must refuse it: absolute paths, `..`, odd
 * characters, a live database file, or anything under files/ that is not a blob or a rendition.
 */
export function classify(name: string): ArchivePath | null {
  if (name === MANIFEST_NAME) return { kind: 'manifest' };
  if (name === DATABASE_NAME) return { kind: 'database' };
  const blob = BLOB.exec(name);
  if (blob) return blob[3]?.startsWith(`${blob[1]}${blob[2]}`) ? { kind: 'blob', sha256: blob[3] } : null;
  const derived = DERIVED.exec(name);
  if (derived) {
    return derived[3]?.startsWith(`${derived[1]}${derived[2]}`)
      ? { kind: 'derived', sha256: derived[3] }
      : null;
  }
  const segments = name.split('/');
  if (segments[0] === 'files' || LIVE_DATABASE_FILES.has(name)) return null;
  if (!segments.every((s) => SEGMENT.test(s) && s !== '..' && !s.endsWith('.tmp'))) return null;
  return { kind: 'other' };
}
