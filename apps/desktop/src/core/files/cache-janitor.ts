import { type Dirent } from 'node:fs';
import { lstat, readdir, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileCache } from './file-cache.js';

/** The cache's folders whose files may go: they come back from the server when needed again. */
const EVICTABLE = ['blobs', 'derived', 'avatars', 'named'] as const;

/** Trimming goes below the limit by this much, so the next download does not start another trim. */
const TRIM_TO = 0.9;

/** Files used this recently stay even over the limit: the one just opened, the picture on screen. */
export const RECENT_USE_MS = 10 * 60_000;

/** One piece of content on disk: its paths share one inode (a blob and its named links). */
interface Held {
  paths: string[];
  bytes: number;
  usedAt: number;
}

/**
 * Keeps the file cache within the user's limit and empties it on request. What goes: originals,
 * thumbnails, previews, avatars and named copies, least recently used first, never what `inUse`
 * names (bytes of messages still being sent, downloads under way or paused). A blob and its named
 * links are one piece: the space comes back only when all of them go. "Used" is the file's
 * mtime, which `touch` moves whenever the cache serves it.
 */
export class CacheJanitor {
  constructor(
    private readonly o: {
      cache: FileCache;
      /** Paths to keep whatever their age. */
      inUse: () => ReadonlySet<string>;
      now?: () => number;
    },
  ) {}

  /** Bytes the cache holds (each piece of content counted once), including what must stay. */
  async usage(): Promise<number> {
    let bytes = 0;
    for (const held of await this.scan()) bytes += held.bytes;
    return bytes;
  }

  /** Deletes everything that may go; returns the bytes freed. */
  async clear(): Promise<number> {
    return this.drop(await this.evictable(), Number.POSITIVE_INFINITY);
  }

  /** Over `limitBytes`, deletes the least recently used until 90 % of it is left; returns the bytes freed. */
  async trim(limitBytes: number): Promise<number> {
    const all = await this.scan();
    const total = all.reduce((sum, held) => sum + held.bytes, 0);
    if (total <= limitBytes) return 0;
    const recent = this.now() - RECENT_USE_MS;
    const candidates = (await this.evictable(all)).filter((held) => held.usedAt < recent);
    candidates.sort((a, b) => a.usedAt - b.usedAt);
    return this.drop(candidates, total - limitBytes * TRIM_TO);
  }

  /** Marks a cached file as just used (it goes last). */
  async touch(path: string): Promise<void> {
    const now = new Date(this.now());
    await utimes(path, now, now).catch(() => undefined);
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  private async evictable(all?: Held[]): Promise<Held[]> {
    const keep = this.o.inUse();
    return (all ?? (await this.scan())).filter((held) => !held.paths.some((path) => keep.has(path)));
  }

  /** Deletes pieces in order until `enough` bytes are freed; a file another program holds open stays. */
  private async drop(pieces: Held[], enough: number): Promise<number> {
    let freed = 0;
    for (const held of pieces) {
      if (freed >= enough) break;
      const gone = await Promise.all(
        held.paths.map((path) =>
          rm(path, { force: true }).then(
            () => true,
            () => false,
          ),
        ),
      );
      if (gone.every(Boolean)) freed += held.bytes;
    }
    await this.pruneNamedFolders();
    return freed;
  }

  /** Every file of the evictable folders, grouped by inode. */
  private async scan(): Promise<Held[]> {
    const byInode = new Map<string, Held>();
    for (const folder of EVICTABLE) {
      for (const path of await filesUnder(join(this.o.cache.root, folder))) {
        const info = await lstat(path).catch(() => null);
        if (!info?.isFile()) continue;
        const key = `${info.dev}:${info.ino}`;
        const held = byInode.get(key);
        if (held) {
          held.paths.push(path);
          held.usedAt = Math.max(held.usedAt, info.mtimeMs);
        } else byInode.set(key, { paths: [path], bytes: info.size, usedAt: info.mtimeMs });
      }
    }
    return [...byInode.values()];
  }

  /** named/<fileId>/ folders left empty. */
  private async pruneNamedFolders(): Promise<void> {
    const named = join(this.o.cache.root, 'named');
    const entries = await readdir(named, { withFileTypes: true }).catch((): Dirent[] => []);
    await Promise.all(
      entries
        .filter((entry) => entry.isDirectory())
        .map(async (entry) => {
          const dir = join(named, entry.name);
          if ((await readdir(dir).catch(() => ['?'])).length === 0)
            await rm(dir, { recursive: true, force: true });
        }),
    );
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((): Dirent[] => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
