import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLoopback } from '../src/ops/metrics-route.js';
import { befriend, until } from './support/client.js';
import { useTestServer } from './support/fixture.js';
import { request } from './support/http.js';
import { scrape, valueOf } from './support/prometheus.js';
import { startTestServer, type TestServer } from './support/server.js';
import { TusClient } from './support/tus.js';

const extra: TestServer[] = [];
afterAll(async () => {
  for (const s of extra) await s.stop();
});

// On every interface, so the test can also reach it from an address that is not loopback.
const server = useTestServer({ host: '0.0.0.0' });

/** This machine's first address that is not loopback, if it has one. */
function externalIPv4(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a?.family === 'IPv4' && !a.internal)?.address;
}

describe('GET /metrics', () => {
  it('moves each series with the activity it measures', async () => {
    const [a, b] = await server.users(2);
    await befriend(a!, b!);
    const { conversation } = await a!.rpc('conversations.openDirect', { userId: b!.userId });
    const before = await scrape(server.t.url);
    expect(valueOf(before, 'parley_connected_sockets')).toBe(2);
    const sentBefore = valueOf(before, 'parley_messages_sent_total') ?? 0;

    const keys = Array.from({ length: 5 }, () => randomUUID());
    for (const [i, clientMsgId] of keys.entries()) {
      await a!.rpc('messages.send', {
        conversationId: conversation.id,
        clientMsgId,
        content: { kind: 'text', text: `hello ${i}` },
      });
    }
    // A retried send of a stored message is answered again but is not a new message.
    await a!.rpc('messages.send', {
      conversationId: conversation.id,
      clientMsgId: keys[0]!,
      content: { kind: 'text', text: 'hello 0' },
    });
    const page = await b!.rpc('sync.conversation', { conversationId: conversation.id, afterSeq: 0 });
    const bytes = randomBytes(300_000);
    await new TusClient(server.t.url, a!.auth.accessToken).upload(conversation.id, bytes);
    b!.close();
    await until(() => server.t.server.connectedSockets() === 1, 5_000, 'the disconnect');

    const after = await scrape(server.t.url);
    expect(valueOf(after, 'parley_connected_sockets')).toBe(1);
    expect(valueOf(after, 'parley_messages_sent_total')).toBe(sentBefore + 5);
    expect(valueOf(after, 'parley_message_delivery_seconds_count')).toBe(sentBefore + 5);
    expect(valueOf(after, 'parley_message_delivery_seconds_sum')).toBeGreaterThan(0);
    expect(valueOf(after, 'parley_rpc_duration_seconds_count', { method: 'messages.send' })).toBe(6);
    expect(valueOf(after, 'parley_catch_up_events_count', { stream: 'conversation' })).toBe(1);
    expect(valueOf(after, 'parley_catch_up_events_sum', { stream: 'conversation' })).toBe(page.events.length);
    expect(valueOf(after, 'parley_upload_bytes_total')).toBe(bytes.length);
    expect(
      valueOf(after, 'parley_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/auth/register',
        status: '201',
      }),
    ).toBe(2);
    // The upload's PATCH is labelled by the tus route's template, not by the upload's id.
    const patches = after.filter(
      (s) => s.name === 'parley_http_request_duration_seconds_count' && s.labels.method === 'PATCH',
    );
    expect(patches).toHaveLength(1);
    expect(patches[0]!.labels.route).not.toContain(conversation.id);
    expect(valueOf(after, 'parley_db_commit_seconds_count')).toBeGreaterThan(
      valueOf(before, 'parley_db_commit_seconds_count')!,
    );
    expect(valueOf(after, 'parley_db_commit_writes_sum')).toBeGreaterThanOrEqual(6);
    expect(valueOf(after, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('is refused, as if it did not exist, to a request that is not from this machine', async () => {
    const local = await request(server.t.url, '/metrics');
    expect(local.status).toBe(200);
    expect(local.headers.get('content-type')).toMatch(/^text\/plain/);

    const address = externalIPv4();
    if (address === undefined) {
      // No address but loopback on this machine: the same refusal, with loopback not trusted.
      const t = await startTestServer({ metricsAllowLoopback: false });
      extra.push(t);
      const refused = await request(t.url, '/metrics');
      const unknown = await request(t.url, '/no-such-page');
      expect(refused.status).toBe(404);
      expect(refused.body).toEqual(String(unknown.body).replace('/no-such-page', '/metrics'));
      return;
    }
    const remote = `http://${address}:${server.t.server.port}`;
    const refused = await request(remote, '/metrics');
    const unknown = await request(remote, '/no-such-page');
    expect(refused.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(refused.body).toEqual(String(unknown.body).replace('/no-such-page', '/metrics'));
    // Health, from the same address, is served: the refusal is about /metrics.
    expect((await request(remote, '/api/health')).status).toBe(200);
  });

  it('with a token, scrapes need it: none or a wrong one is refused, the right one is served', async () => {
    const token = randomBytes(24).toString('base64url');
    const t = await startTestServer({ metricsToken: token, metricsAllowLoopback: false });
    extra.push(t);
    expect((await request(t.url, '/metrics')).status).toBe(404);
    expect((await request(t.url, '/metrics', { token: `${token}x` })).status).toBe(404);
    expect((await request(t.url, '/metrics', { headers: { authorization: token } })).status).toBe(404);
    const ok = await request(t.url, '/metrics', { token });
    expect(ok.status).toBe(200);
    expect(String(ok.body)).toContain('parley_connected_sockets 0');
  });

  it('the Grafana dashboard uses only metric names the server exposes', async () => {
    const dashboard = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '..', '..', '..', 'resources', 'grafana', 'parley-dashboard.json'),
        'utf8',
      ),
    ) as { panels: { targets?: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    const used = new Set(exprs.flatMap((e) => e.match(/\b(?:parley|nodejs|process)_[a-z0-9_]+/g) ?? []));
    const res = await request(server.t.url, '/metrics');
    const declared = new Set([...String(res.body).matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    const missing = [...used].filter(
      (name) => !declared.has(name) && !declared.has(name.replace(/_(bucket|count|sum)$/, '')),
    );
    expect(used.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('treats 127.0.0.0/8 and ::1, also IPv4-mapped, as this machine and nothing else', () => {
    for (const a of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1'])
      expect(isLoopback(a), a).toBe(true);
    for (const a of [
      '192.168.1.20',
      '10.0.0.1',
      '::ffff:192.168.1.20',
      'fe80::1',
      '::',
      '0.0.0.0',
      '1127.0.0.1',
      undefined,
    ])
      expect(isLoopback(a), String(a)).toBe(false);
  });
});
