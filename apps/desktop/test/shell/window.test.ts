import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { WindowStateFile } from '../../src/core/settings/window-state.js';
import { double, FakeWebContents, fakeEvent, session } from '../support/electron-double.js';

vi.mock('electron', () => import('../support/electron-double.js'));
const { createMainWindow } = await import('../../src/main/window.js');
const { hardenWebContents, lockDownSession, openExternalSafely } = await import('../../src/main/security.js');

beforeEach(() => {
  double.reset();
});

const stateFile = () => join(mkdtempSync(join(tmpdir(), 'parley-window-')), 'window-state.json');

describe('the main window', () => {
  it('is sandboxed and isolated, without Node, with our preload, and starts hidden', () => {
    const win = createMainWindow({
      url: 'parley://app/index.html',
      preload: '/app/out/preload/index.cjs',
      state: new WindowStateFile(stateFile()),
    });
    const options = double.windows[0]!.options as { webPreferences: Record<string, unknown>; show: boolean };
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.show).toBe(false);
    expect(double.callsTo(`BrowserWindow#${win.id}`, 'loadURL').map((c) => c.args)).toEqual([
      ['parley://app/index.html'],
    ]);
  });

  it('opens where it was last closed, and remembers the new place at close', () => {
    const file = stateFile();
    writeFileSync(
      file,
      JSON.stringify({ bounds: { x: 300, y: 200, width: 1000, height: 700 }, maximized: true }),
    );
    const win = createMainWindow({ url: 'parley://app/', preload: 'p', state: new WindowStateFile(file) });
    expect(double.windows[0]!.options).toMatchObject({ x: 300, y: 200, width: 1000, height: 700 });
    expect(win.isMaximized()).toBe(true);

    double.windows[0]!.bounds = { x: 50, y: 60, width: 900, height: 650 };
    win.close();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      bounds: { x: 50, y: 60, width: 900, height: 650 },
      maximized: true,
    });
  });

  it('opens centred at the default size when the saved state is broken or off-screen', () => {
    const file = stateFile();
    writeFileSync(file, '{ not json');
    createMainWindow({ url: 'parley://app/', preload: 'p', state: new WindowStateFile(file) });
    expect(double.windows[0]!.options).toMatchObject({ width: 1100, height: 720 });
    expect(double.windows[0]!.options).not.toHaveProperty('x');

    writeFileSync(
      file,
      JSON.stringify({ bounds: { x: 5000, y: 200, width: 1000, height: 700 }, maximized: false }),
    );
    createMainWindow({ url: 'parley://app/', preload: 'p', state: new WindowStateFile(file) });
    expect(double.windows[1]!.options).toMatchObject({ width: 1000, height: 700 });
    expect(double.windows[1]!.options).not.toHaveProperty('x');
  });
});

describe('web contents hardening', () => {
  it('denies every navigation, <webview>, and new window', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    for (const url of ['https://evil.example', 'parley://app/other.html', 'file:///etc/passwd']) {
      const e = fakeEvent();
      contents.emit('will-navigate', e, url);
      expect(e.defaultPrevented, url).toBe(true);
    }
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
    for (const url of ['https://parley.example', 'javascript:alert(1)', 'parley://app/index.html']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('hands only http, https and mailto links to the system', async () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    const urls = [
      'https://parley.example/docs',
      'http://192.168.1.5:7400/',
      'mailto:team@example.org',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://server/share',
      'parley://app/index.html',
      'ms-settings:privacy',
      'not a url',
    ];
    for (const url of urls) contents.windowOpenHandler?.({ url });
    expect(await openExternalSafely('vbscript:msgbox')).toBe(false);
    expect(await openExternalSafely('https://ok.example')).toBe(true);
    expect(double.callsTo('shell', 'openExternal').map((c) => c.args[0])).toEqual([
      'https://parley.example/docs',
      'http://192.168.1.5:7400/',
      'mailto:team@example.org',
      'https://ok.example',
    ]);
  });

  it('allows the microphone to our own page only, denies every other permission, and adds the CSP', () => {
    const ses = session.defaultSession;
    lockDownSession(ses as never, "default-src 'none'", 'parley://app');
    const ask = (permission: string, details: Record<string, unknown>) => {
      let granted: boolean | undefined;
      ses.permissionRequestHandler?.(null, permission, (g: boolean) => (granted = g), {
        isMainFrame: true,
        requestingUrl: 'parley://app/index.html',
        ...details,
      });
      return granted;
    };
    expect(ask('media', { mediaTypes: ['audio'] })).toBe(true);
    expect(ask('media', { mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(ask('media', { mediaTypes: ['video'] })).toBe(false);
    expect(ask('media', {})).toBe(false);
    expect(ask('media', { mediaTypes: ['audio'], requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(ask('media', { mediaTypes: ['audio'], requestingUrl: 'parley://other/index.html' })).toBe(false);
    expect(ask('media', { mediaTypes: ['audio'], isMainFrame: false })).toBe(false);
    expect(ask('notifications', {})).toBe(false);
    expect(ask('geolocation', {})).toBe(false);
    const check = (permission: string, origin: string, details: Record<string, unknown>) =>
      ses.permissionCheckHandler?.(null, permission, origin, { isMainFrame: true, ...details });
    expect(check('media', 'parley://app', { mediaType: 'audio' })).toBe(true);
    expect(check('media', 'parley://app', { mediaType: 'video' })).toBe(false);
    expect(check('media', 'parley://app', { mediaType: 'unknown' })).toBe(false);
    expect(check('media', 'http://localhost:5173', { mediaType: 'audio' })).toBe(false);
    expect(check('clipboard-read', 'parley://app', {})).toBe(false);
    let headers: unknown;
    ses.headersListener?.(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (response: { responseHeaders: unknown }) => (headers = response.responseHeaders),
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'none'"],
    });
  });
});
