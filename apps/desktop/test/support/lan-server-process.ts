/*
 * A Parley server announcing on the LAN, in its own process (run inside a network namespace by
 * lan-netns.test.ts): `node --import tsx lan-server-process.ts <dataDir> <name>`. Prints one JSON
 * line {port, id, announcedAs} once it listens and announces; on SIGTERM it closes (goodbyes
 * first) and prints {closed: true}.
 */
import { createServer } from '@parley/server';

const [dataDir, serverName] = process.argv.slice(2);
if (!dataDir || !serverName) throw new Error('usage: lan-server-process.ts <dataDir> <name>');

const server = await createServer({
  dataDir,
  serverName,
  port: 0,
  host: '0.0.0.0',
  announce: true,
  logLevel: 'warn',
  passwordHashMemoryKiB: 1024,
});
process.stdout.write(
  `${JSON.stringify({ port: server.port, id: server.serverId, announcedAs: server.announcedAs })}\n`,
);
process.once('SIGTERM', () => {
  void server.close().then(() => {
    process.stdout.write(`${JSON.stringify({ closed: true })}\n`);
    process.exit(0);
  });
});
