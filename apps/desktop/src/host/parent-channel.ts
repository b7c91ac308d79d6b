import type { HostReport } from '../core/host/host-messages.js';

/** The end of Electron's MessagePortMain a utility process holds (process.parentPort). */
interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/** The host process's line to the app that started it. */
export interface ParentChannel {
  send(report: HostReport): void;
  onCommand(listener: (raw: unknown) => void): void;
  /** The app went away without saying stop (only Node's IPC channel can tell). */
  onGone(listener: () => void): void;
}

/**
 * Electron's parentPort in a utility process (the app); Node's IPC channel under child_process.fork
 * (the tests). Anything else did not start us as a host process.
 */
export function parentChannel(): ParentChannel {
  const port = (process as { parentPort?: ParentPortLike | null }).parentPort;
  if (port) {
    return {
      send: (report) => {
        port.postMessage(report);
      },
      onCommand: (listener) => {
        port.on('message', (event) => {
          listener(event.data);
        });
      },
      onGone: () => undefined,
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    return {
      send: (report) => {
        if (process.connected) send(report);
      },
      onCommand: (listener) => {
        process.on('message', listener);
      },
      onGone: (listener) => {
        process.once('disconnect', listener);
      },
    };
  }
  throw new Error(
    'the host process must be started by Parley (Electron utilityProcess or child_process.fork)',
  );
}
