import { app, type BrowserWindow, dialog, shell } from 'electron';
import { join } from 'node:path';
import { CoreError } from '../core/core-error.js';
import { safeFileName } from '../core/files/safe-name.js';

/** Opens a file (from the cache, under its own name) with the system's app for its type. */
export async function openFile(path: string): Promise<void> {
  const error = await shell.openPath(path);
  if (error) throw new CoreError('IO', error);
}

export function showInFolder(path: string): void {
  shell.showItemInFolder(path);
}

/** The system's save dialog, in the Downloads folder with the file's name; null when cancelled. */
export async function chooseSavePath(win: BrowserWindow | null, name: string): Promise<string | null> {
  const options = { defaultPath: join(app.getPath('downloads'), safeFileName(name)) };
  const result =
    win && !win.isDestroyed()
      ? await dialog.showSaveDialog(win, options)
      : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}
