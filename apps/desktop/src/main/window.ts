import { BrowserWindow, screen } from 'electron';
import { windowDefaults, type WindowStateFile } from '../core/settings/window-state.js';

export interface MainWindowOptions {
  url: string;
  preload: string;
  state: WindowStateFile;
  icon?: string;
}

/**
 * The main window: sandboxed, isolated, without Node, at the size and place it had last time.
 * It starts hidden; MainWindowController shows it once it has painted.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const placement = options.state.load(screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    width: placement.width,
    height: placement.height,
    minWidth: windowDefaults.minWidth,
    minHeight: windowDefaults.minHeight,
    show: false,
    title: 'Parley',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  });
  if (placement.maximized) win.maximize();
  win.on('close', () => {
    options.state.save(win.getNormalBounds(), win.isMaximized());
  });
  void win.loadURL(options.url);
  return win;
}
