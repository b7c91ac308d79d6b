import { randomUUID } from 'node:crypto';
import type { BareHandshake } from './bare-relay.js';
import { connect, Fleet, mapLimit, type BenchClient } from './clients.js';
import type { Topology } from './topology.js';

/** Connects one socket per client to the bare relay, with made-up user and conversation ids. */
export async function setupBare(url: string, topology: Topology): Promise<Fleet> {
  const plan: { index: number; conversationId: string; recipients: number }[] = [];
  for (const members of [...topology.pairs, ...topology.groups]) {
    const conversationId = randomUUID();
    for (const index of members) plan.push({ index, conversationId, recipients: members.length - 1 });
  }

  const clients = await mapLimit(
    plan,
    25,
    async ({ index, conversationId, recipients }): Promise<BenchClient> => {
      const userId = randomUUID();
      const auth: BareHandshake = { userId, conversationIds: [conversationId] };
      const socket = await connect(url, { ...auth });
      return { index, userId, socket, conversationId, recipients };
    },
  );
  return new Fleet(clients);
}
