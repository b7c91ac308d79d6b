import express from 'express';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ServerConfig, type ServerConfigInput, ServerConfigSchema } from './config.js';
import type { Context } from './context.js';
import { openDatabase } from './db/open.js';
import { Sql } from '@parley/db';
import { WriteQueue } from './db/write-queue.js';
import { createLogger, type Logger } from './logger.js';
import { AccountsService } from './modules/accounts/accounts-service.js';
import { peopleHandlers } from './modules/accounts/people-handlers.js';
import { ConversationsService } from './modules/conversations/conversations-service.js';
import { MessagesService } from './modules/messages/messages-service.js';
import { MessagesStore } from './modules/messages/messages-store.js';
import { PresenceService } from './modules/presence/presence-service.js';
import { SocialService } from './modules/social/social-service.js';
import { Streams } from './modules/streams/streams.js';
import { syncHandlers } from './modules/streams/sync-handlers.js';
import { Inflight } from './inflight.js';
import { RateLimits } from './rate-limits.js';
import type { RpcHandlers } from './rpc-handlers.js';
import { mountHttpRoutes } from './transport/http.js';
import { attachRpc, createIo, socketHub } from './transport/socket.js';

export interface ParleyServer {
  readonly config: ServerConfig;
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  /** http://host:port, with 127.0.0.1 standing in for "all interfaces". */
  readonly url: string;
  readonly log: Logger;
  /** Sockets connected right now. */
  connectedSockets(): number;
  /** Stops accepting, commits in-flight writes, disconnects everyone, closes the database. */
  close(): Promise<void>;
}

export const DATABASE_FILE = 'parley.db';
/** How long shutdown waits for requests in flight. */
const SHUTDOWN_GRACE_MS = 5_000;

export interface ServerOptions {
  /** The clock; tests move it to cross time windows without waiting. */
  now?: () => number;
}

/** The one way to start a Parley server: the CLI, the tests and the desktop's host mode all call this. */
export async function createServer(
  input: ServerConfigInput,
  options: ServerOptions = {},
): Promise<ParleyServer> {
  const config = ServerConfigSchema.parse(input);
  const log = createLogger(config.logLevel);
  const db = openDatabase(join(config.dataDir, DATABASE_FILE));
  const sql = new Sql(db);
  const writes = new WriteQueue(sql);
  let shuttingDown = false;
  const inflight = new Inflight();
  const isShuttingDown = () => shuttingDown;

  // Socket.IO must attach after the HTTP app is the server's handler; the routes are mounted once the services exist.
  const app = express();
  const http = createHttpServer(app);
  http.keepAliveTimeout = 5_000;
  const io = createIo(http, config.corsOrigins);
  const hub = socketHub(io);
  const ctx: Context = { config, sql, writes, hub, log, now: options.now ?? (() => Date.now()) };

  const limits = new RateLimits(config.rateLimits);
  const messagesStore = new MessagesStore(sql);
  const streams = new Streams(ctx, (ids) => messagesStore.load(ids));
  const accounts = new AccountsService(ctx, streams, limits);
  const social = new SocialService(ctx, streams, accounts);
  const conversations = new ConversationsService(ctx, streams, accounts, social, messagesStore);
  const messages = new MessagesService(ctx, streams, conversations, messagesStore, limits);
  const presence = new PresenceService(ctx, accounts, social, conversations);

  const handlers: RpcHandlers = {
    ...peopleHandlers(accounts, hub, (id) => presence.contactsOf(id)),
    ...social.handlers(),
    ...conversations.handlers(),
    ...messages.handlers(),
    ...presence.handlers(),
    ...syncHandlers(streams, conversations),
  };

  mountHttpRoutes(app, { config, accounts, log, inflight, isShuttingDown });
  attachRpc(io, {
    authenticate: (token) => accounts.authenticate(token),
    handlers,
    log,
    inflight,
    isShuttingDown,
    onConnect: (caller, socketId) => {
      presence.connected(caller.userId, socketId);
    },
    onDisconnect: (caller, socketId) => {
      if (!shuttingDown) presence.disconnected(caller.userId, socketId);
    },
  });

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    db.close();
    throw err;
  }
  const port = (http.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  log.info('listening', { host: config.host, port, dataDir: config.dataDir });

  let closing: Promise<void> | undefined;
  return {
    config,
    port,
    url,
    log,
    connectedSockets: () => presence.connectedSockets(),
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        // Stop accepting; let requests being handled finish and commit, and their acks go out;
        // then drop every client so they reconnect when the server is back.
        const httpClosed = new Promise<void>((resolve) =>
          http.close(() => {
            resolve();
          }),
        );
        await inflight.drain(SHUTDOWN_GRACE_MS);
        writes.close();
        await new Promise((resolve) => setImmediate(resolve));
        io.disconnectSockets(true);
        http.closeAllConnections();
        await new Promise<void>((resolve) => {
          void io.close(() => {
            resolve();
          });
        });
        await httpClosed;
        db.close();
        log.info('stopped');
      })();
      return closing;
    },
  };
}
