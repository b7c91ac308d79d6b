import { parseArgs } from 'node:util';
import { z } from 'zod';
import { defaultDataDir, LogLevel, type TlsConfig } from './config.js';
import { DatabaseTooNewError } from '@parley/db';
import { lanAddresses } from './lan-addresses.js';
import { isLoopbackHost } from './lan/interfaces.js';
import { createServer, type ParleyServer } from './server.js';
import { TlsSetupError } from './tls/server-tls.js';
import { formatFingerprint } from '@parley/shared';
import { runBackupCommand } from './backup/backup-cli.js';

const usage = `Usage: parley-server [options]

  --data-dir DIR    where the database lives (env PARLEY_DATA_DIR; default ${defaultDataDir()})
  --port N          port to listen on (env PARLEY_PORT; default 7400; 0 = any free port)
  --host ADDR       address to bind (env PARLEY_HOST; default 0.0.0.0, all interfaces)
  --name NAME       server name shown to users (env PARLEY_NAME; default "Parley")
  --log-level L     silent | error | warn | info | debug (env PARLEY_LOG_LEVEL; default info)
  --no-announce     do not announce the server on the LAN over mDNS (env PARLEY_ANNOUNCE=0)
  --announce-interfaces LIST
                    announce only on these interfaces, e.g. eth0,wlan0 (env PARLEY_ANNOUNCE_INTERFACES;
                    default all)
  --tls             HTTPS with a certificate of the server's own, made on first start and kept in
                    DATA-DIR/tls (env PARLEY_TLS=1); desktops pin its key on first use
  --tls-cert FILE   HTTPS with this certificate (PEM, chain after it) from a CA (env PARLEY_TLS_CERT)
  --tls-key FILE    and its unencrypted PEM key (env PARLEY_TLS_KEY); implies --tls
  -h, --help        show this help

  Environment only: PARLEY_METRICS_TOKEN lets Prometheus scrape /metrics from other machines
  with "Authorization: Bearer <token>" (16+ characters); without it, only this machine may.

       parley-server backup FILE [--data-dir DIR]     a consistent copy, while the server runs
       parley-server restore FILE --data-dir DIR      into a new data dir (see backup --help)
`;

const Port = z.coerce.number().int().min(0).max(65535);

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'backup' || command === 'restore') return runBackupCommand(command, rest);
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        name: { type: 'string' },
        'log-level': { type: 'string' },
        'no-announce': { type: 'boolean' },
        'announce-interfaces': { type: 'string' },
        tls: { type: 'boolean' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
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

  const tls = tlsConfig(values, env);
  if (typeof tls === 'string') {
    process.stderr.write(`${tls}\n\n${usage}`);
    return 2;
  }

  // Only from the environment: a token on the command line shows in `ps`.
  const metricsToken = env.PARLEY_METRICS_TOKEN;
  if (metricsToken !== undefined && metricsToken.length < 16) {
    process.stderr.write('PARLEY_METRICS_TOKEN must be at least 16 characters\n');
    return 2;
  }

  const dataDir = values['data-dir'] ?? env.PARLEY_DATA_DIR ?? defaultDataDir();
  const announce = values['no-announce'] !== true && !/^(0|false|no|off)$/i.test(env.PARLEY_ANNOUNCE ?? '');
  const announceInterfaces = (values['announce-interfaces'] ?? env.PARLEY_ANNOUNCE_INTERFACES ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  let server;
  try {
    server = await createServer({
      dataDir,
      port: port.data,
      host: values.host ?? env.PARLEY_HOST ?? '0.0.0.0',
      serverName: values.name ?? env.PARLEY_NAME ?? 'Parley',
      logLevel: logLevel.data,
      announce,
      tls,
      ...(announceInterfaces.length > 0 ? { announceInterfaces } : {}),
      ...(metricsToken !== undefined ? { metricsToken } : {}),
    });
  } catch (err) {
    if (err instanceof TlsSetupError) {
      process.stderr.write(`parley-server: TLS: ${err.message} [${err.code}]\n`);
      return 5;
    }
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
      lanAddresses(server.config.host, server.port, server.tls ? 'https' : 'http')
        .map((u) => `  ${u}\n`)
        .join('') +
      tlsLines(server.tls) +
      lanLine(server.announcedAs, announce, server.config.host) +
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

/** `--tls`, `--tls-cert`/`--tls-key` and their variables as the config's `tls`; a string says what is wrong. */
function tlsConfig(
  values: { tls?: boolean | undefined; 'tls-cert'?: string | undefined; 'tls-key'?: string | undefined },
  env: NodeJS.ProcessEnv,
): TlsConfig | string {
  const certFile = values['tls-cert'] ?? env.PARLEY_TLS_CERT;
  const keyFile = values['tls-key'] ?? env.PARLEY_TLS_KEY;
  if (certFile !== undefined || keyFile !== undefined) {
    if (!certFile || !keyFile) return '--tls-cert and --tls-key go together';
    return { mode: 'provided', certFile, keyFile };
  }
  const on = values.tls === true || /^(1|true|yes|on)$/i.test(env.PARLEY_TLS ?? '');
  return on ? { mode: 'self-signed' } : { mode: 'off' };
}

/** What the startup lines say about HTTPS: the fingerprint people compare before trusting the server. */
function tlsLines(tls: ParleyServer['tls']): string {
  if (!tls) return `Plain HTTP: the desktop app marks it as not private (--tls turns HTTPS on).\n`;
  const made = tls.source === 'generated' ? ' (made now)' : '';
  return (
    `HTTPS with ${tls.source === 'provided' ? 'the certificate' : 'its own certificate'} ${tls.certFile}${made}.\n` +
    `Key fingerprint (SHA-256), to compare with what the desktop app shows:\n` +
    `  ${formatFingerprint(tls.fingerprint)}\n`
  );
}

/** What the startup lines say about the LAN announcement. */
function lanLine(announcedAs: string | null, wanted: boolean, host: string): string {
  if (announcedAs !== null)
    return `Announced on the local network as "${announcedAs}" (mDNS, _parley._tcp; --no-announce turns it off).\n`;
  if (!wanted) return `Not announced on the local network (--no-announce).\n`;
  if (isLoopbackHost(host)) return `Not announced on the local network: only this computer can connect.\n`;
  return `Not announced on the local network: mDNS is unavailable here (see the log).\n`;
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
