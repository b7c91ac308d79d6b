import type { Presence, ReceiptNotice, TypingNotice } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import { befriend, secondDevice, type TestClient, until } from './support/client.js';
import { refusal } from './support/refusal.js';
import { useTestServer } from './support/fixture.js';

const server = useTestServer();
const users = (n: number) => server.users(n);

function record<T>(client: TestClient, event: 'receipt' | 'typing' | 'presence'): T[] {
  const seen: T[] = [];
  client.socket.on(event, (payload: unknown) => seen.push(payload as T));
  return seen;
}

describe('receipts and read positions', () => {
  it('shows delivered and read per member ("read by N of M") and syncs my read position to my other devices', async () => {
    const [sender, r1, r2] = (await users(3)) as [TestClient, TestClient, TestClient];
    const r1Laptop = await secondDevice(r1);
    server.track(r1Laptop);
    const id = (await sender.rpc('groups.create', { name: 'g', memberIds: [r1.userId, r2.userId] }))
      .conversation.id;
    const receipts = record<ReceiptNotice>(sender, 'receipt');
    const m = await sender.send(id, 'did you read this?');
    await sender.send(id, 'and this?');

    expect((await r1.rpc('conversations.get', { conversationId: id })).conversation.unreadCount).toBe(2);
    await r2.rpc('conversations.markDelivered', { conversationId: id, seq: m.seq + 1 });
    const read = await r1.rpc('conversations.markRead', { conversationId: id, seq: m.seq });
    expect(read.readSeq).toBe(m.seq);
    // Positions never go back, and are clamped to the head.
    expect((await r1.rpc('conversations.markRead', { conversationId: id, seq: 1 })).readSeq).toBe(m.seq);
    expect((await r2.rpc('conversations.markRead', { conversationId: id, seq: 10_000 })).readSeq).toBe(
      m.seq + 1,
    );

    const { members } = await sender.rpc('conversations.receipts', { conversationId: id });
    const byUser = new Map(members.map((x) => [x.userId, x]));
    expect(byUser.get(r1.userId as never)).toMatchObject({ readSeq: m.seq, deliveredSeq: m.seq });
    expect(byUser.get(r2.userId as never)).toMatchObject({ readSeq: m.seq + 1, deliveredSeq: m.seq + 1 });
    await until(
      () => receipts.some((x) => x.userId === r1.userId && x.readSeq === m.seq),
      5000,
      'receipt push',
    );

    await until(() =>
      r1Laptop.userEvents.some(
        (e) => e.type === 'read.updated' && e.conversationId === id && e.readSeq === m.seq,
      ),
    );
    expect((await r1Laptop.rpc('conversations.get', { conversationId: id })).conversation.unreadCount).toBe(
      1,
    );
  });

  it('pushes a receipt only to the members whose messages the position passed', async () => {
    const [alice, bob, carol] = (await users(3)) as [TestClient, TestClient, TestClient];
    const id = (await alice.rpc('groups.create', { name: 'g', memberIds: [bob.userId, carol.userId] }))
      .conversation.id;
    const atAlice = record<ReceiptNotice>(alice, 'receipt');
    const atBob = record<ReceiptNotice>(bob, 'receipt');
    const atCarol = record<ReceiptNotice>(carol, 'receipt');
    const fromAlice = await alice.send(id, 'one');
    const fromBob = await bob.send(id, 'two');

    // Carol reads Alice's message: news to Alice only.
    await carol.rpc('conversations.markRead', { conversationId: id, seq: fromAlice.seq });
    await until(() => atAlice.some((r) => r.userId === carol.userId && r.readSeq === fromAlice.seq));
    // Then Bob's: news to Bob only (Alice's message was already read).
    await carol.rpc('conversations.markRead', { conversationId: id, seq: fromBob.seq });
    await until(() => atBob.some((r) => r.userId === carol.userId && r.readSeq === fromBob.seq));
    // Delivered works the same way: Alice's device stores both messages, Bob hears it.
    await alice.rpc('conversations.markDelivered', { conversationId: id, seq: fromBob.seq });
    await until(() => atBob.some((r) => r.userId === alice.userId && r.deliveredSeq === fromBob.seq));
    // Alice then reads only her own message: her read position passed nobody else's message (Bob's
    // lies between it and her delivered position), so nobody hears of it.
    await alice.rpc('conversations.markRead', { conversationId: id, seq: fromAlice.seq });

    // A sync round trip later, nothing else arrived: no push to anyone the rise meant nothing to.
    await carol.rpc('conversations.receipts', { conversationId: id });
    await alice.rpc('conversations.receipts', { conversationId: id });
    await bob.rpc('conversations.receipts', { conversationId: id });
    expect(atAlice.map((r) => [r.userId, r.readSeq])).toEqual([[carol.userId, fromAlice.seq]]);
    expect(atBob.map((r) => [r.userId, r.readSeq, r.deliveredSeq])).toEqual([
      [carol.userId, fromBob.seq, fromBob.seq],
      [alice.userId, 0, fromBob.seq],
    ]);
    expect(atCarol).toEqual([]);
  });

  it('keeps mute and pin per member, synced to my devices', async () => {
    const [a, b] = (await users(2)) as [TestClient, TestClient];
    const id = (await a.rpc('groups.create', { name: 'g', memberIds: [b.userId] })).conversation.id;
    await a.rpc('conversations.setPrefs', { conversationId: id, muted: true });
    await a.rpc('conversations.setPrefs', { conversationId: id, pinned: true });
    expect((await a.rpc('conversations.get', { conversationId: id })).conversation).toMatchObject({
      muted: true,
      pinned: true,
    });
    expect((await b.rpc('conversations.get', { conversationId: id })).conversation).toMatchObject({
      muted: false,
      pinned: false,
    });
    await until(() => a.userEvents.some((e) => e.type === 'conversation.prefs' && e.muted && e.pinned));
  });
});

describe('typing and presence', () => {
  it('relays typing to the other members, throttled, never to the typist', async () => {
    const [a, b] = (await users(2)) as [TestClient, TestClient];
    const id = (await a.rpc('groups.create', { name: 'g', memberIds: [b.userId] })).conversation.id;
    const atB = record<TypingNotice>(b, 'typing');
    const atA = record<TypingNotice>(a, 'typing');
    for (let i = 0; i < 5; i++) await a.rpc('typing.start', { conversationId: id });
    await until(() => atB.length > 0);
    await b.send(id, 'flush');
    await until(() => a.convEvents.some((e) => e.type === 'message.created'));
    expect(atB).toEqual([{ conversationId: id, userId: a.userId }]);
    expect(atA).toEqual([]);
  });

  it('shows friends online, away and offline with last seen; strangers see nothing', async () => {
    const [a, b, stranger] = (await users(3)) as [TestClient, TestClient, TestClient];
    await befriend(a, b);
    const seen = record<Presence>(a, 'presence');
    const get = async (who: TestClient, ids: string[]) =>
      (await who.rpc('presence.get', { userIds: ids })).presence;

    expect(await get(a, [b.userId])).toEqual([{ userId: b.userId, status: 'online', lastSeenAt: null }]);
    await b.rpc('presence.set', { status: 'away' });
    await until(() => seen.some((p) => p.userId === b.userId && p.status === 'away'));
    b.close();
    await until(() => seen.some((p) => p.userId === b.userId && p.status === 'offline'));
    const [offline] = await get(a, [b.userId]);
    expect(offline?.status).toBe('offline');
    expect(offline?.lastSeenAt).toBeGreaterThan(0);
    expect(await get(stranger, [a.userId])).toEqual([]);
    expect(await refusal(a.rpc('presence.set', { status: 'offline' } as never))).toBe('VALIDATION_FAILED');
  });
});
