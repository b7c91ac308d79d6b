import type { RpcResult, SendMessageAck } from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TestClient } from './support/client.js';
import { useTestServer } from './support/fixture.js';
import { errorOf } from './support/http.js';
import { scrape, valueOf } from './support/prometheus.js';
import { metaFor, TusClient } from './support/tus.js';

const server = useTestServer({ rateLimits: true });

/** One send and how long its ack took (ms). */
async function timedSend(client: TestClient, conversationId: string, text: string) {
  const started = performance.now();
  const result: RpcResult<SendMessageAck> = await client.call('messages.send', {
    conversationId,
    clientMsgId: randomUUID(),
    content: { kind: 'text', text },
  });
  return { result, ms: performance.now() - started };
}

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  return `n=${sorted.length} median=${at(0.5)} ms p95=${at(0.95)} ms max=${at(1)} ms`;
};

describe('rate limits', () => {
  it('a flood of sends from one user is refused with RATE_LIMITED and when to retry; another user sends on, every message accepted', async () => {
    const [flooder, other] = await server.users(2);
    const { conversation } = await flooder!.rpc('groups.create', {
      name: 'busy',
      memberIds: [other!.userId],
    });

    // 400 sends at once from one user while the other sends 30, one after another.
    const flood = Promise.all(
      Array.from({ length: 400 }, (_, i) => timedSend(flooder!, conversation.id, `flood ${i}`)),
    );
    const steady: Awaited<ReturnType<typeof timedSend>>[] = [];
    for (let i = 0; i < 30; i++) steady.push(await timedSend(other!, conversation.id, `steady ${i}`));
    const flooded = await flood;

    const accepted = flooded.filter((s) => s.result.ok);
    const refused = flooded.flatMap((s) => (s.result.ok ? [] : [s.result.error]));
    console.log(
      `flooding user: ${accepted.length} accepted, ${refused.length} refused; acks ${summary(flooded.map((s) => s.ms))}`,
    );
    console.log(`other user during the flood: acks ${summary(steady.map((s) => s.ms))}`);

    // Fifty per ten seconds: the rest are refused, each saying when to come back.
    expect(accepted).toHaveLength(50);
    expect(refused).toHaveLength(350);
    for (const error of refused) {
      expect(error.code).toBe('RATE_LIMITED');
      expect(error.retryAfterMs).toBeGreaterThan(0);
      expect(error.retryAfterMs).toBeLessThanOrEqual(10_000);
    }
    expect(steady.map((s) => s.result.ok)).toEqual(Array<boolean>(30).fill(true));

    const samples = await scrape(server.t.url);
    expect(valueOf(samples, 'parley_rate_limited_total', { limit: 'sendsPerUser' })).toBe(350);
    expect(valueOf(samples, 'parley_rpc_refusals_total', { code: 'RATE_LIMITED' })).toBe(350);
  });

  it('limits upload creations per user with 429, Retry-After and retryAfterMs; other users upload on', async () => {
    const [uploader, other] = await server.users(2);
    const { conversation } = await uploader!.rpc('groups.create', {
      name: 'files',
      memberIds: [other!.userId],
    });
    const meta = metaFor(conversation.id, Buffer.from('x'));
    const tus = new TusClient(server.t.url, uploader!.auth.accessToken);
    // Sixty per minute.
    for (let i = 0; i < 60; i++) expect((await tus.create(1, meta)).status, `upload ${i}`).toBe(201);
    const refused = await tus.create(1, meta);
    expect(refused.status).toBe(429);
    const error = errorOf(refused);
    expect(error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(error?.retryAfterMs).toBeGreaterThan(0);
    expect(error?.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(refused.headers.get('retry-after')).toBe(String(Math.ceil(error!.retryAfterMs! / 1000)));

    const theirs = new TusClient(server.t.url, other!.auth.accessToken);
    expect((await theirs.create(1, meta)).status).toBe(201);
  });
});
