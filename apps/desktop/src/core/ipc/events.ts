import type { IpcEventName, IpcEventPayload } from '@parley/shared';
import type { CoreEvents, DesktopCore } from '../desktop-core.js';
import type { HostController } from '../host/host-controller.js';
import type { SettingsStore } from '../settings/settings-store.js';

/** Pushes one contract event to the renderer (the main process: webContents.send; tests: the page). */
export type IpcEmit = <E extends IpcEventName>(event: E, payload: IpcEventPayload<E>) => void;

/** Contract events that only the shell raises (a notification was clicked), never the core. */
export type ShellOnlyEvent = 'notification.open';

/** Where the renderer's events come from: the desktop core, the settings file and hosting (if any). */
export interface EventSources {
  core: DesktopCore;
  settings: SettingsStore;
  host?: HostController;
}

/** Subscribes to one source event, hands each one on as the contract's payload, returns the unsubscribe. */
type Relay<E extends IpcEventName> = (
  sources: EventSources,
  emit: (payload: IpcEventPayload<E>) => void,
) => () => void;

/** A core event becomes a renderer event, its arguments turned into the event's payload. */
function fromCore<K extends keyof CoreEvents, E extends IpcEventName>(
  coreEvent: K,
  payload: (...args: CoreEvents[K]) => IpcEventPayload<E>,
): Relay<E> {
  return ({ core }, emit) => {
    const listener = (...args: CoreEvents[K]) => {
      emit(payload(...args));
    };
    // EventEmitter's typings cannot follow a generic event name; the listener matches CoreEvents[K].
    core.on(coreEvent, listener as never);
    return () => {
      core.off(coreEvent, listener as never);
    };
  };
}

/**
 * Which core (or settings) event becomes which renderer event, with its payload. One entry per
 * contract event the shell does not raise itself: an event added to the contract fails the type
 * check here until it is mapped, so the app and the end-to-end harness both forward it.
 */
const relays: { [E in Exclude<IpcEventName, ShellOnlyEvent>]: Relay<E> } = {
  connection: fromCore('connection', (state) => ({ state })),
  'conversations.changed': fromCore('changed', (conversationIds) => ({ conversationIds })),
  'people.changed': fromCore('people-changed', () => ({})),
  'receipts.changed': fromCore('receipts-changed', (conversationId) => ({ conversationId })),
  typing: fromCore('typing', (conversationId, userId) => ({ conversationId, userId })),
  presence: fromCore('presence', (presence) => presence),
  badge: fromCore('badge', (count) => ({ count })),
  'signed-out': fromCore('signed-out', (reason) => ({ reason })),
  'transfers.changed': fromCore('transfers', (transfers) => ({ transfers })),
  'server.changed': fromCore('server-info', (info) => info),
  'discovery.changed': ({ core }, emit) => {
    const listener = (servers: IpcEventPayload<'discovery.changed'>['servers']) => {
      emit({ servers });
    };
    core.discovery.on('changed', listener);
    return () => {
      core.discovery.off('changed', listener);
    };
  },
  'host.changed': ({ host }, emit) => {
    if (!host) return () => undefined;
    const listener = (status: IpcEventPayload<'host.changed'>) => {
      emit(status);
    };
    host.on('changed', listener);
    return () => {
      host.off('changed', listener);
    };
  },
  'settings.changed': ({ settings }, emit) => {
    const listener = (next: IpcEventPayload<'settings.changed'>) => {
      emit(next);
    };
    settings.on('changed', listener);
    return () => {
      settings.off('changed', listener);
    };
  },
};

/**
 * Forwards every core and settings event the renderer hears about through `emit`, as the contract's
 * events. Returns the function that stops forwarding. The Electron main process and the end-to-end
 * harness both use this, so a page in either hears the same events with the same payloads.
 */
export function forwardRendererEvents(sources: EventSources, emit: IpcEmit): () => void {
  const stops = (Object.keys(relays) as (keyof typeof relays)[]).map((event) =>
    (relays[event] as Relay<typeof event>)(sources, (payload) => {
      emit(event, payload);
    }),
  );
  return () => {
    for (const stop of stops) stop();
  };
}
