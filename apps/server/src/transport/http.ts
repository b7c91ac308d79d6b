import {
  ChangePasswordBody,
  httpStatusOf,
  LoginBody,
  parseWith,
  PROTOCOL_VERSION,
  RefreshBody,
  RegisterBody,
  SessionId,
  type ErrorBody,
  type Health,
} from '@parley/shared';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { ServerConfig } from '../config.js';
import type { Caller, RuntimeSettings } from '../context.js';
import { AppError, toErrorBody } from '../errors.js';
import type { Inflight } from '../inflight.js';
import type { Logger } from '../logger.js';
import type { AccountsService } from '../modules/accounts/accounts-service.js';
import { observeHttp, requestOf } from '../ops/http-observer.js';
import type { Metrics } from '../ops/metrics.js';

export const SERVER_VERSION = '0.1.0';
const JSON_LIMIT = '64kb';

export function sendError(res: Response, body: ErrorBody): void {
  if (body.retryAfterMs !== undefined)
    res.setHeader('Retry-After', String(Math.ceil(body.retryAfterMs / 1000)));
  res.status(httpStatusOf[body.code]).json({ error: body });
}

export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const parsed = parseWith(schema, req.body);
  if (!parsed.ok)
    throw new AppError(parsed.error.code, parsed.error.message, { issues: parsed.error.issues ?? [] });
  return parsed.value;
}

/** What a module's routes are built with, so every route handles errors, auth and shutdown alike. */
export interface HttpKit {
  /** Wraps a handler: counted as in flight until it settles; a thrown AppError becomes its JSON error. */
  route: (fn: (req: Request, res: Response) => Promise<void> | void) => express.RequestHandler;
  /** The caller of a request with `Authorization: Bearer <access token>`, or a 401 AppError. */
  authed: (req: Request) => Promise<Caller>;
}

/** The REST side: health, the account routes that work without a socket, and the modules' routes. */
export function mountHttpRoutes(
  app: express.Express,
  deps: {
    config: ServerConfig;
    settings: RuntimeSettings;
    accounts: AccountsService;
    log: Logger;
    metrics: Metrics;
    inflight: Inflight;
    isShuttingDown: () => boolean;
    /** With TLS: the key's fingerprint, which /api/health shows; null for plain HTTP. */
    tlsFingerprint: string | null;
    /** More routes under /api (files), mounted before the 404 fallback. */
    modules?: ((app: express.Express, kit: HttpKit) => void)[];
  },
): void {
  const { accounts, config, log, inflight } = deps;
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(observeHttp({ metrics: deps.metrics, log }));

  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    const origin = req.headers.origin;
    if (origin && config.corsOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader(
        'Access-Control-Allow-Headers',
        'Authorization, Content-Type, Range, If-None-Match, If-Range, Tus-Resumable, Upload-Length, Upload-Metadata, Upload-Offset',
      );
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE');
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    if (deps.isShuttingDown() && req.path !== '/api/health') {
      sendError(res, {
        code: 'SERVER_SHUTTING_DOWN',
        message: 'the server is restarting; try again shortly',
      });
      return;
    }
    next();
  });
  app.use(express.json({ limit: JSON_LIMIT, strict: true }));

  const ip = (req: Request) => req.socket.remoteAddress ?? 'unknown';
  const route =
    (fn: (req: Request, res: Response) => Promise<void> | void) =>
    (req: Request, res: Response, next: NextFunction) => {
      inflight.track(Promise.resolve().then(() => fn(req, res))).catch(next);
    };
  const authed = async (req: Request, options?: { passwordChange?: boolean }): Promise<Caller> => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
    return accounts.authenticate(token, options);
  };
  // What someone whose password an administrator reset may still do.
  const authedForPasswordChange = (req: Request) => authed(req, { passwordChange: true });

  app.get('/api/health', (_req, res) => {
    const body: Health = {
      status: 'ok',
      name: deps.settings.serverName(),
      version: SERVER_VERSION,
      protocolVersion: PROTOCOL_VERSION,
      tls: deps.tlsFingerprint !== null,
      fingerprint: deps.tlsFingerprint,
    };
    res.json(body);
  });
  // For supervisors and load balancers: listening with the database open; 503 (above) once closing.
  app.get('/api/ready', (_req, res) => {
    res.json({ status: 'ready' });
  });

  app.post(
    '/api/auth/register',
    route(async (req, res) => {
      res.status(201).json(await accounts.register(parseBody(RegisterBody, req), ip(req)));
    }),
  );
  app.post(
    '/api/auth/login',
    route(async (req, res) => {
      res.json(await accounts.login(parseBody(LoginBody, req), ip(req)));
    }),
  );
  app.post(
    '/api/auth/refresh',
    route(async (req, res) => {
      res.json(await accounts.refresh(parseBody(RefreshBody, req).refreshToken, ip(req)));
    }),
  );
  app.post(
    '/api/auth/logout',
    route(async (req, res) => {
      await accounts.logout(await authedForPasswordChange(req));
      res.status(204).end();
    }),
  );
  app.post(
    '/api/auth/password',
    route(async (req, res) => {
      const caller = await authedForPasswordChange(req);
      await accounts.changePassword(caller, parseBody(ChangePasswordBody, req));
      res.status(204).end();
    }),
  );
  app.get(
    '/api/me',
    route(async (req, res) => {
      res.json({ user: accounts.me((await authed(req)).userId) });
    }),
  );
  app.get(
    '/api/sessions',
    route(async (req, res) => {
      res.json({ sessions: accounts.listSessions(await authed(req)) });
    }),
  );
  app.delete(
    '/api/sessions/:id',
    route(async (req, res) => {
      const caller = await authed(req);
      const id = parseWith(SessionId, req.params.id);
      if (!id.ok) throw new AppError('SESSION_NOT_FOUND', 'no such session');
      await accounts.revokeSession(caller, id.value);
      res.status(204).end();
    }),
  );

  for (const mount of deps.modules ?? []) mount(app, { route, authed: (req) => authed(req) });

  app.use('/api', (_req, res) => {
    sendError(res, { code: 'NOT_FOUND', message: 'no such route' });
  });

  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large') {
      sendError(res, { code: 'PAYLOAD_TOO_LARGE', message: `request body is larger than ${JSON_LIMIT}` });
      return;
    }
    if (
      e.type === 'entity.parse.failed' ||
      e.type === 'encoding.unsupported' ||
      e.type === 'charset.unsupported'
    ) {
      sendError(res, { code: 'VALIDATION_FAILED', message: 'request body is not valid JSON' });
      return;
    }
    // Other client faults Express and body-parser flag with a 4xx (a body that does not inflate,
    // broken percent-encoding in a path parameter): the request is malformed, the server is fine.
    if (!(err instanceof AppError) && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      sendError(res, { code: 'VALIDATION_FAILED', message: 'malformed request' });
      return;
    }
    if (!(err instanceof AppError))
      log.error('request failed', { reqId: requestOf(res)?.requestId, err: String(err) });
    sendError(res, toErrorBody(err));
  });
}
