import { LanServerId } from '@parley/shared';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file in the data folder that holds the server's id. */
export const SERVER_ID_FILE = 'server-id';

/**
 * The server's stable random id, kept in the data folder so it survives restarts and renames: the
 * desktop tells LAN servers apart by it. Made on first start; a file that does not hold a valid id
 * (edited by hand, truncated) is replaced by a new one.
 */
export function loadServerId(dataDir: string): string {
  const file = join(dataDir, SERVER_ID_FILE);
  try {
    const stored = LanServerId.safeParse(readFileSync(file, 'utf8').trim());
    if (stored.success) return stored.data;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const id = randomBytes(16).toString('hex');
  mkdirSync(dataDir, { recursive: true });
  // Written aside and renamed, so a crash never leaves a half-written id behind.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${id}\n`, { mode: 0o644 });
  renameSync(temp, file);
  return id;
}
