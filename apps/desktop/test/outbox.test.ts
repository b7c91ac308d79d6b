import type { ParleyServer } from '@parley/server';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import type { OutboxEntry } from '../src/core/types.js';
import { FileCredentialStore } from './support/file-credentials.js';
import {
  befriend,
  newCore,
  signIn,
  signUp,
  startServer,
  tempDir,
  uniqueName,
  until,
} from './support/harness.js';
import { convEventOf, LossyProxy } from './support/lossy-proxy.js';
import { storedMessagesOf } from './support/server-db.js';
import { expectCacheEqualsServer } from './support/server-view.js';
import { textOf } from './support/text-of.js';

const serverDir = tempDir('parley-server-');
let server: ParleyServer;
const cores: DesktopCore[] = [];
const proxies: LossyProxy[] = [];

beforeAll(async () => {
  server = await startServer(serverDir);
});
afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  for (const p of proxies.splice(0)) await p.close();
});
afterAll(async () => {
  await server.close();
});

function core(...args: Parameters<typeof newCore>): DesktopCore {
  const c = newCore(...args);
  cores.push(c);
  return c;
}

const texts = (c: DesktopCore, id: string) => c.store.messages.allOf(id).map((m) => textOf(m.content));
const outgoing = (c: DesktopCore, id: string) =>
  c.timeline(id).items.flatMap((i) => (i.kind === 'outgoing' ? [i.entry] : []));

/** A and B, friends, with their direct conversation open at both. */
async function pair(url: string, aOptions: Parameters<typeof newCore> = [], aUrl = url) {
  const a = core(...aOptions);
  const b = core();
  const aName = uniqueName('a');
  const aId = await signUp(a, aUrl, aName);
  const bId = await signUp(b, url);
  await befriend(a, b, bId);
  const { conversation } = await a.sync.rpc('conversations.openDirect', { userId: bId });
  const d = conversation.id;
  await until(() => b.store.conversations.get(d) !== undefined, 10_000, 'conversation at b');
  return { a, b, aId, bId, aName, d };
}

describe('the outbox', () => {
  it('keeps what was sent while the server was down across a core restart, and delivers each once', async () => {
    const dataDir = tempDir('parley-server-');
    let s = await startServer(dataDir);
    const restarted: ParleyServer[] = [s];
    try {
      const aDir = tempDir();
      const credentials = join(aDir, 'refresh-token');
      const { a, b, aId, d } = await pair(s.url, [aDir, new FileCredentialStore(credentials)]);
      a.sendText(d, 'online 1');
      await until(() => texts(b, d).length === 1, 10_000, 'first message');

      const port = s.port;
      await s.close();
      await until(() => a.sync.connection !== 'online', 10_000, 'offline');
      const before = [1, 2, 3, 4, 5].map((i) => a.sendText(d, `down ${i}`));
      expect(outgoing(a, d).map((e) => [e.clientMsgId, e.state])).toEqual(
        before.map((e) => [e.clientMsgId, 'pending']),
      );

      // The app quits and starts again, still without a server.
      cores.splice(cores.indexOf(a), 1);
      a.close();
      const a2 = core(aDir, new FileCredentialStore(credentials));
      expect(await a2.start()).toBe(true);
      expect(outgoing(a2, d).map((e) => e.clientMsgId)).toEqual(before.map((e) => e.clientMsgId));
      expect(texts(a2, d)).toEqual(['online 1']);
      const after = [6, 7, 8].map((i) => a2.sendText(d, `down ${i}`));
      const queued: OutboxEntry[] = [...before, ...after];

      s = await startServer(dataDir, port);
      restarted.push(s);
      await until(() => a2.store.outbox.ofConversation(d).length === 0, 20_000, 'outbox drained');
      await until(() => texts(b, d).length === 9, 10_000, 'delivered');

      // Shown as sent, in the order written, at both ends.
      const expected = ['online 1', ...queued.map((e) => textOf(e.content))];
      // Stored on the server exactly once each, in the order written, under the ids first given.
      const stored = storedMessagesOf(dataDir, aId);
      expect(stored.map((m) => m.text)).toEqual(expected);
      expect(stored.slice(1).map((m) => m.clientMsgId)).toEqual(queued.map((e) => e.clientMsgId));
      expect(texts(a2, d)).toEqual(expected);
      expect(outgoing(a2, d)).toEqual([]);
      expect(texts(b, d)).toEqual(expected);
      expect(
        a2.store.messages
          .allOf(d)
          .map((m) => m.clientMsgId)
          .slice(1),
      ).toEqual(queued.map((e) => e.clientMsgId));
    } finally {
      for (const x of restarted) await x.close();
    }
  });

  it('resends with the same clientMsgId when the ack is lost with the link', async () => {
    const proxy = await LossyProxy.start({ host: '127.0.0.1', port: server.port });
    proxies.push(proxy);
    const { a, aId, aName, d } = await pair(server.url, [], proxy.url);
    const fresh = core();
    await signIn(fresh, server.url, aName);

    // Lose the push and the ack of the first message, then the link.
    let target: string | null = null;
    let lostAck = false;
    proxy.filter = (frame) => {
      const e = convEventOf(frame) as { message?: { clientMsgId: string } } | null;
      if (target && e?.message?.clientMsgId === target) return 'drop';
      if (target && !lostAck && frame.startsWith('43')) {
        lostAck = true;
        setImmediate(() => {
          proxy.cut();
        });
        return 'drop';
      }
      return 'pass';
    };
    const first = a.sendText(d, 'ack lost 0');
    target = first.clientMsgId;
    for (let i = 1; i < 5; i++) a.sendText(d, `ack lost ${i}`);
    await until(() => lostAck, 10_000, 'ack lost');
    target = null;

    await expectCacheEqualsServer(a, fresh, d);
    const stored = storedMessagesOf(serverDir, aId).filter((m) => m.conversationId === d);
    expect(stored.map((m) => m.text)).toEqual([0, 1, 2, 3, 4].map((i) => `ack lost ${i}`));
    expect(stored[0]!.clientMsgId).toBe(first.clientMsgId);
  });

  it('tries again by itself when an ack times out on a link that stays up', async () => {
    const proxy = await LossyProxy.start({ host: '127.0.0.1', port: server.port });
    proxies.push(proxy);
    const { a, aId, aName, d } = await pair(
      server.url,
      [undefined, undefined, { rpcTimeoutMs: 1_000 }],
      proxy.url,
    );
    const fresh = core();
    await signIn(fresh, server.url, aName);
    const states: string[] = [];
    a.sync.on('connection', (state) => {
      states.push(state);
    });

    let target: string | null = null;
    let lostAck = false;
    proxy.filter = (frame) => {
      const e = convEventOf(frame) as { message?: { clientMsgId: string } } | null;
      if (target && e?.message?.clientMsgId === target) return 'drop';
      if (target && !lostAck && frame.startsWith('43')) {
        lostAck = true;
        return 'drop';
      }
      return 'pass';
    };
    const first = a.sendText(d, 'timed out 0');
    target = first.clientMsgId;
    for (let i = 1; i < 4; i++) a.sendText(d, `timed out ${i}`);
    await until(() => lostAck, 10_000, 'ack lost');
    target = null;

    await expectCacheEqualsServer(a, fresh, d);
    expect(states).toEqual([]);
    const stored = storedMessagesOf(serverDir, aId).filter((m) => m.conversationId === d);
    expect(stored.map((m) => m.text)).toEqual([0, 1, 2, 3].map((i) => `timed out ${i}`));
  });

  it('marks a refused send failed with the server’s code; it can be retried or discarded', async () => {
    const { a, b, aId, d } = await pair(server.url);
    const c = core();
    const cId = await signUp(c, server.url);
    const { conversation: group } = await b.sync.rpc('groups.create', { name: 'g', memberIds: [aId, cId] });
    const g = group.id;
    await until(() => a.store.conversations.get(g) !== undefined, 10_000, 'group at a');

    // Blocked in the direct conversation: refused, the rest of the outbox goes on.
    await b.sync.rpc('blocks.add', { userId: aId });
    const blocked = a.sendText(d, 'to someone who blocked me');
    const meanwhile = a.sendText(g, 'to the group meanwhile');
    await until(() => a.store.outbox.get(blocked.clientMsgId)?.state === 'failed', 10_000, 'failed');
    expect(a.store.outbox.get(blocked.clientMsgId)?.error?.code).toBe('BLOCKED');
    await until(() => a.store.outbox.get(meanwhile.clientMsgId) === undefined, 10_000, 'group send');
    expect(outgoing(a, d)).toMatchObject([{ clientMsgId: blocked.clientMsgId, state: 'failed' }]);
    expect(a.conversations().find((x) => x.id === d)).toMatchObject({
      pendingCount: 1,
      failedCount: 1,
      newestOutgoing: { clientMsgId: blocked.clientMsgId, state: 'failed' },
    });

    // Retried while still blocked: refused again. Unblocked: retried, it goes through, once.
    a.sync.retry(blocked.clientMsgId);
    await until(() => (a.store.outbox.get(blocked.clientMsgId)?.attempts ?? 0) >= 2, 10_000, 'retried');
    await until(() => a.store.outbox.get(blocked.clientMsgId)?.state === 'failed', 10_000, 'failed again');
    await b.sync.rpc('blocks.remove', { userId: aId });
    a.sync.retry(blocked.clientMsgId);
    await until(() => a.store.outbox.get(blocked.clientMsgId) === undefined, 10_000, 'sent on retry');
    await until(() => texts(b, d).includes('to someone who blocked me'), 10_000, 'delivered');
    expect(texts(a, d)).toEqual(['to someone who blocked me']);

    // Removed from the group while offline: the send is refused and can be discarded.
    a.sync.pauseNetwork();
    await b.sync.rpc('groups.removeMember', { conversationId: g, userId: aId });
    const orphan = a.sendText(g, 'to a group I was removed from');
    a.sync.resumeNetwork();
    await until(() => a.store.outbox.get(orphan.clientMsgId)?.state === 'failed', 10_000, 'refused');
    expect(a.store.outbox.get(orphan.clientMsgId)?.error?.code).toBe('CONVERSATION_NOT_FOUND');
    expect(a.store.conversations.get(g)?.left_reason).toBe('removed');
    a.sync.discard(orphan.clientMsgId);
    expect(a.store.outbox.get(orphan.clientMsgId)).toBeUndefined();
    expect(outgoing(a, g)).toEqual([]);

    const stored = storedMessagesOf(serverDir, aId);
    expect(stored.filter((m) => m.conversationId === d).map((m) => m.text)).toEqual([
      'to someone who blocked me',
    ]);
    expect(stored.filter((m) => m.conversationId === g).map((m) => m.text)).toEqual([
      'to the group meanwhile',
    ]);
  });
});
