import { type IpcEventName, type IpcEventPayload, ipcEventChannel } from '@parley/shared';
import type { BrowserWindow } from 'electron';

/** Pushes a contract event to our window's renderer (nothing happens while there is no window). */
export function sendToRenderer<E extends IpcEventName>(
  win: BrowserWindow | null,
  event: E,
  payload: IpcEventPayload<E>,
): void {
  if (!win || win.isDestroyed()) return;
  win.webContents.send(ipcEventChannel(event), payload);
}
