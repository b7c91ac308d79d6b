import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fileResponse,
  type FileRoute,
  parseFileRoute,
  parseRange,
  safeContentType,
} from '../src/core/files/file-responses.js';
import { tempDir } from './support/harness.js';

/*
 * The one function behind the renderer's file URLs (the app's parley://app handler and the e2e
 * harness both call it). Where the bytes come from is the core's business (see files-send.test.ts
 * for it on a real core); here a resolver hands it files on disk.
 */

const dir = tempDir('parley-responses-');
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
const original = join(dir, 'original');
writeFileSync(original, bytes);
const id = randomUUID();

const seen: FileRoute[] = [];
const resolve = (type: string) => (route: FileRoute) => {
  seen.push(route);
  return Promise.resolve({ path: original, type });
};
const get = (pathname: string, headers: Record<string, string> = {}, type = 'video/mp4', method = 'GET') =>
  fileResponse(resolve(type), { method, pathname, headers: new Headers(headers) });

describe('the renderer file URLs', () => {
  it('knows exactly three shapes of path, with lower-case UUIDs', () => {
    const upper = id.toUpperCase();
    expect(parseFileRoute(`/files/${upper}/thumbnail`)).toEqual({
      kind: 'file',
      fileId: id,
      variant: 'thumbnail',
    });
    expect(parseFileRoute(`/files/${id}/original`)).toEqual({
      kind: 'file',
      fileId: id,
      variant: 'original',
    });
    expect(parseFileRoute(`/files/outgoing/${id}`)).toEqual({ kind: 'outgoing', clientMsgId: id });
    expect(parseFileRoute(`/avatars/${id}/256`)).toEqual({ kind: 'avatar', fileId: id, size: '256' });
    for (const bad of [
      `/files/${id}`,
      `/files/${id}/original/`,
      `/files/${id}/../../cache.db`,
      `/files/${id}/%2e%2e/cache.db`,
      `/files/..%2f..%2fcache.db/original`,
      `/files/${id}%00/original`,
      `/files/outgoing/../../${id}`,
      `/files/outgoing/${id}/x`,
      `/avatars/${id}/128`,
      `/avatars/${id}/64.png`,
      `/files/not-a-uuid/thumbnail`,
      `//files/${id}/thumbnail`,
      `/files/${id}/thumbnail?x=1`,
    ]) {
      expect(parseFileRoute(bad), bad).toBeNull();
    }
  });

  it('answers 404 without asking anyone for a path that is not one of them, and for what the cache lacks', async () => {
    seen.length = 0;
    for (const path of [`/files/${id}/../../cache.db`, '/files/%2e%2e/%2e%2e/cache.db', `/avatars/${id}/1`]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(seen).toEqual([]);
    const unknown = await fileResponse(() => Promise.resolve(null), {
      method: 'GET',
      pathname: `/files/${id}/original`,
      headers: new Headers(),
    });
    expect(unknown.status).toBe(404);
    const failing = await fileResponse(() => Promise.reject(new Error('server gone')), {
      method: 'GET',
      pathname: `/files/${id}/preview`,
      headers: new Headers(),
    });
    expect(failing.status).toBe(502);
    expect((await get(`/files/${id}/original`, {}, 'video/mp4', 'POST')).status).toBe(405);
  });

  it('serves the whole file, or one range of it for seeking', async () => {
    const whole = await get(`/files/${id}/original`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe('1000');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(bytes);

    const middle = await get(`/files/${id}/original`, { range: 'bytes=100-199' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(Buffer.from(await middle.arrayBuffer())).toEqual(bytes.subarray(100, 200));

    const tail = await get(`/files/${id}/original`, { range: 'bytes=-10' });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(990));
    const open = await get(`/files/${id}/original`, { range: 'bytes=995-' });
    expect(open.headers.get('content-range')).toBe('bytes 995-999/1000');

    const beyond = await get(`/files/${id}/original`, { range: 'bytes=1000-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');
    expect((await get(`/files/${id}/original`, { range: 'bytes=5-1,7-9' })).status).toBe(416);

    const head = await get(`/files/${id}/original`, {}, 'video/mp4', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('1000');
    expect(head.body).toBeNull();
  });

  it('lets only pictures, audio and video through as what they are', async () => {
    for (const [type, sent] of [
      ['image/png', 'image/png'],
      ['image/webp', 'image/webp'],
      ['audio/webm; codecs=opus', 'audio/webm'],
      ['video/mp4', 'video/mp4'],
      ['image/svg+xml', 'application/octet-stream'],
      ['text/html', 'application/octet-stream'],
      ['application/pdf', 'application/octet-stream'],
      ['application/javascript', 'application/octet-stream'],
      ['IMAGE/JPEG', 'image/jpeg'],
      ['', 'application/octet-stream'],
    ]) {
      expect(safeContentType(type!), type).toBe(sent);
      const res = await get(`/files/${id}/original`, {}, type);
      expect(res.headers.get('content-type'), type).toBe(sent);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain('sandbox');
    }
  });

  it('parses single byte ranges only', () => {
    expect(parseRange(null, 10)).toBeNull();
    expect(parseRange('bytes=0-', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=2-100', 10)).toEqual({ start: 2, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-', 10)).toBe('bad');
    expect(parseRange('items=0-1', 10)).toBe('bad');
    expect(parseRange('bytes=0-0', 0)).toBe('bad');
  });
});
