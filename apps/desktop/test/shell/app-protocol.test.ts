import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { double } from '../support/electron-double.js';

vi.mock('electron', () => import('../support/electron-double.js'));
const { APP_SCHEME, appResponse, registerAppScheme, rendererResponse, serveRenderer } =
  await import('../../src/main/app-protocol.js');

/** Stands in for DesktopCore.files.respond: records what reached it. */
const fileUrls: { method: string; pathname: string; range: string | null }[] = [];
const files = (request: { method: string; pathname: string; headers: Headers }) => {
  fileUrls.push({ method: request.method, pathname: request.pathname, range: request.headers.get('range') });
  return Promise.resolve(new Response('bytes', { status: 200 }));
};

const csp = "default-src 'none'; script-src 'self'";
let root: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-protocol-'));
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Parley</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
});

describe('the parley:// protocol', () => {
  it('is registered as a standard, secure scheme and serves the renderer folder', async () => {
    double.reset();
    registerAppScheme();
    expect(double.privilegedSchemes).toEqual([
      { scheme: 'parley', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
    serveRenderer(root, csp, files);
    const handler = double.protocolHandler(APP_SCHEME);
    const res = await handler!(new Request('parley://app/index.html'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Parley</title>');
  });

  it('sends the CSP and the right type with every file', async () => {
    for (const [url, type] of [
      ['parley://app/', 'text/html; charset=utf-8'],
      ['parley://app/assets/index.js', 'text/javascript; charset=utf-8'],
    ] as const) {
      const res = await rendererResponse(url, root, csp);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-security-policy')).toBe(csp);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves nothing outside the folder, on another host, or of an unknown type', async () => {
    for (const url of [
      'parley://app/../secret.txt',
      'parley://app/%2e%2e/secret.txt',
      'parley://app/..%2fsecret.txt',
      'parley://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'parley://other/index.html',
      'parley://app/missing.html',
      'parley://app/%E0%A4%A',
    ]) {
      expect((await rendererResponse(url, root, csp)).status, url).toBe(404);
    }
  });

  it('hands the file URLs, and only them, to the core with the method and Range', async () => {
    fileUrls.length = 0;
    const id = crypto.randomUUID();
    const request = new Request(`parley://app/files/${id}/original`, { headers: { range: 'bytes=0-99' } });
    expect((await appResponse(request, root, csp, files)).status).toBe(200);
    await appResponse(new Request(`parley://app/avatars/${id}/64`), root, csp, files);
    // Dot segments are resolved by URL parsing: this is /cache.db, a renderer path, and not served.
    expect((await appResponse(new Request('parley://app/files/../cache.db'), root, csp, files)).status).toBe(
      404,
    );
    // Another host never reaches the core; the renderer's own files never do either.
    expect(
      (await appResponse(new Request(`parley://other/files/${id}/original`), root, csp, files)).status,
    ).toBe(404);
    expect((await appResponse(new Request('parley://app/index.html'), root, csp, files)).status).toBe(200);
    expect(fileUrls).toEqual([
      { method: 'GET', pathname: `/files/${id}/original`, range: 'bytes=0-99' },
      { method: 'GET', pathname: `/avatars/${id}/64`, range: null },
    ]);
  });
});
