import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';
import { requestIdFrom, type RequestContext, withRequest } from '../request-context.js';
import type { Metrics } from './metrics.js';

const contexts = new WeakMap<Response, RequestContext>();

/** The request a response belongs to (set by `observeHttp`). */
export function requestOf(res: Response): RequestContext | undefined {
  return contexts.get(res);
}

/** The route's template (`/api/files/:id`), never the path itself, so the metric's labels stay few. */
function routeTemplate(req: Request): string {
  const path = (req as { route?: { path?: unknown } }).route?.path;
  if (typeof path === 'string') return req.baseUrl + path;
  if (Array.isArray(path)) return path.map(String).join('|');
  return 'unmatched';
}

/**
 * First middleware: gives the request its id (a sane incoming X-Request-Id, or a new one), echoes it
 * in the response, runs the rest inside the request's context, and when the response is done logs
 * one debug line and records its duration.
 */
export function observeHttp(deps: { metrics: Metrics; log: Logger }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const context: RequestContext = {
      requestId: requestIdFrom(req.headers['x-request-id']),
      startedAt: performance.now(),
    };
    contexts.set(res, context);
    res.setHeader('X-Request-Id', context.requestId);
    res.once('close', () => {
      const ms = performance.now() - context.startedAt;
      const route = routeTemplate(req);
      const status = res.writableFinished ? res.statusCode : 0;
      deps.metrics.http(req.method, route, status, ms);
      deps.log.debug('http request', {
        reqId: context.requestId,
        method: req.method,
        route,
        path: req.path,
        status: status === 0 ? 'aborted' : status,
        ms: Math.round(ms * 10) / 10,
        ip: req.socket.remoteAddress,
      });
    });
    withRequest(context, next);
  };
}
