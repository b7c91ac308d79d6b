/**
 * A recorded test double of the `electron` module, for the shell's tests (Electron itself cannot
 * run here). Tests load it with `vi.mock('electron', () => import('../support/electron-double.js'))`.
 * Every call the shell makes is appended to `double.calls`, and the objects it creates (windows,
 * trays, notifications, menus, IPC handlers, protocol handlers…) are kept for inspection. Dialogs,
 * shell.openPath and webUtils answer what the test sets.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface CallRecord {
  target: string;
  method: string;
  args: unknown[];
}

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault: () => void;
}

export function fakeEvent(): FakeEvent {
  const e = {
    defaultPrevented: false,
    preventDefault: () => {
      e.defaultPrevented = true;
    },
  };
  return e;
}

type Handler = (...args: unknown[]) => unknown;

const state = {
  calls: [] as CallRecord[],
  windows: [] as FakeBrowserWindow[],
  trays: [] as FakeTray[],
  notifications: [] as FakeNotification[],
  ipcHandlers: new Map<string, Handler>(),
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  privilegedSchemes: [] as unknown[],
  applicationMenu: null as FakeMenu | null,
  exposed: new Map<string, unknown>(),
  utilityProcesses: [] as FakeUtilityProcess[],
  clipboard: [] as string[],
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
};

function record(target: string, method: string, args: unknown[]): void {
  state.calls.push({ target, method, args });
}

let nextId = 1;

export class FakeFrame {
  parent: FakeFrame | null = null;
  readonly processId: number;
  readonly routingId: number;
  url = '';

  constructor(processId: number, parent: FakeFrame | null = null) {
    this.processId = processId;
    this.routingId = nextId++;
    this.parent = parent;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame = new FakeFrame(this.id);
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;

  send(channel: string, payload: unknown): void {
    record(`webContents#${this.id}`, 'send', [channel, payload]);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    record(`webContents#${this.id}`, 'setWindowOpenHandler', [handler]);
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** What sending from a frame of this page looks like to ipcMain.handle. */
  invokeEvent(frame: FakeFrame | null = this.mainFrame): {
    sender: FakeWebContents;
    senderFrame: FakeFrame | null;
  } {
    return { sender: this, senderFrame: frame };
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly id = this.webContents.id;
  visible = false;
  minimized = false;
  maximized = false;
  focused = false;
  destroyed = false;
  bounds: { x: number; y: number; width: number; height: number };

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    record('BrowserWindow', 'new', [options]);
    this.bounds = {
      x: (options.x as number | undefined) ?? 100,
      y: (options.y as number | undefined) ?? 100,
      width: (options.width as number | undefined) ?? 800,
      height: (options.height as number | undefined) ?? 600,
    };
    state.windows.push(this);
  }

  private rec(method: string, ...args: unknown[]): void {
    record(`BrowserWindow#${this.id}`, method, args);
  }

  loadURL(url: string): Promise<void> {
    this.rec('loadURL', url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.rec('show');
    this.visible = true;
  }
  hide(): void {
    this.rec('hide');
    this.visible = false;
    this.emit('hide');
  }
  focus(): void {
    this.rec('focus');
    this.focused = true;
  }
  restore(): void {
    this.rec('restore');
    this.minimized = false;
  }
  minimize(): void {
    this.rec('minimize');
    this.minimized = true;
  }
  maximize(): void {
    this.rec('maximize');
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  setOverlayIcon(...args: unknown[]): void {
    this.rec('setOverlayIcon', ...args);
  }
  /** Like a click on the close button: listeners may prevent it. */
  close(): void {
    this.rec('close');
    const e = fakeEvent();
    this.emit('close', e);
    if (!e.defaultPrevented) this.destroy();
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return state.windows.filter((w) => !w.destroyed);
  }
}

export class FakeImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
  isEmpty(): boolean {
    return false;
  }
}

export class FakeTray extends EventEmitter {
  image: FakeImage;
  tooltip = '';
  menu: FakeMenu | null = null;
  destroyed = false;

  constructor(image: FakeImage) {
    super();
    record('Tray', 'new', [image]);
    this.image = image;
    state.trays.push(this);
  }
  setImage(image: FakeImage): void {
    record('Tray', 'setImage', [image]);
    this.image = image;
  }
  setToolTip(tooltip: string): void {
    record('Tray', 'setToolTip', [tooltip]);
    this.tooltip = tooltip;
  }
  setContextMenu(menu: FakeMenu): void {
    record('Tray', 'setContextMenu', [menu]);
    this.menu = menu;
  }
  destroy(): void {
    record('Tray', 'destroy', []);
    this.destroyed = true;
  }
}

export interface FakeMenuItem {
  id?: string;
  label?: string;
  role?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  visible?: boolean;
  accelerator?: string;
  submenu?: FakeMenuItem[];
  click?: (item: { checked: boolean }) => void;
}

export class FakeMenu {
  constructor(readonly items: FakeMenuItem[]) {}

  item(id: string): FakeMenuItem | undefined {
    return this.items.find((i) => i.id === id);
  }
}

export class FakeNotification extends EventEmitter {
  static supported = true;
  shown = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    record('Notification', 'new', [options]);
    state.notifications.push(this);
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  show(): void {
    record('Notification', 'show', [this.options]);
    this.shown = true;
  }
  close(): void {
    this.emit('close');
  }
}

/** The host process's side of the app ↔ host messages, as a well-behaved host process answers them. */
function answerAsHost(proc: FakeUtilityProcess, message: unknown): void {
  const m = message as { type?: string; port?: number };
  if (m.type === 'start' && m.port !== undefined) {
    proc.reply({ type: 'ready', port: m.port, urls: [`http://192.168.1.20:${m.port}`], fingerprint: null });
  } else if (m.type === 'stop') {
    proc.reply({ type: 'stopped' });
  }
}

/** Preloaded into real processes: gives them Electron's process.parentPort. */
const PARENT_PORT_SHIM = resolve(import.meta.dirname, 'parent-port-shim.mjs');

/**
 * A utility process: records what it is sent. By default it answers like a host process at once
 * (`start` → `ready` on the port asked, `stop` → `stopped`); with `respond = null` the test answers
 * (`reply`, `exit`). `kill()` ends it with code 0 on the next turn, as the real one reports later.
 * With `forReal`, it runs `modulePath` under Node instead (child_process.fork, with process.parentPort
 * as in Electron) and relays its messages and exit.
 */
export class FakeUtilityProcess extends EventEmitter {
  static respond: ((proc: FakeUtilityProcess, message: unknown) => void) | null = answerAsHost;
  static forReal = false;
  readonly received: unknown[] = [];
  pid: number | undefined = 40000 + nextId++;
  killed = false;
  private readonly real: ChildProcess | null = null;

  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
    state.utilityProcesses.push(this);
    if (!FakeUtilityProcess.forReal) return;
    const real = fork(modulePath, args, {
      execArgv: ['--import', PARENT_PORT_SHIM],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.real = real;
    this.pid = real.pid;
    real.on('message', (message) => this.reply(message));
    real.once('exit', (code) => {
      this.exit(code ?? 1);
    });
  }
  postMessage(message: unknown): void {
    record('utilityProcess', 'postMessage', [message]);
    this.received.push(message);
    if (this.real) {
      if (this.real.connected) this.real.send(message as object);
      return;
    }
    const respond = FakeUtilityProcess.respond;
    if (respond) {
      queueMicrotask(() => {
        respond(this, message);
      });
    }
  }
  kill(): boolean {
    record('utilityProcess', 'kill', []);
    if (this.killed || this.pid === undefined) return false;
    this.killed = true;
    if (this.real) return this.real.kill();
    setImmediate(() => {
      this.exit(0);
    });
    return true;
  }
  /** The process says something (process.parentPort.postMessage). */
  reply(message: unknown): void {
    if (this.pid !== undefined) this.emit('message', message);
  }
  /** The process ends (a crash, when nobody killed it). */
  exit(code: number): void {
    if (this.pid === undefined) return;
    this.pid = undefined;
    this.emit('exit', code);
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  singleInstanceLock = true;
  languages = ['en-US'];
  appPath = resolve(import.meta.dirname, '..', '..');
  private root = mkdtempSync(join(tmpdir(), 'parley-electron-double-'));
  readonly dock = {
    setBadge: (label: string) => {
      record('app.dock', 'setBadge', [label]);
    },
  };

  resetPaths(): void {
    this.root = mkdtempSync(join(tmpdir(), 'parley-electron-double-'));
  }
  private rec(method: string, ...args: unknown[]): void {
    record('app', method, args);
  }
  requestSingleInstanceLock(): boolean {
    this.rec('requestSingleInstanceLock');
    return this.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    this.rec('whenReady');
    return Promise.resolve();
  }
  quit(): void {
    this.rec('quit');
    this.emit('before-quit', fakeEvent());
  }
  exit(code?: number): void {
    this.rec('exit', code);
  }
  getPath(name: string): string {
    return join(this.root, name);
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0';
  }
  getPreferredSystemLanguages(): string[] {
    return this.languages;
  }
  setAppUserModelId(id: string): void {
    this.rec('setAppUserModelId', id);
  }
  setLoginItemSettings(settings: unknown): void {
    this.rec('setLoginItemSettings', settings);
  }
  setBadgeCount(count: number): boolean {
    this.rec('setBadgeCount', count);
    return true;
  }
}

class FakeSession {
  headersListener: Handler | null = null;
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: Handler) => {
      record('session.webRequest', 'onHeadersReceived', [listener]);
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: Handler): void {
    record('session', 'setPermissionRequestHandler', [handler]);
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler): void {
    record('session', 'setPermissionCheckHandler', [handler]);
    this.permissionCheckHandler = handler;
  }
  certificateVerifyProc: Handler | null = null;
  setCertificateVerifyProc(proc: Handler | null): void {
    record('session', 'setCertificateVerifyProc', [proc]);
    this.certificateVerifyProc = proc;
  }
  /** What the installed proc answers for a certificate Chromium is checking (0, -2 or -3, as Electron takes them). */
  verifyCertificate(request: {
    hostname: string;
    certificate: { data: string };
    verificationResult: string;
  }): number {
    const proc = this.certificateVerifyProc;
    if (!proc) throw new Error('no certificate verify proc was set');
    const answers: number[] = [];
    proc({ errorCode: request.verificationResult === 'net::OK' ? 0 : -202, ...request }, (code: number) => {
      answers.push(code);
    });
    const [answer] = answers;
    if (answer === undefined) throw new Error('the verify proc did not answer at once');
    return answer;
  }
}

class FakeIpcRenderer extends EventEmitter {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    record('ipcRenderer', 'invoke', [channel, ...args]);
    return Promise.resolve({ ok: true, data: { channel } });
  }
}

// — the module's exports, named as Electron names them —

export const app = new FakeApp();
export const BrowserWindow = FakeBrowserWindow;
export const Tray = FakeTray;
export const Notification = FakeNotification;
export const session = { defaultSession: new FakeSession() };

export const Menu = {
  buildFromTemplate(template: FakeMenuItem[]): FakeMenu {
    record('Menu', 'buildFromTemplate', [template]);
    return new FakeMenu(template);
  },
  setApplicationMenu(menu: FakeMenu | null): void {
    record('Menu', 'setApplicationMenu', [menu]);
    state.applicationMenu = menu;
  },
};

export const nativeImage = {
  createFromPath(path: string): FakeImage {
    return new FakeImage(path);
  },
  createEmpty(): FakeImage {
    return new FakeImage('');
  },
};

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    record('ipcMain', 'handle', [channel]);
    // Like Electron: a second handler for one channel is a bug.
    if (state.ipcHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    state.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    record('ipcMain', 'removeHandler', [channel]);
    state.ipcHandlers.delete(channel);
  },
};

export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(plain: string): Buffer {
    record('safeStorage', 'encryptString', []);
    return Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`);
  },
  decryptString(sealed: Buffer): string {
    const s = sealed.toString();
    if (!s.startsWith('sealed:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(s.slice('sealed:'.length), 'base64').toString();
  },
};

export const shell = {
  /** What the next openPath answers: '' (opened) or an error message. */
  openPathAnswer: '',
  openExternal(url: string): Promise<void> {
    record('shell', 'openExternal', [url]);
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    record('shell', 'openPath', [path]);
    return Promise.resolve(this.openPathAnswer);
  },
  showItemInFolder(path: string): void {
    record('shell', 'showItemInFolder', [path]);
  },
};

/** What a page's File resolves to in webUtils.getPathForFile: its `path` property, as Electron gives a picked file's. */
export const webUtils = {
  getPathForFile(file: { path?: string }): string {
    record('webUtils', 'getPathForFile', [file]);
    return file.path ?? '';
  },
};

export const net = {
  fetch(request: Request, options?: unknown): Promise<Response> {
    record('net', 'fetch', [request.url, options]);
    return Promise.resolve(new Response('from the network', { status: 200 }));
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    record('protocol', 'registerSchemesAsPrivileged', [schemes]);
    state.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    record('protocol', 'handle', [scheme]);
    state.protocolHandlers.set(scheme, handler);
  },
};

export const screen = {
  getAllDisplays(): { workArea: { x: number; y: number; width: number; height: number } }[] {
    return state.displays;
  },
};

export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): FakeUtilityProcess {
    record('utilityProcess', 'fork', [modulePath, args, options]);
    return new FakeUtilityProcess(modulePath, args, options);
  },
};

export const clipboard = {
  writeText(text: string): void {
    record('clipboard', 'writeText', [text]);
    state.clipboard.push(text);
  },
};

export const dialog = {
  /** What the next message boxes answer: the index of the button clicked. */
  messageBoxAnswer: 0,
  /** What the next save dialog answers. */
  saveAnswer: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
  showErrorBox(title: string, content: string): void {
    record('dialog', 'showErrorBox', [title, content]);
  },
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    record('dialog', 'showMessageBox', args);
    return Promise.resolve({ response: this.messageBoxAnswer, checkboxChecked: false });
  },
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    record('dialog', 'showSaveDialog', args);
    return Promise.resolve(this.saveAnswer);
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    record('contextBridge', 'exposeInMainWorld', [key, api]);
    state.exposed.set(key, api);
  },
};

export const ipcRenderer = new FakeIpcRenderer();

/** The test's handle on the double: what was recorded, and knobs for the next run. */
export const double = {
  get calls(): CallRecord[] {
    return state.calls;
  },
  callsTo(target: string, method?: string): CallRecord[] {
    return state.calls.filter((c) => c.target === target && (method === undefined || c.method === method));
  },
  get windows(): FakeBrowserWindow[] {
    return state.windows;
  },
  get trays(): FakeTray[] {
    return state.trays;
  },
  get notifications(): FakeNotification[] {
    return state.notifications;
  },
  get utilityProcesses(): FakeUtilityProcess[] {
    return state.utilityProcesses;
  },
  get clipboard(): string[] {
    return state.clipboard;
  },
  get applicationMenu(): FakeMenu | null {
    return state.applicationMenu;
  },
  get privilegedSchemes(): unknown[] {
    return state.privilegedSchemes;
  },
  get displays() {
    return state.displays;
  },
  set displays(d) {
    state.displays = d;
  },
  exposed(key: string): unknown {
    return state.exposed.get(key);
  },
  protocolHandler(scheme: string) {
    return state.protocolHandlers.get(scheme);
  },
  hasIpcHandler(channel: string): boolean {
    return state.ipcHandlers.has(channel);
  },
  /** Calls an ipcMain.handle handler as Electron would for `event`. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = state.ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return await handler(event, ...args);
  },
  /** Forgets everything, for the next test. */
  reset(): void {
    state.calls.length = 0;
    state.windows.length = 0;
    state.trays.length = 0;
    state.notifications.length = 0;
    state.ipcHandlers.clear();
    state.protocolHandlers.clear();
    state.privilegedSchemes.length = 0;
    state.applicationMenu = null;
    state.exposed.clear();
    state.utilityProcesses.length = 0;
    state.clipboard.length = 0;
    FakeUtilityProcess.respond = answerAsHost;
    FakeUtilityProcess.forReal = false;
    dialog.messageBoxAnswer = 0;
    state.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
    app.removeAllListeners();
    app.isPackaged = false;
    app.singleInstanceLock = true;
    app.languages = ['en-US'];
    app.resetPaths();
    ipcRenderer.removeAllListeners();
    safeStorage.available = true;
    safeStorage.backend = 'gnome_libsecret';
    shell.openPathAnswer = '';
    dialog.saveAnswer = { canceled: true, filePath: '' };
    FakeNotification.supported = true;
    session.defaultSession = new FakeSession();
  },
};
