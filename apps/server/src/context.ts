import type { ServerConfig } from './config.js';
import type { Sql } from '@parley/db';
import type { WriteQueue } from './db/write-queue.js';
import type { Hub } from './hub.js';
import type { Logger } from './logger.js';

/** What every module is built from. */
export interface Context {
  config: ServerConfig;
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
