import type { IpcEventName, IpcEventPayload } from '@parley/shared';
import type { DesktopCore, NotifyRequest } from '../core/desktop-core.js';

export interface CoreBridgeDeps {
  send: <E extends IpcEventName>(event: E, payload: IpcEventPayload<E>) => void;
  setUnread: (count: number) => void;
  notify: (request: NotifyRequest) => void;
}

/** Turns the core's events into renderer events, the badge and notifications. */
export function bridgeCoreEvents(core: DesktopCore, deps: CoreBridgeDeps): void {
  core.on('connection', (state) => {
    deps.send('connection', { state });
  });
  core.on('changed', (conversationIds) => {
    deps.send('conversations.changed', { conversationIds });
  });
  core.on('people-changed', () => {
    deps.send('people.changed', {});
  });
  core.on('signed-out', (reason) => {
    deps.send('signed-out', { reason });
  });
  core.on('badge', (count) => {
    deps.setUnread(count);
    deps.send('badge', { count });
  });
  core.on('notify', (request) => {
    deps.notify(request);
  });
}
