import { pino } from 'pino';
import type { LogLevel } from './config.js';
import { currentRequest } from './request-context.js';

export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

/** Where log lines go: anything with `write(line)` (tests capture them). */
export interface LogDestination {
  write(line: string): void;
}

/** Keys whose values are secrets wherever they appear (up to three levels deep). */
const SECRET_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'Authorization',
  'cookie',
  'metricsToken',
  'tokenSecret',
];

/** The redaction net, in case a future call passes a body, headers or a handshake: never log secrets. */
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

let stderr: LogDestination | undefined;

/**
 * One JSON line per entry (`time`, `level`, `msg`, the fields; `reqId` inside a request), on stderr
 * unless given a destination. Never pass passwords, tokens or file contents in `fields`.
 */
export function createLogger(level: LogLevel, destination?: LogDestination): Logger {
  const log = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin: () => {
        const request = currentRequest();
        return request ? { reqId: request.requestId } : {};
      },
    },
    destination ?? (stderr ??= pino.destination({ fd: 2, sync: true })),
  );
  return {
    error: (msg, fields) => {
      log.error(fields ?? {}, msg);
    },
    warn: (msg, fields) => {
      log.warn(fields ?? {}, msg);
    },
    info: (msg, fields) => {
      log.info(fields ?? {}, msg);
    },
    debug: (msg, fields) => {
      log.debug(fields ?? {}, msg);
    },
  };
}
