import type { ParleyServer } from '@parley/server';
import type { Presence, ReceiptNotice } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { befriend, newCore, signIn, signUp, startServer, uniqueName, until } from './support/harness.js';
import { type IpcCall, ipcOf } from './support/ipc.js';

/*
 * What the message view shows live: delivered and read marks, who is typing, who is online. Real
 * cores against a real server whose clock (like A's) the tests move forward, so throttles are
 * crossed without waiting.
 */

let server: ParleyServer;
let serverSkew = 0;
let aSkew = 0;
let a: DesktopCore;
let a2: DesktopCore;
let b: DesktopCore;
let aId: string;
let bId: string;
let callA: IpcCall;
let callB: IpcCall;

beforeAll(async () => {
  server = await startServer(undefined, 0, {}, { now: () => Date.now() + serverSkew });
  a = newCore(undefined, undefined, { now: () => Date.now() + aSkew });
  a2 = newCore();
  b = newCore();
  const aName = uniqueName('ann');
  aId = await signUp(a, server.url, aName);
  await signIn(a2, server.url, aName);
  bId = await signUp(b, server.url);
  await befriend(a, b, bId);
  callA = ipcOf(a);
  callB = ipcOf(b);
});
afterAll(async () => {
  for (const c of [a, a2, b]) c.close();
  await server.close();
});

const outboxEmpty = (c: DesktopCore) => c.store.outbox.pending().length === 0;
const head = (c: DesktopCore, conversationId: string) =>
  c.store.conversations.get(conversationId)?.synced_seq ?? 0;

/** A sends texts and waits until the server has them all. */
async function send(conversationId: string, texts: string[]): Promise<void> {
  for (const text of texts) a.sendText(conversationId, text);
  await until(() => outboxEmpty(a), 10_000, 'sent');
}

describe('receipts', () => {
  it('tell the sender what the other device stored, once per catch-up, and what it read', async () => {
    const pushes: ReceiptNotice[] = [];
    a.sync.on('receipt', (n) => {
      if (n.userId === bId) pushes.push(n);
    });
    const changed: string[] = [];
    a.on('receipts-changed', (id) => changed.push(id));

    // A conversation B's device first hears of while catching up.
    b.sync.pauseNetwork();
    const { conversationId } = await callA('conversations.openDirect', { userId: bId });
    await send(conversationId, ['one', 'two', 'three', 'four', 'five']);
    const first = head(a, conversationId);
    b.sync.resumeNetwork();
    await until(() => pushes.some((p) => p.deliveredSeq === first), 10_000, 'delivered after catch-up');
    // One mark for the whole catch-up, not one per message.
    expect(pushes[0]).toMatchObject({ conversationId, deliveredSeq: first, readSeq: 0 });
    expect(changed).toContain(conversationId);
    expect((await callA('conversations.receipts', { conversationId })).receipts).toEqual([
      { userId: bId, readSeq: 0, deliveredSeq: first },
    ]);

    // A conversation B's device knows, caught up after a gap.
    pushes.length = 0;
    b.sync.pauseNetwork();
    await send(conversationId, ['six', 'seven', 'eight', 'nine']);
    const second = head(a, conversationId);
    b.sync.resumeNetwork();
    await until(() => pushes.some((p) => p.deliveredSeq === second), 10_000, 'delivered after a gap');
    expect(pushes[0]).toMatchObject({ deliveredSeq: second });

    // Live.
    await send(conversationId, ['ten']);
    const third = head(a, conversationId);
    await until(() => pushes.some((p) => p.deliveredSeq === third), 10_000, 'delivered live');

    // Read: the push keeps A's positions current, so they hold even once A is offline.
    await until(() => head(b, conversationId) === third, 10_000, 'all at b');
    await callB('conversations.markRead', { conversationId });
    await until(() => pushes.some((p) => p.readSeq === third), 10_000, 'read');
    a.sync.pauseNetwork();
    try {
      expect((await callA('conversations.receipts', { conversationId })).receipts).toEqual([
        { userId: bId, readSeq: third, deliveredSeq: third },
      ]);
    } finally {
      a.sync.resumeNetwork();
      await until(() => a.sync.connection === 'online', 10_000, 'a online');
    }
    // B sees A's positions too, and never its own.
    const seenByB = (await callB('conversations.receipts', { conversationId })).receipts;
    expect(seenByB.map((r) => r.userId)).toEqual([aId]);
  });
});

describe('typing', () => {
  it('tells the others at most every 3 s per conversation, never my own devices, and nothing while offline', async () => {
    const { conversationId } = await callA('conversations.openDirect', { userId: bId });
    await until(() => b.store.conversations.get(conversationId) !== undefined, 10_000, 'conversation at b');
    const atB: { conversationId: string; userId: string }[] = [];
    const atA2: string[] = [];
    b.on('typing', (id, userId) => atB.push({ conversationId: id, userId }));
    a2.on('typing', (id) => atA2.push(id));
    const messagesAtB = () => b.store.messages.allOf(conversationId).length;
    /** A message after the typing notices: once B has it, B has every notice sent before it. */
    const sentinel = async () => {
      const before = messagesAtB();
      await send(conversationId, ['sentinel']);
      await until(() => messagesAtB() === before + 1, 10_000, 'sentinel at b');
    };

    await callA('typing.start', { conversationId });
    // The server would relay these (its clock moved on), but A's core keeps them back.
    serverSkew += 10_000;
    await callA('typing.start', { conversationId });
    await callA('typing.start', { conversationId });
    serverSkew += 10_000;
    aSkew += 3_000;
    await callA('typing.start', { conversationId });
    await sentinel();
    expect(atB).toEqual([
      { conversationId, userId: aId },
      { conversationId, userId: aId },
    ]);

    // Offline it answers at once and sends nothing, so the next one online goes out.
    aSkew += 3_000;
    a.sync.pauseNetwork();
    expect(await callA('typing.start', { conversationId })).toEqual({});
    a.sync.resumeNetwork();
    await until(() => a.sync.connection === 'online', 10_000, 'a online');
    serverSkew += 10_000;
    await callA('typing.start', { conversationId });
    await sentinel();
    expect(atB).toHaveLength(3);
    expect(atA2).toEqual([]);
  });
});

describe('presence', () => {
  it('answers who is online and passes on the changes', async () => {
    const c = newCore();
    try {
      const cId = await signUp(c, server.url);
      await befriend(c, b, bId);
      expect((await callB('presence.get', { userIds: [cId] })).presence).toEqual([
        { userId: cId, status: 'online', lastSeenAt: null },
      ]);
      const heard: Presence[] = [];
      b.on('presence', (p) => {
        if (p.userId === cId) heard.push(p);
      });
      c.sync.pauseNetwork();
      await until(() => heard.length === 1, 10_000, 'offline heard');
      expect(heard[0]).toMatchObject({ status: 'offline', lastSeenAt: expect.any(Number) as number });
      c.sync.resumeNetwork();
      await until(() => heard.length === 2, 10_000, 'online heard');
      expect(heard[1]).toEqual({ userId: cId, status: 'online', lastSeenAt: null });
    } finally {
      c.close();
    }
  });
});
