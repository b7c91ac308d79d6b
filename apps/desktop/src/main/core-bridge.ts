import type { NotifyRequest } from '../core/desktop-core.js';
import { type EventSources, forwardRendererEvents, type IpcEmit } from '../core/ipc/events.js';

export interface CoreBridgeDeps {
  send: IpcEmit;
  setUnread: (count: number) => void;
  notify: (request: NotifyRequest) => void;
}

/**
 * Turns the core's (and settings' and hosting's) events into renderer events (the mapping lives in
 * core/ipc/events.ts, shared with the end-to-end harness), the tray's unread count and notifications.
 */
export function bridgeCoreEvents(sources: EventSources, deps: CoreBridgeDeps): void {
  const { core } = sources;
  forwardRendererEvents(sources, deps.send);
  core.on('badge', (count) => {
    deps.setUnread(count);
  });
  core.on('notify', (request) => {
    deps.notify(request);
  });
}
