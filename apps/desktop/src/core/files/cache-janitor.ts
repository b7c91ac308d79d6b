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

/**
 * How long the size a scan found (plus what `grew` added) is trusted. Files the cache gains by other
 * ways (an upload's copy moved in) are counted at the next scan, at the latest this much later.
 */
const SCAN_TRUSTED_MS = 10 * 60_000;

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

  /**
   * What the last scan found, plus what arrived since: a trim below the limit needs no scan (a scan
   * reads every file's metadata, and a cache of photos holds tens of thousands).
   */
  private known: { bytes: number; at: number } | null = null;

  /** Bytes the cache holds (each piece of content counted once), including what must stay. */
  async usage(): Promise<number> {
    const bytes = total(await this.scan());
    this.known = { bytes, at: this.now() };
    return bytes;
  }

  /** A file of `bytes` was added to the cache. */
  grew(bytes: number): void {
    if (this.known) this.known.bytes += bytes;
  }

  /** Deletes everything that may go; returns the bytes freed. */
  async clear(): Promise<number> {
    this.known = null;
    return this.drop(await this.evictable(), Number.POSITIVE_INFINITY);
  }

  /** Over `limitBytes`, deletes the least recently used until 90 % of it is left; returns the bytes freed. */
  async trim(limitBytes: number): Promise<number> {
    const now = this.now();
    if (this.known && this.known.bytes <= limitBytes && now - this.known.at < SCAN_TRUSTED_MS) return 0;
    const all = await this.scan();
    const bytes = total(all);
    this.known = { bytes, at: now };
    if (bytes <= limitBytes) return 0;
    const recent = now - RECENT_USE_MS;
    const candidates = (await this.evictable(all)).filter((piece) => piece.usedAt < recent);
    candidates.sort((a, b) => a.usedAt - b.usedAt);
    const freed = await this.drop(candidates, bytes - limitBytes * TRIM_TO);
    this.known = { bytes: bytes - freed, at: now };
    return freed;
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

const total = (pieces: readonly Held[]) => pieces.reduce((sum, piece) => sum + piece.bytes, 0);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((): Dirent[] => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
