import type { ParleyServer } from '@parley/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { MemoryCredentialStore } from '../src/core/sync/credentials.js';
import type { ConnectionState } from '../src/core/sync/sync-engine.js';
import {
  newCore,
  signIn,
  signUp,
  startServer,
  tempDir,
  uniqueName,
  until,
  untilAsync,
} from './support/harness.js';
import { convEventOf, LossyProxy } from './support/lossy-proxy.js';
import { expectCacheEqualsServer } from './support/server-view.js';
import { textOf } from './support/text-of.js';

let server: ParleyServer;
const cores: DesktopCore[] = [];
const proxies: LossyProxy[] = [];
const extraServers: ParleyServer[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  for (const p of proxies.splice(0)) await p.close();
  for (const s of extraServers.splice(0)) await s.close();
});
afterAll(async () => {
  await server.close();
});

function core(...args: Parameters<typeof newCore>): DesktopCore {
  const c = newCore(...args);
  cores.push(c);
  return c;
}

async function proxyTo(target: ParleyServer): Promise<LossyProxy> {
  const p = await LossyProxy.start({ host: '127.0.0.1', port: target.port });
  proxies.push(p);
  return p;
}

const outboxEmpty = (...cs: DesktopCore[]) => cs.every((c) => c.store.outbox.pending().length === 0);
const mine = (c: DesktopCore, conversationId: string, me: string) =>
  c.store.messages.allOf(conversationId).filter((m) => m.senderId === me);

/** A, B and C in a group B owns, with some history everyone holds. A may use another way in. */
async function groupOfThree(url: string, aUrl = url) {
  const a = core();
  const b = core();
  const c = core();
  const aName = uniqueName('a');
  const aId = await signUp(a, aUrl, aName);
  const bId = await signUp(b, url);
  const cId = await signUp(c, url);
  const { conversation } = await b.sync.rpc('groups.create', { name: 'team', memberIds: [aId, cId] });
  const g = conversation.id;
  await until(() => [a, c].every((x) => x.store.conversations.get(g) !== undefined), 10_000, 'group');
  for (let i = 0; i < 5; i++) {
    a.sendText(g, `a before ${i}`);
    b.sendText(g, `b before ${i}`);
  }
  await until(() => outboxEmpty(a, b), 10_000, 'history sent');
  await until(() => a.store.messages.allOf(g).length === 10, 10_000, 'history at a');
  return { a, b, c, aId, bId, cId, aName, g };
}

describe('a desktop core that was offline', () => {
  it('catches up on 500 messages, edits, recalls, reactions and membership changes: its cache equals a fresh fetch', async () => {
    const { a, b, c, aId, bId, aName, g } = await groupOfThree(server.url);
    const d = core();
    const dId = await signUp(d, server.url);
    await a.markRead(g);
    const a2 = core();
    await signIn(a2, server.url, aName);

    a.sync.pauseNetwork();
    expect(a.sync.connection).toBe('offline');
    // A keeps writing while offline: those wait in its outbox.
    const queued = [0, 1, 2].map((i) => a.sendText(g, `a offline ${i}`).clientMsgId);
    expect(a.timeline(g).items.filter((i) => i.kind === 'outgoing')).toHaveLength(3);

    for (let i = 0; i < 500; i++) b.sendText(g, `b offline ${i}`);
    for (let i = 0; i < 20; i++) c.sendText(g, `c offline ${i}`);
    await until(() => outboxEmpty(b, c), 45_000, '520 messages sent');

    const bSent = mine(b, g, bId);
    expect(bSent).toHaveLength(505);
    for (const [i, m] of bSent.entries()) {
      if (i % 25 === 3)
        await b.sync.rpc('messages.edit', { messageId: m.id, text: `${textOf(m.content)} (edited)` });
      if (i % 50 === 7) await b.sync.rpc('messages.recall', { messageId: m.id });
      if (i % 20 === 5) {
        await b.sync.rpc('reactions.add', { messageId: m.id, emoji: '👍' });
        await c.sync.rpc('reactions.add', { messageId: m.id, emoji: '👍' });
        await c.sync.rpc('reactions.add', { messageId: m.id, emoji: '🎉' });
      }
      if (i % 40 === 5) await c.sync.rpc('reactions.remove', { messageId: m.id, emoji: '👍' });
    }
    // A's other device changes A's own messages and reads part of the conversation.
    const aBefore = mine(a2, g, aId);
    await a2.sync.rpc('messages.edit', { messageId: aBefore[0]!.id, text: 'a before 0, edited elsewhere' });
    await a2.sync.rpc('messages.recall', { messageId: aBefore[1]!.id });
    await a2.sync.rpc('reactions.add', { messageId: bSent[100]!.id, emoji: '❤️' });
    const { conversation: mid } = await a2.sync.rpc('conversations.get', { conversationId: g });
    await a2.sync.rpc('conversations.markRead', { conversationId: g, seq: mid.lastSeq - 200 });
    // The group itself changes.
    await b.sync.rpc('groups.rename', { conversationId: g, name: 'team, renamed' });
    await b.sync.rpc('groups.addMembers', { conversationId: g, userIds: [dId] });
    await b.sync.rpc('groups.setRole', { conversationId: g, userId: dId, role: 'admin' });
    const cId = c.sync.me!;
    await b.sync.rpc('groups.removeMember', { conversationId: g, userId: cId });
    b.sendText(g, 'welcome d');
    await until(() => outboxEmpty(b), 10_000, 'last message');
    // Nothing of this reached A.
    expect(a.store.messages.allOf(g)).toHaveLength(10);

    a.sync.resumeNetwork();
    await until(() => a.sync.connection === 'online', 15_000, 'back online');
    const view = await expectCacheEqualsServer(a, a2, g);

    expect(view.messages.length).toBe(10 + 500 + 20 + 1 + 3);
    expect(a.store.conversations.get(g)?.name).toBe('team, renamed');
    // A's own offline messages: sent once each, after everything it caught up on, in order.
    const sentLate = view.messages.filter((m) => queued.includes(m.clientMsgId));
    expect(sentLate.map((m) => textOf(m.content))).toEqual(['a offline 0', 'a offline 1', 'a offline 2']);
    expect(sentLate.map((m) => m.clientMsgId)).toEqual(queued);
    expect(sentLate[0]!.seq).toBeGreaterThan(
      view.messages.find((m) => textOf(m.content) === 'welcome d')!.seq,
    );
    // Recalled messages keep no text; edits and reactions arrived.
    const cached = a.store.messages.allOf(g);
    expect(cached.filter((m) => m.recalledAt !== null)).toHaveLength(10 + 1);
    expect(cached.filter((m) => m.recalledAt !== null).every((m) => m.content === null)).toBe(true);
    expect(cached.filter((m) => m.editedAt !== null).length).toBeGreaterThan(15);
    expect(cached.find((m) => m.id === bSent[5]!.id)?.reactions).toEqual([
      { emoji: '👍', userIds: [bId] },
      { emoji: '🎉', userIds: [cId] },
    ]);
    // The new member's profile came with it.
    expect(a.store.users.get(dId)?.id).toBe(dId);
  });

  it('notices live events lost on the way by their seq and backfills the gap', async () => {
    const proxy = await proxyTo(server);
    const { a, aName, g } = await groupOfThree(server.url, proxy.url);
    const a2 = core();
    await signIn(a2, server.url, aName);
    const states: ConnectionState[] = [];
    a.sync.on('connection', (s) => states.push(s));

    let lossy = true;
    proxy.filter = (frame) => {
      const e = convEventOf(frame);
      return lossy && e?.conversationId === g && e.seq % 7 === 0 ? 'drop' : 'pass';
    };
    const head = (await a2.sync.rpc('conversations.get', { conversationId: g })).conversation.lastSeq;
    for (let i = 0; i < 120; i++) a2.sendText(g, `through a bad link ${i}`);
    await until(() => outboxEmpty(a2), 20_000, 'burst sent');
    // A holds everything up to the last event it could see.
    await untilAsync(async () => {
      await a.sync.settled();
      return (a.store.conversations.get(g)?.synced_seq ?? 0) >= head + 119;
    });
    lossy = false;
    // The last event of a burst may be the one lost: the next one shows the gap.
    a2.sendText(g, 'after the burst');
    await until(() => outboxEmpty(a2), 10_000, 'sent');
    await expectCacheEqualsServer(a, a2, g);

    expect(proxy.dropped.length).toBeGreaterThanOrEqual(17);
    // All of it came over one unbroken connection: the gap rule did it, not a reconnect.
    expect(states).toEqual([]);
  });

  it('applies events that arrive out of order once each, in seq order', async () => {
    const proxy = await proxyTo(server);
    const { a, aName, g } = await groupOfThree(server.url, proxy.url);
    const a2 = core();
    await signIn(a2, server.url, aName);

    let shuffling = true;
    proxy.filter = (frame) => {
      const e = convEventOf(frame);
      if (!shuffling || e?.conversationId !== g) return 'pass';
      return e.seq % 3 === 0 ? { delayMs: 150 } : e.seq % 5 === 0 ? { delayMs: 60 } : 'pass';
    };
    for (let i = 0; i < 60; i++) a2.sendText(g, `shuffled ${i}`);
    await until(() => outboxEmpty(a2), 20_000, 'burst sent');
    await until(() => proxy.delayed.length >= 20, 10_000, 'delays');
    shuffling = false;
    a2.sendText(g, 'in order again');
    await until(() => outboxEmpty(a2), 10_000, 'sent');
    await expectCacheEqualsServer(a, a2, g);
    const seqs = a.store.messages.allOf(g).map((m) => m.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('paused in the middle of a burst, catches up on resuming', async () => {
    const { a, b, aName, g } = await groupOfThree(server.url);
    const a2 = core();
    await signIn(a2, server.url, aName);
    // The link goes the moment A has stored 50 messages of the burst, with more on the way.
    const pauseAt = (ids: string[]) => {
      if (ids.includes(g) && a.store.messages.allOf(g).length >= 60) {
        a.sync.pauseNetwork();
        a.off('changed', pauseAt);
      }
    };
    a.on('changed', pauseAt);
    for (let i = 0; i < 200; i++) b.sendText(g, `burst ${i}`);
    await until(() => a.sync.connection === 'offline', 20_000, 'paused mid-burst');
    await until(() => outboxEmpty(b), 20_000, 'burst sent');
    a.sync.resumeNetwork();
    const view = await expectCacheEqualsServer(a, a2, g);
    expect(view.messages).toHaveLength(210);
  });

  it('survives a link that flaps while it is catching up', async () => {
    const { a, b, aName, g } = await groupOfThree(server.url);
    const a2 = core();
    await signIn(a2, server.url, aName);
    a.sync.pauseNetwork();
    for (let i = 0; i < 300; i++) b.sendText(g, `while away ${i}`);
    await until(() => outboxEmpty(b), 20_000, 'sent');
    // Drop the link again each time it comes up, before the catch-up can finish.
    let flaps = 0;
    a.sync.on('connection', (state) => {
      if (state === 'online' && flaps < 5) {
        flaps += 1;
        a.sendText(g, `flap ${flaps}`);
        setImmediate(() => {
          a.sync.pauseNetwork();
          a.sync.resumeNetwork();
        });
      }
    });
    a.sync.resumeNetwork();
    const view = await expectCacheEqualsServer(a, a2, g);
    expect(flaps).toBe(5);
    expect(view.messages.filter((m) => textOf(m.content)?.startsWith('flap'))).toHaveLength(5);
  });

  it('refreshes its token once at a time, so a slow refresh and a reconnect do not cost the session', async () => {
    // The server's clock can jump ahead; this device's clock runs an hour ahead of the server's,
    // so it thinks its access token is always about to expire and refreshes it every second.
    let serverSkew = 0;
    const s = await startServer(undefined, 0, {}, { now: () => Date.now() + serverSkew });
    extraServers.push(s);
    const proxy = await proxyTo(s);
    const credentials = new MemoryCredentialStore();
    const a = core(undefined, credentials, { now: () => Date.now() + 3_600_000 });
    const aName = uniqueName('a');
    const aId = await signUp(a, proxy.url, aName);
    const b = core();
    await signUp(b, s.url);
    const { conversation } = await b.sync.rpc('groups.create', { name: 'slow', memberIds: [aId] });
    const g = conversation.id;
    await until(() => a.store.conversations.get(g) !== undefined, 10_000, 'group');
    const signedOut: string[] = [];
    a.on('signed-out', (reason) => signedOut.push(reason));

    // Refresh answers take longer than the refresh period now. While A is away its access token
    // runs out on the server, so reconnecting needs a refresh too.
    proxy.httpDelayMs = 1_500;
    const token = await credentials.load();
    await untilAsync(async () => (await credentials.load()) !== token, 10_000, 'a refresh ahead of time');
    a.sync.pauseNetwork();
    b.sendText(g, 'while away');
    serverSkew = 16 * 60_000;
    a.sync.resumeNetwork();
    await until(() => a.sync.connection === 'online' || signedOut.length > 0, 20_000, 'back online');
    expect(signedOut).toEqual([]);

    proxy.httpDelayMs = 0;
    const a2 = core();
    await signIn(a2, s.url, aName);
    await expectCacheEqualsServer(a, a2, g);
    expect(signedOut).toEqual([]);
  });

  it('reconnects by itself after the server restarts, and catches up', async () => {
    const dataDir = tempDir('parley-server-');
    let s = await startServer(dataDir);
    extraServers.push(s);
    const port = s.port;
    const { a, b, aName, g } = await groupOfThree(s.url);
    const reasons: string[] = [];
    a.sync.on('connection', (state, detail) => {
      if (state !== 'online') reasons.push(detail ?? '');
    });

    b.sendText(g, 'before the restart');
    await until(() => a.store.messages.allOf(g).length === 11, 10_000, 'before');
    await s.close();
    await until(() => a.sync.connection !== 'online' && b.sync.connection !== 'online', 10_000, 'dropped');
    a.sendText(g, 'written while the server is down');

    s = await startServer(dataDir, port);
    extraServers.push(s);
    await until(() => a.sync.connection === 'online' && b.sync.connection === 'online', 20_000, 'reconnect');
    for (let i = 0; i < 30; i++) b.sendText(g, `after the restart ${i}`);
    await until(() => outboxEmpty(b), 10_000, 'sent after restart');

    const a2 = core();
    await signIn(a2, s.url, aName);
    const view = await expectCacheEqualsServer(a, a2, g);
    expect(view.messages).toHaveLength(10 + 1 + 1 + 30);
    expect(reasons).toContain('io server disconnect');
  });
});
