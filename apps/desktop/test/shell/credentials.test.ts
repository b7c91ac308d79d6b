import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { double, safeStorage } from '../support/electron-double.js';

vi.mock('electron', () => import('../support/electron-double.js'));
const { SafeStorageCredentialStore } = await import('../../src/main/credentials.js');

const file = () => join(mkdtempSync(join(tmpdir(), 'parley-credentials-')), 'session.bin');

beforeEach(() => {
  double.reset();
});

describe('the refresh token store', () => {
  it('keeps the token encrypted with safeStorage, and reads it back in the next run', async () => {
    const f = file();
    const store = new SafeStorageCredentialStore(f);
    await store.save('refresh-token-1');
    expect(readFileSync(f, 'utf8')).not.toContain('refresh-token-1');
    expect(double.callsTo('safeStorage', 'encryptString')).toHaveLength(1);
    expect(await new SafeStorageCredentialStore(f).load()).toBe('refresh-token-1');
    await store.clear();
    expect(existsSync(f)).toBe(false);
    expect(await new SafeStorageCredentialStore(f).load()).toBeNull();
  });

  it.runIf(process.platform === 'linux')(
    'refuses to write the token where Linux offers only plain-text storage, and warns once',
    async () => {
      safeStorage.backend = 'basic_text';
      const f = file();
      const warn = vi.fn();
      const store = new SafeStorageCredentialStore(f, warn);
      expect(store.canPersist()).toBe(false);
      await store.save('token-a');
      await store.save('token-b');
      expect(existsSync(f)).toBe(false);
      expect(double.callsTo('safeStorage', 'encryptString')).toEqual([]);
      expect(warn).toHaveBeenCalledOnce();
      // This run still has it (the session keeps working); the next run signs in again.
      expect(await store.load()).toBe('token-b');
      expect(await new SafeStorageCredentialStore(f).load()).toBeNull();
    },
  );

  it('does not persist when encryption is unavailable, and drops a token written before', async () => {
    const f = file();
    await new SafeStorageCredentialStore(f).save('old');
    safeStorage.available = false;
    const store = new SafeStorageCredentialStore(f);
    expect(store.canPersist()).toBe(false);
    expect(await store.load()).toBeNull();
    await store.save('new');
    expect(existsSync(f)).toBe(false);
  });

  it('treats a file it cannot decrypt as signed out', async () => {
    const f = file();
    writeFileSync(f, 'garbage');
    expect(await new SafeStorageCredentialStore(f).load()).toBeNull();
  });
});
