import type { ServerOptions } from '@parley/server';
import { closeSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

type LogDestination = NonNullable<ServerOptions['logDestination']>;

export const SERVER_LOG = 'server.log';
/** A log past this size at start is kept as server.log.1 (replacing the one before) and a new one begun. */
const ROTATE_AT_BYTES = 10 * 1024 * 1024;

/**
 * The hosted server's log, `<dataDir>/server.log`: a desktop app has no console anyone reads, so the
 * server's JSON lines go to a file next to its data, where operations.md tells people to look.
 */
export function openServerLog(dataDir: string): LogDestination & { close(): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SERVER_LOG);
  try {
    if (statSync(file).size > ROTATE_AT_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // No log yet.
  }
  const fd = openSync(file, 'a', 0o600);
  return {
    write: (line) => {
      writeSync(fd, line);
    },
    close: () => {
      closeSync(fd);
    },
  };
}
