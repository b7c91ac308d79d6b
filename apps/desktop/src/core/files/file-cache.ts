import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { safeFileName } from './safe-name.js';

export type DerivedVariant = 'thumbnail' | 'preview';
export type AvatarSize = '64' | '256';

/**
 * Where the core keeps file bytes, under `<dataDir>/files/`:
 *
 *   blobs/ab/<sha256>          originals, content-addressed and verified (one copy per content)
 *   blobs/ab/<sha256>.part     a download in progress, resumed with Range
 *   derived/<sha256>.<variant>.webp, avatars/<fileId>.<size>.webp   what the server renders
 *   outgoing/<clientMsgId>     bytes handed over to send (pasted, recorded) until the server has them
 *   named/<fileId>/<name>      a blob under its own name, for the system's apps and file manager
 *   tmp/                       files being written, renamed into place when whole
 *
 * Only this class builds those paths, from hex hashes, UUIDs and a sanitised name.
 */
export class FileCache {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'files');
  }

  blob(sha256: string): string {
    return join(this.root, 'blobs', sha256.slice(0, 2), sha256);
  }

  part(sha256: string): string {
    return `${this.blob(sha256)}.part`;
  }

  derived(sha256: string, variant: DerivedVariant): string {
    return join(this.root, 'derived', `${sha256}.${variant}.webp`);
  }

  avatar(fileId: string, size: AvatarSize): string {
    return join(this.root, 'avatars', `${fileId}.${size}.webp`);
  }

  outgoing(clientMsgId: string): string {
    return join(this.root, 'outgoing', clientMsgId);
  }

  named(fileId: string, name: string): string {
    return join(this.root, 'named', fileId, safeFileName(name));
  }

  /** A fresh path in tmp/ (on the cache's own disk, so renaming it into place is atomic). */
  async temp(): Promise<string> {
    const dir = join(this.root, 'tmp');
    await mkdir(dir, { recursive: true });
    return join(dir, randomUUID());
  }

  /** Writes a whole file, or nothing: through tmp/, then renamed into place. */
  async put(path: string, data: Uint8Array): Promise<void> {
    const tmp = await this.temp();
    try {
      await writeFile(tmp, data);
      await mkdir(dirname(path), { recursive: true });
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  /** Moves a file whose bytes hash to `sha256` into the blobs (dropping it if that content is there). */
  async adopt(path: string, sha256: string): Promise<string> {
    const blob = this.blob(sha256);
    if (path === blob) return blob;
    await mkdir(dirname(blob), { recursive: true });
    if (await exists(blob)) await rm(path, { force: true });
    else await rename(path, blob);
    return blob;
  }

  /** The blob under a file's own name (a hard link where the disk allows, else a copy). */
  async nameBlob(sha256: string, fileId: string, name: string): Promise<string> {
    const target = this.named(fileId, name);
    if (await exists(target)) return target;
    await mkdir(dirname(target), { recursive: true });
    try {
      await link(this.blob(sha256), target);
    } catch {
      await copyFile(this.blob(sha256), target, constants.COPYFILE_FICLONE);
    }
    return target;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The size of a file, or 0 when there is none. */
export async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
