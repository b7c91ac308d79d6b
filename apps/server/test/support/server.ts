import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createServer,
  type ParleyServer,
  type ServerConfigInput,
  type ServerOptions,
} from '../../src/index.js';

export function tempDir(prefix = 'parley-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestServer {
  server: ParleyServer;
  dataDir: string;
  url: string;
  /** Stops the server and starts a new one on the same data directory (and the same port). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A real server on an ephemeral loopback port with a fresh SQLite file in a temp dir. */
export async function startTestServer(
  overrides: Partial<ServerConfigInput> = {},
  options: ServerOptions = {},
): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? tempDir();
  const config: ServerConfigInput = {
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    rateLimits: false,
    passwordHashMemoryKiB: 1024,
    // Loopback is never announced anyway; a test that announces says so and binds 0.0.0.0.
    announce: false,
    ...overrides,
    dataDir,
  };
  const t: TestServer = {
    server: await createServer(config, options),
    dataDir,
    get url() {
      return t.server.url;
    },
    async restart() {
      const port = t.server.port;
      await t.server.close();
      t.server = await createServer({ ...config, port }, options);
    },
    async stop() {
      await t.server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
