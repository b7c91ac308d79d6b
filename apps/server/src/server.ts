import { PROTOCOL_VERSION } from '@parley/shared';
import express from 'express';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ServerConfig, type ServerConfigInput, ServerConfigSchema } from './config.js';
import type { Context } from './context.js';
import { openDatabase } from './db/open.js';
import { Sql } from '@parley/db';
import { WriteQueue } from './db/write-queue.js';
import { createLogger, type LogDestination, type Logger } from './logger.js';
import { AccountsService } from './modules/accounts/accounts-service.js';
import { AdminModule } from './modules/admin/admin-module.js';
import { Invites } from './modules/admin/invites.js';
import { ServerSettings } from './modules/admin/server-settings.js';
import { peopleHandlers } from './modules/accounts/people-handlers.js';
import { ConversationsService } from './modules/conversations/conversations-service.js';
import { FilesModule } from './modules/files/files-module.js';
import { MessagesService } from './modules/messages/messages-service.js';
import { MessagesStore } from './modules/messages/messages-store.js';
import { PresenceService } from './modules/presence/presence-service.js';
import { SocialService } from './modules/social/social-service.js';
import { Streams } from './modules/streams/streams.js';
import { syncHandlers } from './modules/streams/sync-handlers.js';
import { Inflight } from './inflight.js';
import { type Announcement, announce } from './lan/announce.js';
import { isLoopbackHost } from './lan/interfaces.js';
import { loadServerId } from './lan/server-id.js';
import { meteredHub } from './ops/metered-hub.js';
import { Metrics } from './ops/metrics.js';
import { mountMetrics } from './ops/metrics-route.js';
import { rpcObserver } from './ops/rpc-observer.js';
import { RateLimits } from './rate-limits.js';
import { type ServerTls, setUpTls } from './tls/server-tls.js';
import type { RpcHandlers } from './rpc-handlers.js';
import { mountHttpRoutes, SERVER_VERSION } from './transport/http.js';
import { attachRpc, createIo, socketHub } from './transport/socket.js';
import { tuneHeapForStreaming } from './runtime/heap-tuning.js';

export interface ParleyServer {
  readonly config: ServerConfig;
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  /** http://host:port (https:// with TLS), with 127.0.0.1 standing in for "all interfaces". */
  readonly url: string;
  /** With TLS: the key's fingerprint (what desktops pin) and where the certificate and key are; null for plain HTTP. */
  readonly tls: Omit<ServerTls, 'cert' | 'key'> | null;
  readonly log: Logger;
  /** The stable random id kept in the data dir (announced on the LAN as TXT `id`). */
  readonly serverId: string;
  /** The name announced on the LAN (the server name, or "name (2)"… after a conflict); null when not announced. */
  readonly announcedAs: string | null;
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
  /** Where log lines go instead of stderr (tests read them). */
  logDestination?: LogDestination;
  /** better-sqlite3's addon built for another ABI (the desktop's host process runs under Electron). */
  nativeBinding?: string;
}

/** The one way to start a Parley server: the CLI, the tests and the desktop's host mode all call this. */
export async function createServer(
  input: ServerConfigInput,
  options: ServerOptions = {},
): Promise<ParleyServer> {
  const config = ServerConfigSchema.parse(input);
  tuneHeapForStreaming();
  const log = createLogger(config.logLevel, options.logDestination);
  const metrics = new Metrics({ connectedSockets: () => presence.connectedSockets() });
  const serverId = loadServerId(config.dataDir);
  // Before the database opens: a certificate that cannot be used stops the start with nothing to undo.
  const tls = await setUpTls(config.tls, config.dataDir);
  const db = openDatabase(join(config.dataDir, DATABASE_FILE), options.nativeBinding);
  const sql = new Sql(db);
  const writes = new WriteQueue(sql, undefined, (ms, size) => {
    metrics.committed(ms, size);
  });
  let shuttingDown = false;
  const inflight = new Inflight();
  const isShuttingDown = () => shuttingDown;

  // Socket.IO must attach after the HTTP app is the server's handler; the routes are mounted once the services exist.
  const app = express();
  // tus carries a file's name (up to 10,000 characters, base64) in a header: more than Node's 16 KiB default.
  const http = tls
    ? createHttpsServer({ maxHeaderSize: 64 * 1024, cert: tls.cert, key: tls.key }, app)
    : createHttpServer({ maxHeaderSize: 64 * 1024 }, app);
  http.keepAliveTimeout = 5_000;
  const io = createIo(http, config.corsOrigins);
  const hub = meteredHub(socketHub(io), metrics);
  const settings = new ServerSettings(sql, config);
  const ctx: Context = { config, settings, sql, writes, hub, log, now: options.now ?? (() => Date.now()) };

  const limits = new RateLimits(config.rateLimits, (limit, key) => {
    metrics.refusedByLimit(limit);
    log.debug('rate limited', { limit, key });
  });
  const messagesStore = new MessagesStore(sql);
  const streams = new Streams(ctx, (ids) => messagesStore.load(ids));
  const invites = new Invites(ctx, settings);
  const accounts = new AccountsService(ctx, streams, limits, invites);
  const social = new SocialService(ctx, streams, accounts);
  const conversations = new ConversationsService(ctx, streams, accounts, social, messagesStore);
  const presence = new PresenceService(ctx, accounts, social, conversations);
  const files = new FilesModule(ctx, {
    accounts,
    conversations,
    contactsOf: (id) => presence.contactsOf(id),
    limits,
    onUploadBytes: (bytes) => {
      metrics.uploaded(bytes);
    },
  });
  const messages = new MessagesService(ctx, streams, conversations, messagesStore, limits, files.messages);
  const admin = new AdminModule(ctx, settings, invites, {
    accounts,
    facts: {
      isOnline: (id) => presence.isOnline(id),
      storageBytes: (id) => files.files.store.bytesHeldBy(id),
    },
    messages: messagesStore,
    conversations: conversations.store,
    streams,
    files: files.messages,
  });

  const handlers: RpcHandlers = {
    ...peopleHandlers(accounts, hub, (id) => presence.contactsOf(id)),
    ...social.handlers(),
    ...conversations.handlers(),
    ...messages.handlers(),
    ...presence.handlers(),
    ...syncHandlers(streams, conversations),
  };

  mountHttpRoutes(app, {
    config,
    settings,
    accounts,
    log,
    metrics,
    inflight,
    isShuttingDown,
    tlsFingerprint: tls?.fingerprint ?? null,
    modules: [files.mount, admin.mount, mountMetrics(config, metrics)],
  });
  attachRpc(io, {
    authenticate: (token) => accounts.authenticate(token),
    handlers,
    log,
    observe: rpcObserver(metrics, log),
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
    await files.close();
    db.close();
    throw err;
  }
  files.start();
  admin.start();
  const port = (http.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `${tls ? 'https' : 'http'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  log.info('listening', {
    host: config.host,
    port,
    dataDir: config.dataDir,
    tls: tls ? { fingerprint: tls.fingerprint, source: tls.source, certFile: tls.certFile } : false,
  });
  const announceAs = (serverName: string) =>
    announce({
      serverName,
      serverId,
      port,
      version: SERVER_VERSION,
      protocolVersion: PROTOCOL_VERSION,
      tlsFingerprint: tls?.fingerprint ?? null,
      interfaces: { names: config.announceInterfaces, host: config.host },
      log,
    });
  const announcing = config.announce && !isLoopbackHost(config.host);
  let lan: Announcement | null = announcing ? await announceAs(settings.serverName()) : null;
  // Renames take turns with each other and with close(): goodbye under the old name, then the new.
  let lanWork = Promise.resolve();
  let lanClosed = false;
  admin.onServerRenamed = (name) => {
    if (!announcing) return;
    lanWork = lanWork
      .then(async () => {
        if (lanClosed) return;
        await lan?.close();
        lan = await announceAs(name);
      })
      .catch((err: unknown) => {
        log.warn('could not announce the new name on the LAN', { error: (err as Error).message });
      });
  };

  let closing: Promise<void> | undefined;
  return {
    config,
    port,
    url,
    tls: tls
      ? {
          fingerprint: tls.fingerprint,
          source: tls.source,
          certFile: tls.certFile,
          keyFile: tls.keyFile,
          validTo: tls.validTo,
        }
      : null,
    log,
    serverId,
    get announcedAs() {
      return lan?.instanceName ?? null;
    },
    connectedSockets: () => presence.connectedSockets(),
    close() {
      closing ??= (async () => {
        // Goodbye on the LAN first, so desktops drop the server before it stops answering.
        lanClosed = true;
        await lanWork;
        await lan?.close();
        shuttingDown = true;
        // Stop accepting; let requests being handled finish and commit, and their acks go out;
        // then drop every client so they reconnect when the server is back.
        const httpClosed = new Promise<void>((resolve) =>
          http.close(() => {
            resolve();
          }),
        );
        await inflight.drain(SHUTDOWN_GRACE_MS);
        await admin.close();
        await files.close();
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
