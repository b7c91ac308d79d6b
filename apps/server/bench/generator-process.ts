/**
 * The load generator, in its own process: sets up the clients for one target when told to
 * ("init"), runs load steps on request, and disconnects everyone on "stop".
 */
import type { Fleet } from './clients.js';
import {
  isMessage,
  type GeneratorConfig,
  type GeneratorReply,
  type GeneratorRequest,
  type SetupInfo,
} from './ipc.js';
import { runStep } from './load.js';
import { lastSeqTotal } from './persisted.js';
import { setupBare } from './setup-bare.js';
import { setupParley } from './setup-parley.js';
import { buildTopology, meanRecipients } from './topology.js';

function reply(message: GeneratorReply): void {
  if (process.connected) process.send?.(message);
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

let fleet: Fleet | null = null;

async function init(config: GeneratorConfig): Promise<SetupInfo> {
  const started = performance.now();
  const topology = buildTopology(config.clients, config.groupSize);
  fleet =
    config.target === 'bare'
      ? await setupBare(config.url, topology)
      : await setupParley(config.url, config.clients, topology);
  fleet.listen();
  return {
    ms: performance.now() - started,
    clients: fleet.clients.length,
    directConversations: topology.pairs.length,
    groups: topology.groups.length,
    meanRecipients: meanRecipients(topology, config.clients),
  };
}

async function handle(message: GeneratorRequest): Promise<void> {
  switch (message.type) {
    case 'init':
      reply({ type: 'ready', setup: await init(message.config) });
      return;
    case 'step': {
      if (!fleet) throw new Error('step before init');
      const result = await runStep(fleet, message.spec, (at) => {
        reply({ type: 'mark', at });
      });
      reply({ type: 'step', result });
      return;
    }
    case 'count':
      if (!fleet) throw new Error('count before init');
      reply({ type: 'counted', lastSeqTotal: await lastSeqTotal(fleet) });
      return;
    case 'stop':
      fleet?.close();
      reply({ type: 'stopped' });
      process.disconnect();
      return;
  }
}

if (!process.send) throw new Error('run this file through bench/run.ts (it needs an IPC channel)');

process.on('message', (message: unknown) => {
  if (!isMessage<GeneratorRequest>(message)) return;
  handle(message).catch((err: unknown) => {
    reply({ type: 'error', message: errorText(err) });
  });
});
process.on('disconnect', () => {
  fleet?.close();
  // Sockets and timers may still be winding down; nothing here needs them.
  setTimeout(() => process.exit(0), 200).unref();
});
