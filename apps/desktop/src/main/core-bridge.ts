import type { DesktopCore, NotifyRequest } from '../core/desktop-core.js';
import { forwardRendererEvents, type IpcEmit } from '../core/ipc/events.js';
import type { SettingsStore } from '../core/settings/settings-store.js';

export interface CoreBridgeDeps {
  send: IpcEmit;
  setUnread: (count: number) => void;
  notify: (request: NotifyRequest) => void;
}

/**
 * Turns the core's events into renderer events (the mapping lives in core/ipc/events.ts, shared
 * with the end-to-end harness), the tray's unread count and notifications.
 */
export function bridgeCoreEvents(core: DesktopCore, settings: SettingsStore, deps: CoreBridgeDeps): void {
  forwardRendererEvents({ core, settings }, deps.send);
  core.on('badge', (count) => {
    deps.setUnread(count);
  });
  core.on('notify', (request) => {
    deps.notify(request);
  });
}
