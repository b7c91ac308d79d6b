import { createServer, type ParleyServer, type ServerConfigInput, type ServerOptions } from '@parley/server';

/** No port from the first one tried up to the last was free. */
export class NoFreePortError extends Error {
  constructor(first: number, last: number) {
    super(first === last ? `Port ${first} is in use.` : `Ports ${first} to ${last} are all in use.`);
    this.name = 'NoFreePortError';
  }
}

/**
 * createServer on `config.port`, or on the next port up while it is taken (7400, 7401, …), so a
 * second Parley or another program on the usual port does not stop this computer from hosting.
 */
export async function startOnFreePort(
  config: ServerConfigInput & { port: number },
  options: ServerOptions,
  attempts: number,
): Promise<ParleyServer> {
  const last = Math.min(65535, config.port + attempts - 1);
  for (let port = config.port; port <= last; port++) {
    try {
      return await createServer({ ...config, port }, options);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
  throw new NoFreePortError(config.port, last);
}
