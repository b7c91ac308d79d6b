/** Forked by catch-up.ts: a real Parley server in its own process, so it has its own event loop. */
import { createServer } from '@parley/server';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: server-host.ts <dataDir>');
const server = await createServer({
  dataDir,
  port: 0,
  host: '127.0.0.1',
  logLevel: 'silent',
  rateLimits: false,
  passwordHashMemoryKiB: 1024,
});
const stop = () => {
  void server.close().finally(() => process.exit(0));
};
process.once('message', stop);
process.once('disconnect', stop);
process.send?.({ url: server.url });
