import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { double } from '../support/electron-double.js';

vi.mock('electron', () => import('../support/electron-double.js'));
const { APP_SCHEME, registerAppScheme, rendererResponse, serveRenderer } =
  await import('../../src/main/app-protocol.js');

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
      { scheme: 'parley', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    serveRenderer(root, csp);
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
});
