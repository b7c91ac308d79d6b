/**
 * The Parley server under test, in its own process, on 127.0.0.1 with a fresh data directory
 * that is removed when it stops. Rate limits are off so one load generator may send freely;
 * everything else (argon2id, WAL with synchronous=FULL, validation) is as in production.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../src/index.js';
import { hostTarget, type RunningTarget } from './target-host.js';

async function startParley(): Promise<RunningTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  try {
    const server = await createServer({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      rateLimits: false,
    });
    return {
      url: server.url,
      close: async () => {
        try {
          await server.close();
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

hostTarget(startParley);
