import { mkdirSync, rmSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { KeyedLock } from './keyed-lock.js';

export type DerivedVariant = 'thumbnail' | 'preview' | 'avatar-64';

/**
 * The files under <dataDir>/files: tus partials in uploads/, content-addressed blobs in
 * blobs/ab/cd/<sha256>, WebP renditions of images in derived/ab/cd/<sha256>.<variant>.webp, and
 * scratch files in tmp/ (emptied on start).
 * Nothing here is ever named after what a user typed.
 *
 * Putting and deleting the blob of one sha256 are serialised (`withBlob`), so a delete that decided a
 * blob is unreferenced cannot remove the file a concurrent upload of the same content just put there.
 */
export class BlobStore {
  readonly root: string;
  readonly uploadsDir: string;
  readonly blobsDir: string;
  readonly derivedDir: string;
  readonly tempDir: string;
  private readonly locks = new KeyedLock();

  constructor(dataDir: string) {
    this.root = join(dataDir, 'files');
    this.uploadsDir = join(this.root, 'uploads');
    this.blobsDir = join(this.root, 'blobs');
    this.derivedDir = join(this.root, 'derived');
    this.tempDir = join(this.root, 'tmp');
    rmSync(this.tempDir, { recursive: true, force: true });
    for (const dir of [this.uploadsDir, this.blobsDir, this.derivedDir, this.tempDir]) {
      mkdirSync(dir, { recursive: true });
    }
  }

  blobPath(sha256: string): string {
    return join(this.blobsDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  derivedPath(sha256: string, variant: DerivedVariant): string {
    return join(this.derivedDir, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.${variant}.webp`);
  }

  partialPath(uploadId: string): string {
    return join(this.uploadsDir, uploadId);
  }

  /** Scratch space on the same file system as the blobs, so adopting a file is a rename. */
  tempPath(name: string): string {
    return join(this.tempDir, name);
  }

  withBlob<T>(sha256: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(sha256, work);
  }

  /**
   * Makes `file` the blob of `sha256` (call inside withBlob): flushed to disk, then renamed into
   * place; if the blob exists already, the same bytes are there and `file` is dropped.
   */
  async adopt(file: string, sha256: string): Promise<void> {
    const target = this.blobPath(sha256);
    if (await exists(target)) {
      await unlink(file);
      return;
    }
    const handle = await open(file, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await mkdir(dirname(target), { recursive: true });
    await rename(file, target);
  }

  /** Deletes a blob and its renditions (call inside withBlob, once no file row points at it). */
  async remove(sha256: string): Promise<void> {
    const variants: DerivedVariant[] = ['thumbnail', 'preview', 'avatar-64'];
    await Promise.all([
      rm(this.blobPath(sha256), { force: true }),
      ...variants.map((v) => rm(this.derivedPath(sha256, v), { force: true })),
    ]);
  }

  async writeDerived(sha256: string, variant: DerivedVariant, bytes: Buffer): Promise<void> {
    const target = this.derivedPath(sha256, variant);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.tmp`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  }

  /** Every sha256 that has a blob file (for reconciling with the database after a crash). */
  async blobShas(): Promise<string[]> {
    const shas: string[] = [];
    for (const a of await readdir(this.blobsDir)) {
      for (const b of await readdir(join(this.blobsDir, a)).catch(() => [])) {
        shas.push(...(await readdir(join(this.blobsDir, a, b)).catch(() => [])));
      }
    }
    return shas;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
