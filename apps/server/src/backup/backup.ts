import Database from 'better-sqlite3';
import { schemaVersion } from '@parley/db';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { TLS_DIR } from '../tls/server-tls.js';
import { SERVER_VERSION } from '../transport/http.js';
import {
  blobName,
  DATABASE_NAME,
  derivedDirName,
  LIVE_DATABASE_FILES,
  type Manifest,
  MANIFEST_NAME,
} from './archive-layout.js';
import { TarWriter } from './tar-writer.js';

export class BackupError extends Error {
  constructor(
    readonly reason: 'NO_DATABASE' | 'OUTPUT_EXISTS' | 'OUTPUT_INSIDE' | 'UNSTABLE',
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupResult {
  file: string;
  schemaVersion: number;
  blobs: number;
  bytes: number;
  /** Snapshots taken: more than one when blobs were deleted while the first was being read. */
  snapshots: number;
}

/** Enough pages to copy any database in one step, so the copy is one read transaction (see below). */
const ALL_PAGES = 0x7fffffff;
const MAX_SNAPSHOTS = 5;
const STAGING_PREFIX = '.backup-';

/**
 * A consistent copy of a data dir, whether its server runs or not, as one tar file.
 *
 * The database: SQLite's online backup API, copying every page in a single step, i.e. inside one
 * read transaction: under WAL the running server keeps writing meanwhile, and the copy is the
 * database as of one commit (a step-by-step copy would restart whenever the server writes).
 *
 * The files: blobs are immutable and named by their sha256, but the server deletes one once no file
 * points at it. So each blob the snapshot refers to is pinned right after the snapshot, by a hard
 * link in a staging folder next to the blobs (a copy where links are not possible); a blob deleted
 * in between means its file was deleted after the snapshot: another snapshot is taken, which no
 * longer refers to it, until every blob of the snapshot is pinned. The archive is written from the
 * pins, as `<file>.partial`, flushed, then renamed to `<file>`.
 */
export async function backupDataDir(
  dataDir: string,
  file: string,
  progress: (line: string) => void = () => undefined,
  /** Lets a test change the data dir between a snapshot and the pinning of its files. */
  hooks: { afterSnapshot?: (snapshot: number) => Promise<void> } = {},
): Promise<BackupResult> {
  const dbPath = join(dataDir, DATABASE_NAME);
  if (!existsSync(dbPath)) throw new BackupError('NO_DATABASE', `there is no Parley database in ${dataDir}`);
  if (existsSync(file)) throw new BackupError('OUTPUT_EXISTS', `${file} exists already; pick a new name`);
  if (!relative(resolve(dataDir), resolve(file)).startsWith('..')) {
    throw new BackupError('OUTPUT_INSIDE', 'write the backup outside the data dir');
  }
  const filesDir = join(dataDir, 'files');
  const stagingRoot = existsSync(filesDir) ? filesDir : dataDir;
  await removeAbandonedStaging(stagingRoot);
  const staging = await mkdtemp(join(stagingRoot, `${STAGING_PREFIX}${process.pid}-`));
  const source = new Database(dbPath, { readonly: true, fileMustExist: true });
  source.pragma('busy_timeout = 10000');
  try {
    const pinned = new Set<string>();
    let snapshot: { path: string; schemaVersion: number; blobs: string[] } | undefined;
    let snapshots = 0;
    while (!snapshot) {
      if (snapshots === MAX_SNAPSHOTS) {
        throw new BackupError(
          'UNSTABLE',
          `files kept disappearing during ${MAX_SNAPSHOTS} snapshots; try again`,
        );
      }
      snapshots++;
      const taken = await takeSnapshot(source, join(staging, `${DATABASE_NAME}.${snapshots}`));
      await hooks.afterSnapshot?.(snapshots);
      const missing: string[] = [];
      for (const sha of taken.blobs) {
        if (pinned.has(sha)) continue;
        if (await pinBlob(dataDir, staging, sha)) pinned.add(sha);
        else missing.push(sha);
      }
      if (missing.length === 0) snapshot = taken;
      else progress(`${missing.length} file(s) were deleted while the snapshot was read; taking another`);
    }
    progress(
      `database snapshot taken (schema version ${snapshot.schemaVersion}, ${snapshot.blobs.length} files)`,
    );

    const partial = `${file}.partial`;
    await rm(partial, { force: true });
    const tar = await TarWriter.create(partial);
    let bytes = 0;
    try {
      const manifest: Manifest = {
        format: 'parley-backup',
        formatVersion: 1,
        createdAt: new Date().toISOString(),
        serverVersion: SERVER_VERSION,
        schemaVersion: snapshot.schemaVersion,
        blobs: snapshot.blobs.length,
      };
      await tar.addBuffer(MANIFEST_NAME, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
      bytes += await tar.addFile(DATABASE_NAME, snapshot.path);
      for (const name of await otherFiles(dataDir)) bytes += await tar.addFile(name, join(dataDir, name));
      for (const sha of [...snapshot.blobs].sort()) {
        bytes += await tar.addFile(blobName(sha), join(staging, blobName(sha)));
        for (const derived of await listDerived(staging, sha)) {
          bytes += await tar.addFile(derived, join(staging, derived));
        }
      }
      await tar.finish();
    } catch (err) {
      await tar.abort();
      await rm(partial, { force: true });
      throw err;
    }
    await rename(partial, file);
    return { file, schemaVersion: snapshot.schemaVersion, blobs: snapshot.blobs.length, bytes, snapshots };
  } finally {
    source.close();
    await rm(staging, { recursive: true, force: true });
  }
}

async function takeSnapshot(
  source: Database.Database,
  path: string,
): Promise<{ path: string; schemaVersion: number; blobs: string[] }> {
  await source.backup(path, { progress: () => ALL_PAGES });
  const copy = new Database(path, { fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the database snapshot failed its check: ${String(check)}`);
    const hasBlobs = copy
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'blobs'")
      .get();
    const blobs = hasBlobs
      ? copy
          .prepare<[], { sha256: string }>('SELECT sha256 FROM blobs')
          .all()
          .map((r) => r.sha256)
      : [];
    return { path, schemaVersion: schemaVersion(copy), blobs };
  } finally {
    copy.close();
  }
}

/** Hard-links (or copies) a blob and its renditions into the staging folder; false if it is gone. */
async function pinBlob(dataDir: string, staging: string, sha: string): Promise<boolean> {
  if (!(await pin(join(dataDir, blobName(sha)), join(staging, blobName(sha))))) return false;
  const dir = derivedDirName(sha);
  for (const name of await readdir(join(dataDir, dir)).catch(() => [])) {
    if (name.startsWith(`${sha}.`) && name.endsWith('.webp')) {
      await pin(join(dataDir, dir, name), join(staging, dir, name));
    }
  }
  return true;
}

async function pin(from: string, to: string): Promise<boolean> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await link(from, to);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code === 'EEXIST') return true;
    // File systems without hard links (or across devices): copy. Blobs never change, so a copy is as good.
    try {
      await copyFile(from, to);
      return true;
    } catch (copyErr) {
      if ((copyErr as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw copyErr;
    }
  }
}

async function listDerived(staging: string, sha: string): Promise<string[]> {
  const dir = derivedDirName(sha);
  const names = await readdir(join(staging, dir)).catch(() => [] as string[]);
  return names.filter((n) => n.startsWith(`${sha}.`)).map((n) => `${dir}/${n}`);
}

/** Folders of the data dir kept whole: the TLS certificate and key, so desktops that pinned the key trust the restored server. */
const KEPT_FOLDERS = [TLS_DIR];

/**
 * The data dir's own small files (server-id, the TLS key): its top-level files and the kept folders;
 * not the database, not files/, nothing else a user may have put there (such as earlier backups).
 */
async function otherFiles(dataDir: string, under?: string): Promise<string[]> {
  const found: string[] = [];
  const dir = under === undefined ? dataDir : join(dataDir, under);
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const name = under === undefined ? entry.name : `${under}/${entry.name}`;
    if (entry.isDirectory() && under === undefined && KEPT_FOLDERS.includes(entry.name)) {
      found.push(...(await otherFiles(dataDir, entry.name)));
      continue;
    }
    if (!entry.isFile() || LIVE_DATABASE_FILES.has(name) || entry.name.startsWith('.')) continue;
    if (/\.(tmp|tar|partial)$/.test(entry.name)) continue;
    found.push(name);
  }
  return found.sort();
}

/** Staging folders of backups that died (their process is gone). */
async function removeAbandonedStaging(root: string): Promise<void> {
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const pid = Number(/^\.backup-(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    const path = join(root, name);
    if ((await stat(path)).isDirectory()) await rm(path, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
