/**
 * A recorded test double of the `electron` module, for the shell's tests (Electron itself cannot
 * run here). Tests load it with `vi.mock('electron', () => import('../support/electron-double.js'))`.
 * Every call the shell makes is appended to `double.calls`, and the objects it creates (windows,
 * trays, notifications, menus, IPC handlers, protocol handlers…) are kept for inspection.
 */
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
  openExternal(url: string): Promise<void> {
    record('shell', 'openExternal', [url]);
    return Promise.resolve();
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

export const dialog = {
  showErrorBox(title: string, content: string): void {
    record('dialog', 'showErrorBox', [title, content]);
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
    state.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
    app.removeAllListeners();
    app.isPackaged = false;
    app.singleInstanceLock = true;
    app.languages = ['en-US'];
    app.resetPaths();
    ipcRenderer.removeAllListeners();
    safeStorage.available = true;
    safeStorage.backend = 'gnome_libsecret';
    FakeNotification.supported = true;
    session.defaultSession = new FakeSession();
  },
};
