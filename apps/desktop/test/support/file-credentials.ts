import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { CredentialStore } from '../../src/core/sync/credentials.js';

/**
 * Keeps the refresh token in a plain file, so a core can be restarted (in this process or a new
 * one) and resume its session. The app keeps it with Electron's safeStorage instead.
 */
export class FileCredentialStore implements CredentialStore {
  constructor(private readonly file: string) {}

  async load(): Promise<string | null> {
    try {
      const token = await readFile(this.file, 'utf8');
      return token === '' ? null : token;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /** Written whole or not at all (a crash mid-write leaves the previous token). */
  async save(refreshToken: string): Promise<void> {
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, refreshToken, { mode: 0o600 });
    await rename(tmp, this.file);
  }

  async clear(): Promise<void> {
    await rm(this.file, { force: true });
  }
}
