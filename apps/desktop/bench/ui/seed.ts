import { randomUUID } from 'node:crypto';
import type { TestClient } from '../../../server/test/support/client.js';
import { messageText, random } from '../data.js';

export interface SeededConversation {
  id: string;
  messages: number;
  /** The seq of the newest message. */
  head: number;
  /** The list's row key of the newest message (data-row-key: `m:<clientMsgId>`). */
  newestKey: string;
  sendSeconds: number;
}

/**
 * Sends `count` messages into a direct conversation with `concurrency` in flight: bench/data.ts's
 * texts (English, Chinese, mixed, some emoji), from `other`, every 7th from the reader's phone (so
 * some are the reader's own). The newest goes last and alone, with a clientMsgId we know, so the
 * page can tell when it is on screen.
 */
export async function flood(
  other: TestClient,
  phone: TestClient,
  conversationId: string,
  count: number,
  concurrency: number,
  seed: number,
): Promise<SeededConversation> {
  const rnd = random(seed);
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count - 1) {
      next += 1;
      await (next % 7 === 0 ? phone : other).send(conversationId, messageText(rnd));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const clientMsgId = randomUUID();
  const { seq } = await other.rpc('messages.send', {
    conversationId,
    clientMsgId,
    content: { kind: 'text', text: messageText(rnd) },
  });
  return {
    id: conversationId,
    messages: count,
    head: seq,
    newestKey: `m:${clientMsgId}`,
    sendSeconds: (performance.now() - started) / 1000,
  };
}

/** The test client records every event pushed to it; a flood of 100,000 needs none of that. */
export function quiet(client: TestClient): TestClient {
  client.socket.off('conv.event');
  client.socket.off('user.event');
  return client;
}
