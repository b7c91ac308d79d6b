/**
 * The host process: the Parley server (the same createServer as the CLI) in a process of its own,
 * started by the desktop app through Electron's utilityProcess (child_process.fork in tests). It
 * waits for `start`, reports `ready` with its port and addresses, then `stats` whenever the
 * connected count or the addresses change, and on `stop` closes the server and reports `stopped`.
 * The app ends the process after `stopped` or `error`. See docs/architecture.md, "Hosting".
 */
import { DatabaseTooNewError, lanAddresses, type ParleyServer } from '@parley/server';
import { HostCommand, type HostStartFailure } from '../core/host/host-messages.js';
import { parentChannel } from './parent-channel.js';
import { openServerLog } from './server-log.js';
import { NoFreePortError, startOnFreePort } from './start-server.js';

type StartCommand = Extract<HostCommand, { type: 'start' }>;

interface Hosted {
  server: ParleyServer;
  /** Stops the stats checks and closes the log. */
  release: () => void;
}

const parent = parentChannel();
let started: Promise<Hosted | null> | null = null;
let stopping: Promise<void> | null = null;

parent.onCommand((raw) => {
  const command = HostCommand.safeParse(raw);
  if (!command.success) return;
  if (command.data.type === 'start') started ??= start(command.data);
  else stopping ??= stop();
});
parent.onGone(() => {
  void (stopping ??= stop()).finally(() => process.exit(0));
});

async function start(command: StartCommand): Promise<Hosted | null> {
  const log = openServerLog(command.dataDir);
  let server: ParleyServer;
  try {
    server = await startOnFreePort(
      { dataDir: command.dataDir, port: command.port, serverName: command.serverName, ...command.server },
      {
        logDestination: log,
        ...(command.nativeBinding === undefined ? {} : { nativeBinding: command.nativeBinding }),
      },
      command.portAttempts,
    );
  } catch (err) {
    log.close();
    parent.send({ type: 'error', reason: failureOf(err), message: (err as Error).message });
    return null;
  }
  parent.send({
    type: 'ready',
    port: server.port,
    urls: addressesOf(server),
    fingerprint: server.tls?.fingerprint ?? null,
  });
  let last = { connectedSockets: 0, urls: addressesOf(server) };
  const timer = setInterval(() => {
    const now = { connectedSockets: server.connectedSockets(), urls: addressesOf(server) };
    if (JSON.stringify(now) === JSON.stringify(last)) return;
    last = now;
    parent.send({ type: 'stats', ...now });
  }, command.statsIntervalMs);
  return {
    server,
    release: () => {
      clearInterval(timer);
      log.close();
    },
  };
}

async function stop(): Promise<void> {
  const hosted = await started;
  if (hosted) {
    await hosted.server.close();
    hosted.release();
  }
  parent.send({ type: 'stopped' });
}

/** The addresses people on the network can type (localhost is for this computer only). */
function addressesOf(server: ParleyServer): string[] {
  return lanAddresses(server.config.host, server.port).filter((url) => !url.includes('//localhost:'));
}

function failureOf(err: unknown): HostStartFailure {
  if (err instanceof NoFreePortError) return 'port-unavailable';
  if (err instanceof DatabaseTooNewError) return 'data-too-new';
  return 'start-failed';
}
