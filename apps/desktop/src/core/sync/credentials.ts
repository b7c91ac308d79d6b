/** Where the refresh token is kept between runs: Electron's safeStorage in the app, a file or memory in tests. */
export interface CredentialStore {
  load(): Promise<string | null>;
  save(refreshToken: string): Promise<void>;
  clear(): Promise<void>;
}

export class MemoryCredentialStore implements CredentialStore {
  private value: string | null = null;

  load(): Promise<string | null> {
    return Promise.resolve(this.value);
  }

  save(refreshToken: string): Promise<void> {
    this.value = refreshToken;
    return Promise.resolve();
  }

  clear(): Promise<void> {
    this.value = null;
    return Promise.resolve();
  }
}
