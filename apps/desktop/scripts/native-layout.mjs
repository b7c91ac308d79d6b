// Where the Electron-ABI build of better-sqlite3 lives. Shared by scripts/build-native.mjs (which
// writes it) and src/main/native-binding.ts (which loads it), so the two never disagree.
import { join } from 'node:path';

export const NATIVE_DIR = 'native';
export const SQLITE_ADDON = 'better_sqlite3.node';

/** native/electron-<version>-<platform>-<arch>/better_sqlite3.node, relative to apps/desktop. */
export function sqliteAddonPath(electronVersion, platform, arch) {
  return join(NATIVE_DIR, `electron-${electronVersion}-${platform}-${arch}`, SQLITE_ADDON);
}
