import Database from 'better-sqlite3';
import { DatabaseTooNewError, schemaVersion } from '@parley/db';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { migrations } from '../db/migrations/index.js';
import { blobName, classify, DATABASE_NAME, Manifest } from './archive-layout.js';
import { readTar } from './tar-reader.js';
import { TarFormatError } from './tar-format.js';

export class RestoreError extends Error {
  constructor(
    readonly reason: 'NOT_EMPTY' | 'INVALID_ARCHIVE',
    message: string,
  ) {
    super(message);
    this.name = 'RestoreError';
  }
}

export interface RestoreResult {
  dataDir: string;
  manifest: Manifest;
  files: number;
}

const MANIFEST_MAX_BYTES = 64 * 1024;
const invalid = (message: string) => new RestoreError('INVALID_ARCHIVE', message);

/**
 * Unpacks a backup made by `backupDataDir` into `dataDir`, which must be missing or empty. Every
 * path is checked against the archive layout, every blob against its sha256, and the database
 * against SQLite's integrity check and this server's schema version; only then are the unpacked
 * files moved into place, so a refused archive leaves nothing behind. The server migrates the
 * database on its next start as it would any older one.
 */
export async function restoreDataDir(
  file: string,
  dataDir: string,
  progress: (line: string) => void = () => undefined,
): Promise<RestoreResult> {
  if (!existsSync(file)) throw invalid(`${file} does not exist`);
  const target = resolve(dataDir);
  const created = !existsSync(target);
  if (!created && (!(await stat(target)).isDirectory() || (await readdir(target)).length > 0)) {
    throw new RestoreError('NOT_EMPTY', `${target} is not an empty folder; restore into a new one`);
  }
  // Unpacked inside the target, then moved up: the target may be a mount point (a Docker volume)
  // that can be neither replaced nor renamed onto.
  await mkdir(target, { recursive: true, mode: 0o700 });
  const temp = await mkdtemp(join(target, '.restoring-'));
  try {
    const unpacked = await unpack(file, temp);
    progress(`unpacked ${unpacked.files} files; checking the database`);
    checkDatabase(temp);
    for (const name of await readdir(temp)) await rename(join(temp, name), join(target, name));
    await rmdir(temp);
    return { dataDir: target, ...unpacked };
  } catch (err) {
    await rm(created ? target : temp, { recursive: true, force: true });
    if (err instanceof TarFormatError) throw invalid(`not a valid backup: ${err.message}`);
    throw err;
  }
}

async function unpack(file: string, into: string): Promise<{ manifest: Manifest; files: number }> {
  let manifest: Manifest | undefined;
  const found = { database: false };
  let blobs = 0;
  let files = 0;
  const seen = new Set<string>();
  await readTar(file, async (entry, data) => {
    const kind = classify(entry.name);
    if (!kind) throw invalid(`unexpected path in the archive: ${JSON.stringify(entry.name.slice(0, 200))}`);
    if (seen.has(entry.name)) throw invalid(`${entry.name} appears twice in the archive`);
    seen.add(entry.name);
    if (!manifest) {
      if (kind.kind !== 'manifest' || entry.size > MANIFEST_MAX_BYTES)
        throw invalid('not a Parley backup (no manifest)');
      const parsed = Manifest.safeParse(parseJson(await readAll(data)));
      if (!parsed.success) throw invalid('not a Parley backup (unknown manifest)');
      manifest = parsed.data;
      return;
    }
    if (kind.kind === 'manifest') throw invalid('two manifests in the archive');
    const sha256 = await writeFile(join(into, entry.name), data);
    if (kind.kind === 'blob') {
      if (sha256 !== kind.sha256) throw invalid(`${entry.name} is damaged (its sha256 does not match)`);
      blobs++;
    }
    if (kind.kind === 'database') found.database = true;
    files++;
  });
  if (!manifest) throw invalid('the archive is empty');
  if (!found.database) throw invalid('the archive has no database');
  if (blobs !== manifest.blobs) throw invalid(`the archive holds ${blobs} of its ${manifest.blobs} files`);
  return { manifest, files };
}

/** Writes `data` to a new file, flushed to disk; returns the sha256 of what was written. */
async function writeFile(path: string, data: Readable): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const hash = createHash('sha256');
  const out = await open(path, 'wx', 0o600);
  try {
    for await (const chunk of data) {
      hash.update(chunk as Buffer);
      await out.write(chunk as Buffer);
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return hash.digest('hex');
}

function checkDatabase(dir: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(join(dir, DATABASE_NAME), { fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw invalid(`the database in the archive is damaged: ${String(check)}`);
    const version = schemaVersion(db);
    if (version > migrations.length) throw new DatabaseTooNewError(version, migrations.length);
    const hasBlobs = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'blobs'").get();
    if (hasBlobs) {
      for (const { sha256 } of db.prepare<[], { sha256: string }>('SELECT sha256 FROM blobs').all()) {
        if (!existsSync(join(dir, blobName(sha256)))) throw invalid(`the archive lacks the file ${sha256}`);
      }
    }
  } catch (err) {
    if (err instanceof Database.SqliteError)
      throw invalid(`the database in the archive cannot be read: ${err.message}`);
    throw err;
  } finally {
    db?.close();
  }
}

async function readAll(data: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of data) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
