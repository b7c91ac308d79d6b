import { safeStorage } from 'electron';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CredentialStore } from '../core/sync/credentials.js';

/**
 * Keeps the refresh token encrypted with Electron's safeStorage (Keychain, DPAPI, or the Linux
 * secret service). Where the OS offers only plain-text storage (Linux "basic_text"), the token is
 * kept in memory for this run only: the login is not remembered, and `onPlainTextOnly` warns once.
 */
export class SafeStorageCredentialStore implements CredentialStore {
  private token: string | null = null;
  private warned = false;

  constructor(
    private readonly file: string,
    private readonly onPlainTextOnly: () => void = () => undefined,
  ) {}

  /** Whether a token can be stored encrypted; only valid once the app is ready. */
  canPersist(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
  }

  load(): Promise<string | null> {
    if (this.token === null && this.canPersist()) this.token = this.readFile();
    return Promise.resolve(this.token);
  }

  save(refreshToken: string): Promise<void> {
    this.token = refreshToken;
    if (this.canPersist()) {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      writeFileSync(tmp, safeStorage.encryptString(refreshToken), { mode: 0o600 });
      renameSync(tmp, this.file);
    } else {
      rmSync(this.file, { force: true });
      if (!this.warned) {
        this.warned = true;
        this.onPlainTextOnly();
      }
    }
    return Promise.resolve();
  }

  clear(): Promise<void> {
    this.token = null;
    rmSync(this.file, { force: true });
    return Promise.resolve();
  }

  private readFile(): string | null {
    try {
      return safeStorage.decryptString(readFileSync(this.file));
    } catch {
      // Missing, or encrypted under another OS account or keyring: sign in again.
      return null;
    }
  }
}
