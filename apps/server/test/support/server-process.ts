/**
 * A Parley server in a process of its own, for tests that kill it (crash-recovery.test.ts).
 *
 *   node --import tsx test/support/server-process.ts <dataDir> [port]
 *
 * (or PARLEY_DATA_DIR / PARLEY_PORT). Prints one line, `{"port":N}`, once it listens.
 * SIGTERM closes it cleanly; SIGKILL is the point.
 */
import { createServer } from '../../src/index.js';

const dataDir = process.argv[2] ?? process.env.PARLEY_DATA_DIR;
const port = Number(process.argv[3] ?? process.env.PARLEY_PORT ?? 0);
if (!dataDir || !Number.isInteger(port)) {
  process.stderr.write('usage: server-process.ts <dataDir> [port]\n');
  process.exit(2);
}

const server = await createServer({
  dataDir,
  port,
  host: '127.0.0.1',
  logLevel: 'silent',
  rateLimits: false,
  passwordHashMemoryKiB: 1024,
});
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);

process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
