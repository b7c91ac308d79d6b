import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { http, newUser } from './support/client.js';
import { startTestServer } from './support/server.js';

describe('graceful shutdown', () => {
  it('finishes the writes in flight and acks them before closing, then stops serving', async () => {
    const t = await startTestServer();
    const a = await newUser(t.url);
    const b = await newUser(t.url);
    const { conversation } = await a.rpc('groups.create', { name: 'g', memberIds: [b.userId] });
    const sends = Array.from({ length: 50 }, (_, i) =>
      a.call('messages.send', {
        conversationId: conversation.id,
        clientMsgId: randomUUID(),
        content: { kind: 'text', text: `in flight ${i}` },
      }),
    );
    // Close as soon as the first ack is back: the rest are on the wire or in the server.
    await Promise.race(sends);
    const closed = t.server.close();
    const results = await Promise.allSettled(sends);
    await closed;

    const acked = results.flatMap((r) => (r.status === 'fulfilled' && r.value.ok ? [r.value.data.seq] : []));
    const refused = new Set(
      results.flatMap((r) => (r.status === 'fulfilled' && !r.value.ok ? [r.value.error.code] : [])),
    );
    for (const code of refused) expect(code).toBe('SERVER_SHUTTING_DOWN');
    const db = new Database(join(t.dataDir, 'parley.db'), { readonly: true });
    const stored = db
      .prepare<[string], { seq: number }>('SELECT seq FROM messages WHERE conversation_id = ? ORDER BY seq')
      .all(conversation.id)
      .map((r) => r.seq);
    db.close();
    expect(acked.length).toBeGreaterThan(1);
    for (const seq of acked) expect(stored).toContain(seq);
    await expect(http(t.url, '/api/health')).rejects.toThrow();
    a.close();
    b.close();
  });
});
