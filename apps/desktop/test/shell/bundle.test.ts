import { ipcChannels, type IpcResult } from '@parley/shared';
import { build } from 'electron-vite';
import { defaultSettings, type HostStatus } from '@parley/shared';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteAddonPath } from '../../scripts/native-layout.mjs';
import * as electron from '../support/electron-double.js';
import { until, untilAsync } from '../support/harness.js';
import { freePort } from '../support/hosting.js';

/*
 * What `npm start` and the installers run is the electron-vite build, not the sources: this builds
 * it and loads the CommonJS bundles under Node with the electron double standing in for Electron,
 * so a bundling mistake (a module left external, ESM in the sandboxed preload, better-sqlite3 not
 * loading through nativeBinding) fails here rather than on someone's desktop.
 */

const desktop = resolve(import.meta.dirname, '..', '..');
const repoRoot = resolve(desktop, '..', '..');
const require = createRequire(import.meta.url);
const { double, app, FakeUtilityProcess } = electron;
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
  hostingPort = await freePort();
}, 120_000);

let hostingPort: number;
const hostProcesses: InstanceType<typeof FakeUtilityProcess>[] = [];

/** Hosting was on when the app last ran: the launch starts it, for real, from the built host bundle. */
function hostOnLaunch(): void {
  FakeUtilityProcess.forReal = true;
  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true });
  writeFileSync(
    join(userData, 'settings.json'),
    JSON.stringify({ ...defaultSettings, hosting: { enabled: true, port: hostingPort, name: 'Built' } }),
  );
}

/** The paths of the files inside an asar archive (its header is JSON after a 16-byte prefix). */
function asarFiles(archive: string): string[] {
  const bytes = readFileSync(archive);
  const header = JSON.parse(bytes.subarray(16, 16 + bytes.readUInt32LE(12)).toString('utf8')) as AsarDir;
  const walk = (dir: AsarDir, prefix: string): string[] =>
    Object.entries(dir.files).flatMap(([name, entry]) =>
      'files' in entry ? walk(entry, `${prefix}${name}/`) : [`${prefix}${name}`],
    );
  return walk(header, '');
}
interface AsarDir {
  files: Record<string, AsarDir | { size: number }>;
}

afterAll(() => {
  for (const proc of hostProcesses) proc.kill();
  app.emit('will-quit', electron.fakeEvent());
  loader._resolveFilename = originalResolve;
  Reflect.deleteProperty(process.versions, 'electron');
});

describe('the built app', () => {
  it('main starts from out/main/index.cjs, opens its cache through nativeBinding and serves IPC', async () => {
    double.reset();
    app.appPath = appDir;
    hostOnLaunch();
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
    // The file URLs reach the core (which knows no such file).
    const file = await serve(new Request(`parley://app/files/${crypto.randomUUID()}/thumbnail`));
    expect(file.status).toBe(404);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    const transfers = (await double.invoke(
      'transfers.list',
      win.webContents.invokeEvent(),
      {},
    )) as IpcResult<unknown>;
    expect(transfers).toEqual({ ok: true, data: { transfers: [] } });
  });

  it('starts hosting at launch when it was on: the host bundle runs the server in a utility process', async () => {
    const proc = double.utilityProcesses[0]!;
    hostProcesses.push(proc);
    expect(proc.modulePath).toBe(join(appDir, 'out', 'main', 'host.cjs'));
    const win = double.windows[0]!;
    const status = async () =>
      (await double.invoke('host.status', win.webContents.invokeEvent(), {})) as IpcResult<HostStatus>;
    let now = await status();
    await untilAsync(
      async () => {
        now = await status();
        return !now.ok || now.data.state !== 'starting';
      },
      30_000,
      'hosting running',
    );
    expect(now).toMatchObject({ ok: true, data: { state: 'running', port: hostingPort, name: 'Built' } });
    // The bundle's server opened its database through nativeBinding (the "Electron" addon next to the app)...
    expect(proc.received[0]).toMatchObject({
      type: 'start',
      nativeBinding: join(appDir, sqliteAddonPath(FAKE_ELECTRON, process.platform, process.arch)),
    });
    // ...and hashes passwords with argon2 (an external N-API addon): the first account is the admin.
    const url = `http://127.0.0.1:${hostingPort}`;
    const created = await fetch(`${url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'built_admin',
        displayName: 'Admin',
        password: 'correct horse battery',
        deviceName: 'bundle test',
      }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ user: { username: 'built_admin', isAdmin: true } });
    const stopped = (await double.invoke(
      'host.stop',
      win.webContents.invokeEvent(),
      {},
    )) as IpcResult<HostStatus>;
    expect(stopped).toMatchObject({ ok: true, data: { state: 'stopped', error: null } });
    await until(() => proc.pid === undefined, 10_000, 'host process ended');
  });

  // electron-builder's Linux layout (CI and this sandbox are Linux; each OS builds its own installers).
  it.runIf(process.platform === 'linux')(
    'the installer carries the host process and its addons: argon2 and sharp, their binaries beside app.asar',
    () => {
      const fakeElectron = mkdtempSync(join(tmpdir(), 'parley-fake-electron-'));
      writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
      const output = mkdtempSync(join(tmpdir(), 'parley-pack-'));
      const packed = spawnSync(
        process.execPath,
        [
          require.resolve('electron-builder/cli.js'),
          '--config',
          'electron-builder.yml',
          '--linux',
          'dir',
          `-c.electronDist=${fakeElectron}`,
          `-c.directories.output=${output}`,
        ],
        { cwd: repoRoot, encoding: 'utf8' },
      );
      expect(packed.status, packed.stderr).toBe(0);
      const resources = join(output, 'linux-unpacked', 'resources');
      const files = asarFiles(join(resources, 'app.asar'));
      expect(files).toEqual(
        expect.arrayContaining([
          'out/main/index.cjs',
          'out/main/host.cjs',
          'node_modules/argon2/package.json',
          'node_modules/sharp/package.json',
        ]),
      );
      const unpacked = join(resources, 'app.asar.unpacked', 'node_modules');
      expect(existsSync(join(unpacked, 'argon2', 'prebuilds', `linux-${process.arch}`))).toBe(true);
      expect(readdirSync(join(unpacked, '@img'))).toContain(`sharp-linux-${process.arch}`);
    },
    120_000,
  );

  it('the preload is one CommonJS file that needs only electron, and exposes the contract', () => {
    const source = readFileSync(join(desktop, 'out', 'preload', 'index.cjs'), 'utf8');
    const required = [...source.matchAll(/require\((["'])([^"']+)\1\)/g)].map((m) => m[2]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(source).not.toMatch(/\bimport\s*[{*\w]|\bexport\s/);

    double.reset();
    require(join(desktop, 'out', 'preload', 'index.cjs'));
    const api = double.exposed('parley') as Record<string, Record<string, unknown>>;
    const methods = Object.entries(api).flatMap(([group, fns]) =>
      group === 'on' || group === 'pathForFile' ? [] : Object.keys(fns).map((name) => `${group}.${name}`),
    );
    expect(methods.sort()).toEqual([...ipcChannels].sort());
    expect(typeof api.pathForFile).toBe('function');
  });
});
