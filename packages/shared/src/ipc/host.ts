import { z } from 'zod';
import { Limits } from '../limits.js';
import { ServerName } from '../schemas/admin.js';

/** Why hosting is not running although it was asked to. */
export const HostFailure = z.enum([
  /** No free port from the saved one (7400 at first) up the next few. */
  'port-unavailable',
  /** The server's data was written by a newer Parley; this one leaves it untouched. */
  'data-too-new',
  /** The server could not start (the message says why). */
  'start-failed',
  /** The server process ended while it was running. */
  'crashed',
  /** This window cannot host (no host process here). */
  'unavailable',
]);
export type HostFailure = z.infer<typeof HostFailure>;

/** The server this computer hosts, as the app shows it (Settings → Hosting, the tray). */
export const HostStatus = z.object({
  state: z.enum(['stopped', 'starting', 'running', 'stopping']),
  /** The name it was started with (an administrator may have renamed the server since). */
  name: z.string().nullable(),
  port: z.int().min(1).max(65535).nullable(),
  /** Addresses people on the network can type; empty when this computer has no network. */
  urls: z.array(z.string()),
  /** What this computer's own Parley connects to (http://127.0.0.1:<port>). */
  localUrl: z.string().nullable(),
  /** Devices connected to it now, not counting this app. */
  connected: z.int().min(0),
  /** With TLS: the SHA-256 fingerprint of the server's key, for people to compare. */
  fingerprint: z.string().nullable(),
  /** Why the last start failed or the server stopped on its own; null after a clean start or stop. */
  error: z.object({ reason: HostFailure, message: z.string() }).nullable(),
});
export type HostStatus = z.infer<typeof HostStatus>;

/** The name typed when starting: a server name, also within the server config's 64 UTF-16 units. */
const HostName = ServerName.refine((s) => s.length <= Limits.serverNameMax, {
  error: `must have at most ${Limits.serverNameMax} characters`,
});

const Empty = z.strictObject({});

/** Hosting a server on this computer (the desktop's host process). */
export const hostChannels = {
  /** Starts the server (or answers at once if it runs); resolves once it runs or failed (see `error`). */
  'host.start': { request: z.strictObject({ name: HostName }), response: HostStatus },
  /** Stops the server (everyone connected is cut off) and stops it starting with the app. */
  'host.stop': { request: Empty, response: HostStatus },
  'host.status': { request: Empty, response: HostStatus },
};

export const hostEvents = {
  /** Hosting started, stopped, failed, or its addresses or connected count changed. */
  'host.changed': HostStatus,
};
