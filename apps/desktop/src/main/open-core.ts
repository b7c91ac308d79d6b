import { app } from 'electron';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DesktopCore } from '../core/desktop-core.js';
import type { CredentialStore } from '../core/sync/credentials.js';
import { electronSqliteBinding } from './native-binding.js';

/** The desktop core on the user data folder, with the Electron build of better-sqlite3. */
export function openCore(
  userData: string,
  credentials: CredentialStore,
  nativeModuleMissing: (detail: string) => string,
): DesktopCore {
  const nativeBinding = electronSqliteBinding(app.getAppPath(), process.versions.electron);
  try {
    return new DesktopCore({
      dataDir: join(userData, 'cache'),
      credentials,
      deviceName: `Parley on ${hostname()}`.slice(0, 100),
      ...(nativeBinding ? { nativeBinding } : {}),
    });
  } catch (err) {
    throw new Error(nativeBinding ? (err as Error).message : nativeModuleMissing((err as Error).message), {
      cause: err,
    });
  }
}
