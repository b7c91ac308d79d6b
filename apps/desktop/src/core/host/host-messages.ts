import { z } from 'zod';

/**
 * What the app and its host process say to each other (over Electron's parentPort, or Node's IPC
 * channel in tests). Both sides parse what they receive: a message that does not fit is dropped.
 */

/** The server settings a host process may be given besides the essentials. */
export const HostServerOverrides = z.strictObject({
  /** All interfaces by default; tests keep to loopback. */
  host: z.string().min(1).optional(),
  announce: z.boolean().optional(),
  logLevel: z.enum(['silent', 'error', 'warn', 'info', 'debug']).optional(),
  rateLimits: z.boolean().optional(),
  passwordHashMemoryKiB: z.int().min(1024).optional(),
});
export type HostServerOverrides = z.infer<typeof HostServerOverrides>;

/** App → host process. */
export const HostCommand = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    dataDir: z.string().min(1),
    /** The port to try first; the next ones are tried while it is taken. */
    port: z.int().min(1).max(65535),
    /** How many ports to try, from `port` up. */
    portAttempts: z.int().min(1).max(100),
    serverName: z.string().min(1),
    /** better-sqlite3's addon for the runtime the process runs on (Electron's ABI in the app). */
    nativeBinding: z.string().min(1).optional(),
    /** How often the connected count and addresses are checked (sent only when they change). */
    statsIntervalMs: z.int().min(10),
    server: HostServerOverrides,
  }),
  z.strictObject({ type: z.literal('stop') }),
]);
export type HostCommand = z.infer<typeof HostCommand>;

/** Why a start failed, as the host process tells it. */
export const HostStartFailure = z.enum(['port-unavailable', 'data-too-new', 'start-failed']);
export type HostStartFailure = z.infer<typeof HostStartFailure>;

/** Host process → app. */
export const HostReport = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('ready'),
    port: z.int().min(1).max(65535),
    /** Addresses people on the network can type. */
    urls: z.array(z.string()),
    /** With TLS: the SHA-256 fingerprint of the server's key. */
    fingerprint: z.string().nullable(),
  }),
  z.strictObject({
    type: z.literal('stats'),
    connectedSockets: z.int().min(0),
    urls: z.array(z.string()),
  }),
  z.strictObject({ type: z.literal('stopped') }),
  z.strictObject({ type: z.literal('error'), reason: HostStartFailure, message: z.string() }),
]);
export type HostReport = z.infer<typeof HostReport>;
