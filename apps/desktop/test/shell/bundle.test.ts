import { ipcChannels, type IpcResult } from '@parley/shared';
import { build } from 'electron-vite';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteAddonPath } from '../../scripts/native-layout.mjs';
import * as electron from '../support/electron-double.js';

/*
 * What `npm start` and the installers run is the electron-vite build, not the sources: this builds
 * it and loads the CommonJS bundles under Node with the electron double standing in for Electron,
 * so a bundling mistake (a module left external, ESM in the sandboxed preload, better-sqlite3 not
 * loading through nativeBinding) fails here rather than on someone's desktop.
 */

const desktop = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const { double, app } = electron;
const FAKE_ELECTRON = '40.0.0-test';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const originalResolve = loader._resolveFilename;
let appDir: string;

beforeAll(async () => {
  await build({ root: desktop, configFile: join(desktop, 'electron.vite.config.ts'), logLevel: 'silent' });

  // The bundles require('electron'): hand them the double.
  const stub = join(mkdtempSync(join(tmpdir(), 'parley-electron-stub-')), 'electron.cjs');
  writeFileSync(stub, 'module.exports = globalThis.__parleyElectronDouble;\n');
  (globalThis as { __parleyElectronDouble?: unknown }).__parleyElectronDouble = electron;
  loader._resolveFilename = function (request, ...rest) {
    return request === 'electron' ? stub : originalResolve.call(this, request, ...rest);
  };

  // An app folder like a packaged one: the build, and "the Electron build" of the addon (here the
  // Node one, since Node is what runs it).
  appDir = mkdtempSync(join(tmpdir(), 'parley-app-'));
  symlinkSync(join(desktop, 'out'), join(appDir, 'out'), 'dir');
  const addon = join(appDir, sqliteAddonPath(FAKE_ELECTRON, process.platform, process.arch));
  mkdirSync(join(addon, '..'), { recursive: true });
  copyFileSync(require.resolve('better-sqlite3/build/Release/better_sqlite3.node'), addon);
  Object.defineProperty(process.versions, 'electron', { value: FAKE_ELECTRON, configurable: true });
}, 120_000);

afterAll(() => {
  app.emit('will-quit', electron.fakeEvent());
  loader._resolveFilename = originalResolve;
  Reflect.deleteProperty(process.versions, 'electron');
});

describe('the built app', () => {
  it('main starts from out/main/index.cjs, opens its cache through nativeBinding and serves IPC', async () => {
    double.reset();
    app.appPath = appDir;
    require(join(appDir, 'out', 'main', 'index.cjs'));
    const start = Date.now();
    while (!double.hasIpcHandler('session.state') && Date.now() - start < 10_000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(double.callsTo('dialog')).toEqual([]);
    const win = double.windows[0]!;
    expect(win.webContents.mainFrame.url).toBe('parley://app/index.html');
    const state = (await double.invoke(
      'session.state',
      win.webContents.invokeEvent(),
      {},
    )) as IpcResult<unknown>;
    expect(state).toMatchObject({ ok: true, data: { connection: 'signed-out' } });
    const bad = (await double.invoke('messages.sendText', win.webContents.invokeEvent(), {
      text: 1,
    })) as IpcResult<unknown>;
    expect(bad).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_REQUEST' } });

    const serve = double.protocolHandler('parley')!;
    const page = await serve(new Request('parley://app/index.html'));
    const html = await page.text();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    const js = await serve(new Request(`parley://app/${script ?? 'missing.js'}`));
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('the preload is one CommonJS file that needs only electron, and exposes the contract', () => {
    const source = readFileSync(join(desktop, 'out', 'preload', 'index.cjs'), 'utf8');
    const required = [...source.matchAll(/require\((["'])([^"']+)\1\)/g)].map((m) => m[2]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(source).not.toMatch(/\bimport\s*[{*\w]|\bexport\s/);

    double.reset();
    require(join(desktop, 'out', 'preload', 'index.cjs'));
    const api = double.exposed('parley') as Record<string, Record<string, unknown>>;
    const methods = Object.entries(api).flatMap(([group, fns]) =>
      group === 'on' ? [] : Object.keys(fns).map((name) => `${group}.${name}`),
    );
    expect(methods.sort()).toEqual([...ipcChannels].sort());
  });
});
