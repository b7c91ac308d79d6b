import type { ServerConfig } from './config.js';
import type { Sql } from '@parley/db';
import type { WriteQueue } from './db/write-queue.js';
import type { Hub } from './hub.js';
import type { Logger } from './logger.js';

/**
 * What an administrator may change while the server runs (modules/admin): read these here, never
 * from the config, so a change applies at once.
 */
export interface RuntimeSettings {
  /** The name shown to users: the administrator's, else the configured one. */
  serverName(): string;
  fileLimits(): { maxFileSize: number; userQuotaBytes: number };
}

/** What every module is built from. */
export interface Context {
  config: ServerConfig;
  settings: RuntimeSettings;
  sql: Sql;
  writes: WriteQueue;
  hub: Hub;
  log: Logger;
  now(): number;
}

/** Who is asking: set by the socket handshake or the HTTP bearer token. */
export interface Caller {
  userId: string;
  sessionId: string;
}
