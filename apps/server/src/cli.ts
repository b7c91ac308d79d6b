import { parseArgs } from 'node:util';
import { z } from 'zod';
import { defaultDataDir, LogLevel } from './config.js';
import { DatabaseTooNewError } from '@parley/db';
import { lanAddresses } from './lan-addresses.js';
import { createServer } from './server.js';

const usage = `Usage: parley-server [options]

  --data-dir DIR    where the database lives (env PARLEY_DATA_DIR; default ${defaultDataDir()})
  --port N          port to listen on (env PARLEY_PORT; default 7400; 0 = any free port)
  --host ADDR       address to bind (env PARLEY_HOST; default 0.0.0.0, all interfaces)
  --name NAME       server name shown to users (env PARLEY_NAME; default "Parley")
  --log-level L     silent | error | warn | info | debug (env PARLEY_LOG_LEVEL; default info)
  -h, --help        show this help
`;

const Port = z.coerce.number().int().min(0).max(65535);

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        name: { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const env = process.env;
  const port = Port.safeParse(values.port ?? env.PARLEY_PORT ?? 7400);
  const logLevel = LogLevel.safeParse(values['log-level'] ?? env.PARLEY_LOG_LEVEL ?? 'info');
  if (!port.success || !logLevel.success) {
    process.stderr.write(
      `${!port.success ? 'port must be a number from 0 to 65535' : 'unknown log level'}\n\n${usage}`,
    );
    return 2;
  }

  const dataDir = values['data-dir'] ?? env.PARLEY_DATA_DIR ?? defaultDataDir();
  let server;
  try {
    server = await createServer({
      dataDir,
      port: port.data,
      host: values.host ?? env.PARLEY_HOST ?? '0.0.0.0',
      serverName: values.name ?? env.PARLEY_NAME ?? 'Parley',
      logLevel: logLevel.data,
    });
  } catch (err) {
    if (err instanceof DatabaseTooNewError) {
      process.stderr.write(`parley-server: ${err.message}\n`);
      return 3;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      process.stderr.write(`parley-server: port ${port.data} is in use; pick another with --port\n`);
      return 4;
    }
    throw err;
  }

  process.stdout.write(
    `\nParley server "${server.config.serverName}" is running. Data: ${dataDir}\n` +
      `People can connect with one of these addresses:\n` +
      lanAddresses(server.config.host, server.port)
        .map((u) => `  ${u}\n`)
        .join('') +
      `Press Ctrl-C to stop.\n\n`,
  );

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stdout.write(`\n${signal}: stopping…\n`);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  process.stdout.write('Stopped.\n');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `parley-server: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
