import type express from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ServerConfig } from '../config.js';
import type { Metrics } from './metrics.js';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses (what a dual-stack socket reports). */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  if (address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Who may scrape: anyone with the configured token; without it, this machine (unless turned off). */
export function mayScrape(
  req: IncomingMessage,
  config: Pick<ServerConfig, 'metricsToken' | 'metricsAllowLoopback'>,
): boolean {
  const header = req.headers.authorization;
  if (config.metricsToken !== undefined && header?.startsWith('Bearer ')) {
    if (timingSafeEqual(digest(header.slice('Bearer '.length)), digest(config.metricsToken))) return true;
  }
  return config.metricsAllowLoopback && isLoopback(req.socket.remoteAddress);
}

/**
 * `GET /metrics`, Prometheus text. A caller who may not scrape gets what an unknown path gets (the
 * same 404), so the endpoint is not revealed.
 */
export function mountMetrics(config: ServerConfig, metrics: Metrics) {
  return (app: express.Express): void => {
    app.get('/metrics', (req, res, next) => {
      if (!mayScrape(req, config)) {
        next();
        return;
      }
      metrics.scrape().then((text) => {
        res.setHeader('Content-Type', metrics.contentType);
        res.send(text);
      }, next);
    });
  };
}
