import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { sqliteAddonPath } from '../../scripts/native-layout.mjs';

/**
 * The better-sqlite3 addon built for this Electron (see docs/architecture.md, "Native modules"), or
 * undefined when it was not built. Inside a package it is unpacked next to app.asar, since a
 * native module cannot load from inside the archive.
 */
export function electronSqliteBinding(
  appPath: string,
  electronVersion: string,
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
  exists: (file: string) => boolean = existsSync,
): string | undefined {
  const file = join(appPath, sqliteAddonPath(electronVersion, platform, arch)).replace(
    `${sep}app.asar${sep}`,
    `${sep}app.asar.unpacked${sep}`,
  );
  return exists(file) ? file : undefined;
}
