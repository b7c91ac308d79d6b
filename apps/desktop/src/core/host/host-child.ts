import type { HostCommand } from './host-messages.js';

/** One host process, however it was started: Electron's utilityProcess in the app, child_process.fork in tests. */
export interface HostChild {
  postMessage(command: HostCommand): void;
  /** Ends the process at once (a stop that did not finish, a start that hangs). */
  kill(): void;
}

/** What a launcher tells about the process it started, until it exits. */
export interface HostChildEvents {
  /** A message from the process, not parsed yet. */
  message: (message: unknown) => void;
  /** The process ended, with its exit code (null when a signal ended it). */
  exit: (code: number | null) => void;
}

/** Starts a host process running src/host/index.ts (or its bundle). */
export type HostLauncher = (events: HostChildEvents) => HostChild;
