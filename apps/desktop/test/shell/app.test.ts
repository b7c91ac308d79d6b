import { ipcChannels, ipcEventChannel, type IpcResult, type Presence } from '@parley/shared';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, double, fakeEvent, type FakeBrowserWindow, session } from '../support/electron-double.js';

vi.mock('electron', () => import('../support/electron-double.js'));
const { launch } = await import('../../src/main/app.js');
const { trustedDevServer } = await import('../../src/main/dev-server.js');
type Running = NonNullable<Awaited<ReturnType<typeof launch>>>;

let running: Running | null = null;

async function start(
  argv: string[] = [],
  devServerUrl?: string,
): Promise<{ p: Running; win: FakeBrowserWindow }> {
  running = await launch({ argv, devServerUrl });
  if (!running) throw new Error('did not start');
  return { p: running, win: double.windows[0]! };
}

const sent = (win: FakeBrowserWindow, event: string) =>
  double
    .callsTo(`webContents#${win.webContents.id}`, 'send')
    .filter((c) => c.args[0] === ipcEventChannel(event as never))
    .map((c) => c.args[1]);

const invoke = async (win: FakeBrowserWindow, channel: string, request: unknown = {}) =>
  (await double.invoke(channel, win.webContents.invokeEvent(), request)) as IpcResult<unknown>;

beforeEach(() => {
  double.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  app.emit('will-quit', fakeEvent());
  running = null;
  vi.restoreAllMocks();
});

describe('launching Parley', () => {
  it('hands over to the first instance and quits when another one runs', async () => {
    app.singleInstanceLock = false;
    expect(await launch({ argv: [] })).toBeNull();
    expect(double.callsTo('app', 'quit')).toHaveLength(1);
    expect(double.windows).toEqual([]);
    expect(double.callsTo('app', 'whenReady')).toEqual([]);
  });

  it('sets everything up: scheme before ready, one window, IPC, CSP, menu, tray', async () => {
    const { win } = await start();
    const order = double.calls.map((c) => `${c.target}.${c.method}`);
    expect(order.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(
      order.indexOf('app.whenReady'),
    );
    expect(order.indexOf('app.requestSingleInstanceLock')).toBeLessThan(order.indexOf('app.whenReady'));
    expect(double.callsTo('app', 'setAppUserModelId').map((c) => c.args[0])).toEqual(['app.parley.desktop']);
    expect(double.windows).toHaveLength(1);
    expect(win.options).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false },
    });
    expect((win.options.webPreferences as { preload: string }).preload).toMatch(
      /out[\\/]preload[\\/]index\.cjs$/,
    );
    expect(win.webContents.mainFrame.url).toBe('parley://app/index.html');
    expect(double.protocolHandler('parley')).toBeTypeOf('function');
    // Only a development build takes over http, for the Vite origin's file URLs.
    expect(double.protocolHandler('http')).toBeUndefined();
    expect(ipcChannels.every((c) => double.hasIpcHandler(c))).toBe(true);
    expect(double.callsTo('session.webRequest', 'onHeadersReceived')).toHaveLength(1);
    expect(double.callsTo('session', 'setPermissionRequestHandler')).toHaveLength(1);
    expect(double.applicationMenu).not.toBeNull();
    expect(double.trays).toHaveLength(1);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('answers its own window over IPC', async () => {
    const { win } = await start();
    expect(await invoke(win, 'session.state')).toEqual({
      ok: true,
      data: {
        connection: 'signed-out',
        me: null,
        serverUrl: null,
        rememberLogin: true,
        signedOutReason: null,
      },
    });
    expect(await invoke(win, 'app.info')).toEqual({
      ok: true,
      data: { version: '0.1.0', platform: process.platform, language: 'en' },
    });
    expect(await invoke(win, 'conversations.list')).toEqual({ ok: true, data: { conversations: [] } });
  });

  it('hardens every web contents the app creates', async () => {
    await start();
    const contents = new (
      double.windows[0]!.webContents.constructor as new () => FakeBrowserWindow['webContents']
    )();
    app.emit('web-contents-created', fakeEvent(), contents);
    const nav = fakeEvent();
    contents.emit('will-navigate', nav, 'https://evil.example');
    expect(nav.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://x.example' })).toEqual({ action: 'deny' });
  });

  it('stays in the tray until asked when started at login (--hidden)', async () => {
    const { win } = await start(['/opt/Parley/parley', '--hidden']);
    win.emit('ready-to-show');
    expect(win.visible).toBe(false);
    double.trays[0]!.menu!.item('open')!.click!({ checked: false });
    expect(win.visible).toBe(true);
  });
});

describe('the running app', () => {
  it('brings its window forward when launched a second time', async () => {
    const { win } = await start();
    win.minimize();
    win.hide();
    app.emit('second-instance', fakeEvent(), ['parley'], '/');
    expect(win.minimized).toBe(false);
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
    expect(double.windows).toHaveLength(1);
  });

  it('keeps running in the tray when the window is closed, and quits from the tray menu', async () => {
    const { win } = await start();
    win.show();
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.visible).toBe(false);

    double.trays[0]!.menu!.item('quit')!.click!({ checked: false });
    expect(double.callsTo('app', 'quit')).toHaveLength(1);
    win.close();
    expect(win.destroyed).toBe(true);
  });

  it('closes for real when close-to-tray is off', async () => {
    const { win } = await start();
    expect(await invoke(win, 'settings.set', { closeToTray: false })).toMatchObject({ ok: true });
    win.close();
    expect(win.destroyed).toBe(true);
    app.emit('window-all-closed');
    expect(double.callsTo('app', 'quit')).toHaveLength(process.platform === 'darwin' ? 0 : 1);
  });

  it('shows the unread count on the tray and tells the renderer', async () => {
    const { p, win } = await start();
    p.core.emit('badge', 5);
    expect(double.trays[0]!.image.path).toMatch(/tray-5\.png$/);
    expect(sent(win, 'badge')).toEqual([{ count: 5 }]);
  });

  it('forwards the core events to the renderer', async () => {
    const { p, win } = await start();
    p.core.emit('connection', 'online');
    p.core.emit('changed', ['c1', 'c2']);
    p.core.emit('people-changed');
    p.core.emit('signed-out', 'SESSION_REVOKED');
    p.core.emit('typing', 'c1', 'u1');
    const presence = { userId: crypto.randomUUID(), status: 'away', lastSeenAt: null } as Presence;
    p.core.emit('presence', presence);
    p.core.emit('receipts-changed', 'c2');
    expect(sent(win, 'connection')).toEqual([{ state: 'online' }]);
    expect(sent(win, 'conversations.changed')).toEqual([{ conversationIds: ['c1', 'c2'] }]);
    expect(sent(win, 'people.changed')).toEqual([{}]);
    expect(sent(win, 'signed-out')).toEqual([{ reason: 'SESSION_REVOKED' }]);
    expect(sent(win, 'typing')).toEqual([{ conversationId: 'c1', userId: 'u1' }]);
    expect(sent(win, 'presence')).toEqual([presence]);
    expect(sent(win, 'receipts.changed')).toEqual([{ conversationId: 'c2' }]);
  });

  it('notifies, and a click opens the conversation in the window', async () => {
    const { p, win } = await start();
    win.hide();
    p.core.emit('notify', {
      kind: 'message',
      count: 1,
      conversationId: 'c9',
      messageId: 'm1',
      senderId: 'u1',
      mention: false,
    });
    expect(double.notifications).toHaveLength(1);
    expect(double.notifications[0]!.options).toMatchObject({
      title: 'Someone',
      body: 'New message',
      silent: false,
    });
    expect((double.notifications[0]!.options as { icon: string }).icon).toMatch(/resources[\\/]icon\.png$/);
    double.notifications[0]!.emit('click');
    expect(win.visible).toBe(true);
    expect(sent(win, 'notification.open')).toEqual([{ conversationId: 'c9' }]);
  });

  it('shows a catch-up summary; a click brings the window forward without picking a conversation', async () => {
    const { p, win } = await start();
    win.hide();
    p.core.emit('notify', {
      kind: 'summary',
      conversationIds: ['c1', 'c2', 'c3', 'c4'],
      messageCount: 12,
      mention: true,
    });
    expect(double.notifications).toHaveLength(1);
    expect(double.notifications[0]!.options).toMatchObject({
      title: 'Parley',
      body: '12 new messages in 4 chats, including a mention of you',
    });
    double.notifications[0]!.emit('click');
    expect(win.visible).toBe(true);
    expect(sent(win, 'notification.open')).toEqual([]);
  });

  it('toggles do-not-disturb from the tray: core, menu and renderer follow', async () => {
    const { p, win } = await start();
    const dnd = vi.spyOn(p.core, 'setDoNotDisturb');
    double.trays[0]!.menu!.item('do-not-disturb')!.click!({ checked: true });
    expect(dnd).toHaveBeenLastCalledWith(true);
    expect(double.trays[0]!.menu!.item('do-not-disturb')!.checked).toBe(true);
    expect(sent(win, 'settings.changed')).toMatchObject([{ doNotDisturb: true }]);
    expect(p.settings.get().doNotDisturb).toBe(true);
  });

  it('mutes the conversation on screen only while the window has focus', async () => {
    const { p, win } = await start();
    const focused = vi.spyOn(p.core, 'setFocusedConversation');
    const id = crypto.randomUUID();
    await invoke(win, 'conversations.setFocused', { conversationId: id });
    win.emit('focus');
    win.emit('blur');
    expect(focused.mock.calls.map((c) => c[0])).toEqual([null, id, null]);
  });

  it('closes the cache and the tray when quitting', async () => {
    const { p } = await start();
    const close = vi.spyOn(p.core, 'close');
    app.emit('will-quit', fakeEvent());
    expect(close).toHaveBeenCalledOnce();
    expect(double.trays[0]!.destroyed).toBe(true);
  });

  it('starts at login when asked, in a packaged app only', async () => {
    app.isPackaged = true;
    // Electron sets this; a packaged app finds its icons there.
    Object.assign(process, { resourcesPath: join(app.getAppPath(), '..', '..', 'resources') });
    const { win } = await start();
    await invoke(win, 'settings.set', { startAtLogin: true });
    if (process.platform === 'linux') {
      const entry = join(app.getPath('appData'), 'autostart', 'parley.desktop');
      expect(readFileSync(entry, 'utf8')).toMatch(/^Exec=".+" --hidden$/m);
      await invoke(win, 'settings.set', { startAtLogin: false });
      expect(existsSync(entry)).toBe(false);
    } else {
      expect(double.callsTo('app', 'setLoginItemSettings').at(-1)?.args[0]).toEqual({
        openAtLogin: true,
        args: ['--hidden'],
      });
    }
  });

  it('registers nothing at login from a development build', async () => {
    const { win } = await start();
    await invoke(win, 'settings.set', { startAtLogin: true });
    expect(double.callsTo('app', 'setLoginItemSettings')).toEqual([]);
    expect(existsSync(join(app.getPath('appData'), 'autostart', 'parley.desktop'))).toBe(false);
  });

  it('says why it cannot start, and exits', async () => {
    writeFileSync(app.getPath('userData'), 'a file where the data folder should be');
    expect(await launch({ argv: [] })).toBeNull();
    expect(double.callsTo('dialog', 'showErrorBox')).toHaveLength(1);
    expect(double.callsTo('app', 'exit').map((c) => c.args[0])).toEqual([1]);
  });
});

describe('development', () => {
  it('loads the local Vite server and trusts its origin for IPC', async () => {
    const { win } = await start([], 'http://localhost:5173');
    expect(win.webContents.mainFrame.url).toBe('http://localhost:5173');
    expect(await invoke(win, 'app.badge')).toEqual({ ok: true, data: { count: 0 } });
    // Its file URLs are answered by the core, as on parley://app; the microphone is its origin's.
    const file = await double.protocolHandler('http')!(
      new Request(`http://localhost:5173/avatars/${crypto.randomUUID()}/64`),
    );
    expect(file.status).toBe(404);
    const ses = session.defaultSession;
    let granted: boolean | undefined;
    ses.permissionRequestHandler?.(null, 'media', (g: boolean) => (granted = g), {
      isMainFrame: true,
      requestingUrl: 'http://localhost:5173/',
      mediaTypes: ['audio'],
    });
    expect(granted).toBe(true);
  });

  it('never loads a remote page, nor a dev server in a packaged app', () => {
    expect(trustedDevServer('http://localhost:5173/', false)).toBe('http://localhost:5173');
    expect(trustedDevServer('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173');
    expect(trustedDevServer('https://evil.example', false)).toBeUndefined();
    expect(trustedDevServer('file:///tmp/index.html', false)).toBeUndefined();
    expect(trustedDevServer('http://localhost:5173', true)).toBeUndefined();
    expect(trustedDevServer(undefined, false)).toBeUndefined();
  });
});
