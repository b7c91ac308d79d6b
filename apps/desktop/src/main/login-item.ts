import { app } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const HIDDEN_FLAG = '--hidden';

/**
 * Starts Parley at login, in the tray. macOS and Windows have an API for it; on Linux it is an XDG
 * autostart entry. A development build registers nothing: it would start a bare Electron.
 */
export function applyStartAtLogin(enabled: boolean): void {
  if (!app.isPackaged) return;
  if (process.platform === 'linux') {
    writeAutostartEntry(enabled);
  } else {
    app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
  }
}

export function autostartFile(): string {
  return join(app.getPath('appData'), 'autostart', 'parley.desktop');
}

function writeAutostartEntry(enabled: boolean): void {
  const file = autostartFile();
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  // An AppImage moves its mount point on every run; APPIMAGE names the file itself.
  const executable = process.env.APPIMAGE ?? process.execPath;
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(
    file,
    [
      '[Desktop Entry]',
      'Type=Application',
      'Name=Parley',
      `Exec="${executable.replace(/(["`$\\])/g, '\\$1')}" ${HIDDEN_FLAG}`,
      'X-GNOME-Autostart-enabled=true',
      '',
    ].join('\n'),
  );
}
