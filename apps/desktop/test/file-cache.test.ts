import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CacheJanitor } from '../src/core/files/cache-janitor.js';
import { FileCache } from '../src/core/files/file-cache.js';
import { shortName } from '../src/core/files/file-service.js';
import { tempDir } from './support/harness.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the file cache', () => {
  it('keeps one blob per content, adopting a finished copy or dropping it when the content is there', async () => {
    const cache = new FileCache(tempDir());
    const first = cache.outgoing(crypto.randomUUID());
    await cache.put(first, new TextEncoder().encode('same bytes'));
    const blob = await cache.adopt(first, sha('same bytes'));
    expect(blob).toBe(cache.blob(sha('same bytes')));
    expect(blob).toContain(join('blobs', sha('same bytes').slice(0, 2)));
    expect(existsSync(first)).toBe(false);
    const second = cache.outgoing(crypto.randomUUID());
    await cache.put(second, new TextEncoder().encode('same bytes'));
    expect(await cache.adopt(second, sha('same bytes'))).toBe(blob);
    expect(existsSync(second)).toBe(false);
    // An upload that started again from the blob itself leaves it where it is.
    expect(await cache.adopt(blob, sha('same bytes'))).toBe(blob);
    expect(readFileSync(blob, 'utf8')).toBe('same bytes');
  });

  it('names a blob for the system apps under a disk-safe name, sharing the bytes', async () => {
    const cache = new FileCache(tempDir());
    const id = crypto.randomUUID();
    const blob = cache.blob(sha('report'));
    await cache.put(blob, new TextEncoder().encode('report'));
    const named = await cache.nameBlob(sha('report'), id, '../../季度:报告.pdf');
    expect(named).toBe(join(cache.root, 'named', id, '.._.._季度_报告.pdf'));
    expect(readFileSync(named, 'utf8')).toBe('report');
    expect(statSync(named).ino).toBe(statSync(blob).ino);
    expect(await cache.nameBlob(sha('report'), id, '../../季度:报告.pdf')).toBe(named);
    writeFileSync(join(cache.root, 'unrelated'), 'x');
  });

  it('shortens names it declares to what the server keeps, extension kept', () => {
    expect(shortName('report.pdf')).toBe('report.pdf');
    const long = shortName(`${'名'.repeat(10_000)}.tar.gz`);
    expect(Array.from(long)).toHaveLength(200);
    expect(long.endsWith('.gz')).toBe(true);
    expect(Array.from(shortName('x'.repeat(300)))).toHaveLength(200);
  });
});

describe('the cache janitor', () => {
  it('trusts a scan for 10 minutes, counting what it is told arrived, and scans again after', async () => {
    const cache = new FileCache(tempDir());
    let now = Date.now();
    const janitor = new CacheJanitor({ cache, inUse: () => new Set(), now: () => now });
    const put = async (name: string, bytes: number, hoursAgo: number) => {
      const path = cache.derived(sha(name), 'thumbnail');
      await cache.put(path, new Uint8Array(bytes));
      const at = new Date(now - hoursAgo * 3_600_000);
      utimesSync(path, at, at);
      return path;
    };
    const a = await put('a', 1000, 3);
    expect(await janitor.usage()).toBe(1000);
    // Told of: over the limit, so it scans and trims the oldest.
    await put('b', 1000, 2);
    janitor.grew(1000);
    expect(await janitor.trim(1500)).toBe(1000);
    expect(existsSync(a)).toBe(false);
    // Not told of (an upload's copy moved in): the scan is trusted for 10 minutes, then redone.
    await put('c', 1000, 1);
    expect(await janitor.trim(1500)).toBe(0);
    now += 11 * 60_000;
    expect(await janitor.trim(1500)).toBe(1000);
    expect(await janitor.usage()).toBe(1000);
  });
});
