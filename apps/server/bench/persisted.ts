import { call, mapLimit, type BenchClient, type Fleet } from './clients.js';

/**
 * The sum of every conversation's lastSeq as the server reports it, read by one member of
 * each. Taken before and after the load, the difference is how many events the load added to
 * the streams: every acked message must be among them.
 */
export async function lastSeqTotal(fleet: Fleet): Promise<number> {
  const readers = new Map<string, BenchClient>();
  for (const client of fleet.clients)
    if (!readers.has(client.conversationId)) readers.set(client.conversationId, client);
  const seqs = await mapLimit([...readers.values()], 10, async (client) => {
    const { conversation } = await call(client.socket, 'conversations.get', {
      conversationId: client.conversationId,
    });
    return conversation.lastSeq;
  });
  return seqs.reduce((a, b) => a + b, 0);
}
