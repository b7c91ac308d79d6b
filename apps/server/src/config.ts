import { Limits } from '@parley/shared';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

export const LogLevel = z.enum(['silent', 'error', 'warn', 'info', 'debug']);
export type LogLevel = z.infer<typeof LogLevel>;

/**
 * HTTPS: `off` (plain HTTP, shown to people as not private), `self-signed` (the server makes its own
 * certificate and key on first start, under `<dataDir>/tls/`, and keeps them; desktops pin the key on
 * first use) or `provided` (a certificate, with its chain, and key from a CA the administrator uses).
 */
export const TlsConfig = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('off') }),
  z.strictObject({ mode: z.literal('self-signed') }),
  z.strictObject({
    mode: z.literal('provided'),
    /** PEM: the server's certificate first, then any intermediates. */
    certFile: z.string().min(1),
    /** PEM, unencrypted. */
    keyFile: z.string().min(1),
  }),
]);
export type TlsConfig = z.output<typeof TlsConfig>;

export const ServerConfigSchema = z.strictObject({
  /** Where the database and the files (under files/) live. */
  dataDir: z.string().min(1),
  /** 0 picks a free port (tests). */
  port: z.int().min(0).max(65535).default(7400),
  /** All interfaces by default, so people on the LAN can connect. */
  host: z.string().min(1).default('0.0.0.0'),
  /** The name shown to users until an administrator sets another. */
  serverName: z.string().min(1).max(64).default('Parley'),
  logLevel: LogLevel.default('info'),
  tls: TlsConfig.default({ mode: 'off' }),
  accessTokenTtlMs: z
    .int()
    .min(1000)
    .default(15 * 60 * 1000),
  refreshTokenTtlMs: z
    .int()
    .min(60_000)
    .default(60 * 24 * 60 * 60 * 1000),
  groupMemberLimit: z.int().min(2).max(100_000).default(Limits.defaultGroupMemberLimit),
  /** Origins allowed by CORS; never "*". The desktop app does not need any. */
  corsOrigins: z.array(z.string()).default([]),
  /** Set to false only for benchmarks and tests that hammer one account. */
  rateLimits: z.boolean().default(true),
  /** Lets Prometheus scrape GET /metrics from anywhere with `Authorization: Bearer <token>`. */
  metricsToken: z.string().min(16).max(512).optional(),
  /** Scrapes from this machine (loopback) need no token. */
  metricsAllowLoopback: z.boolean().default(true),
  /** Largest file one upload may declare (bytes). Refused on POST, before any bytes. An administrator's setting overrides it. */
  maxFileSize: z
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .default(2 * 1024 ** 3),
  /** Bytes a user may hold in uploaded files and unfinished uploads (avatars do not count). An administrator's setting overrides it. */
  userQuotaBytes: z
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .default(20 * 1024 ** 3),
  /** An unfinished upload, or a finished one no message took up, is deleted this long after it began. */
  uploadExpiryMs: z
    .int()
    .min(1000)
    .default(24 * 60 * 60 * 1000),
  /** How often expired uploads are looked for. */
  uploadSweepIntervalMs: z
    .int()
    .min(100)
    .default(10 * 60 * 1000),
  /** Images with more pixels (width × height) are never decoded: no thumbnail, refused as an image message. */
  imageMaxPixels: z.int().min(1).default(100_000_000),
  /** Thumbnail and preview jobs run at the same time (off the request path). */
  imageJobConcurrency: z.int().min(1).max(8).default(1),
  /** How long a thumbnail request (or an image send) waits for the image's job before 503 (or going on). */
  thumbnailWaitMs: z.int().min(0).max(60_000).default(5_000),
  /**
   * Announce the server on the LAN over mDNS / DNS-SD (`_parley._tcp`) so desktops list it. Never
   * on a loopback-only host (127.0.0.1, ::1, localhost): nobody else could connect.
   */
  announce: z.boolean().default(true),
  /** Network interfaces (names as the OS shows them, e.g. "eth0") to announce on; all of them by default. */
  announceInterfaces: z.array(z.string().min(1).max(64)).min(1).optional(),
  /** How often messages past the retention period (an administrator's setting) are looked for. */
  retentionSweepIntervalMs: z
    .int()
    .min(100)
    .default(60 * 60 * 1000),
  /** argon2id memory cost in KiB; lower only in tests. */
  passwordHashMemoryKiB: z
    .int()
    .min(1024)
    .default(64 * 1024),
});

export type ServerConfigInput = z.input<typeof ServerConfigSchema>;
export type ServerConfig = z.output<typeof ServerConfigSchema>;

/** The per-user application data folder, as desktop apps use it on each OS. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Parley', 'server');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Parley', 'server');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'parley', 'server');
}
