import { Limits } from '@parley/shared';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

export const LogLevel = z.enum(['silent', 'error', 'warn', 'info', 'debug']);
export type LogLevel = z.infer<typeof LogLevel>;

export const ServerConfigSchema = z.strictObject({
  /** Where the database (and later the files) live. */
  dataDir: z.string().min(1),
  /** 0 picks a free port (tests). */
  port: z.int().min(0).max(65535).default(7400),
  /** All interfaces by default, so people on the LAN can connect. */
  host: z.string().min(1).default('0.0.0.0'),
  serverName: z.string().min(1).max(64).default('Parley'),
  logLevel: LogLevel.default('info'),
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
