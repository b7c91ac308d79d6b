import type { BrowserWindow } from 'electron';

export interface MainWindowDeps {
  create: () => BrowserWindow;
  /** Read at each close, so a settings change applies at once. */
  closeToTray: () => boolean;
  onFocusChange: (focused: boolean) => void;
}

/**
 * Owns the one main window: creates it when needed, brings it forward, and turns a close into a
 * hide while Parley should keep running in the tray. Quitting (tray menu, app menu, OS) closes for real.
 */
export class MainWindowController {
  private win: BrowserWindow | null = null;
  private deps: MainWindowDeps | null = null;
  private quitting = false;

  get window(): BrowserWindow | null {
    return this.win && !this.win.isDestroyed() ? this.win : null;
  }

  /** Called once the app is ready; until then open() does nothing. */
  configure(deps: MainWindowDeps): void {
    this.deps = deps;
  }

  /**
   * Creates the window if there is none and, with `show`, restores and focuses it (a new window
   * once it has painted). Returns the window and whether it was just created.
   */
  open(show = true): { win: BrowserWindow; created: boolean } | null {
    if (!this.deps) return null;
    const existing = this.window;
    if (existing) {
      if (show) reveal(existing);
      return { win: existing, created: false };
    }
    const win = this.deps.create();
    this.attach(win, this.deps);
    this.win = win;
    if (show) {
      win.once('ready-to-show', () => {
        reveal(win);
      });
    }
    return { win, created: true };
  }

  /** From now on a close is a close. */
  markQuitting(): void {
    this.quitting = true;
  }

  private attach(win: BrowserWindow, deps: MainWindowDeps): void {
    win.on('close', (event) => {
      if (!this.quitting && deps.closeToTray()) {
        event.preventDefault();
        win.hide();
      }
    });
    win.on('closed', () => {
      if (this.win === win) this.win = null;
      deps.onFocusChange(false);
    });
    win.on('focus', () => {
      deps.onFocusChange(true);
    });
    win.on('blur', () => {
      deps.onFocusChange(false);
    });
    win.on('hide', () => {
      deps.onFocusChange(false);
    });
  }
}

function reveal(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
