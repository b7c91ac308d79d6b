import type { ConversationEvent, SendMessageAck } from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secondDevice, type TestClient, until } from './support/client.js';
import { refusal } from './support/refusal.js';
import { backfill, ConversationReplica } from './support/replica.js';
import { useTestServer } from './support/fixture.js';
import { textOf } from './support/content.js';

const server = useTestServer();
const user = () => server.user();

const text = (s: string) => ({ kind: 'text' as const, text: s });

/** Every event of the conversation, read from seq 0. */
async function history(client: TestClient, conversationId: string): Promise<ConversationEvent[]> {
  const replica = new ConversationReplica(conversationId);
  const pages = await backfill(client, replica, 50);
  const events = pages.flatMap((p) => p.events);
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
  return events;
}

const createdFor = (events: readonly ConversationEvent[], senderId: string, clientMsgId: string) =>
  events.filter(
    (e) =>
      e.type === 'message.created' &&
      e.message.senderId === senderId &&
      e.message.clientMsgId === clientMsgId,
  );

describe('idempotent send: one message per (sender, clientMsgId)', () => {
  it('the same clientMsgId sent 5 times concurrently and again after a server restart makes one message; same key, other content, is refused', async () => {
    const alice = await user();
    const bob = await user();
    const alicePhone = await secondDevice(alice);
    server.track(alicePhone);
    const id = (await alice.rpc('groups.create', { name: 'idem', memberIds: [bob.userId] })).conversation.id;
    const other = (await alice.rpc('groups.create', { name: 'other', memberIds: [bob.userId] })).conversation
      .id;
    await alice.send(id, 'something before');

    const clientMsgId = randomUUID();
    const request = { conversationId: id, clientMsgId, content: text('exactly once, please 🙏') };
    // Five at once: three on one socket, two from the same account's other device.
    const results = await Promise.all([
      alice.call('messages.send', request),
      alice.call('messages.send', request),
      alicePhone.call('messages.send', request),
      alice.call('messages.send', request),
      alicePhone.call('messages.send', request),
    ]);
    const acks = results.map((r) => {
      if (!r.ok) throw new Error(`send refused: ${r.error.code}`);
      return r.data;
    });
    const ack: SendMessageAck = acks[0]!;
    for (const a of acks) expect(a).toEqual(ack);
    expect(Object.keys(ack).sort()).toEqual(['createdAt', 'id', 'seq']);

    let events = await history(bob, id);
    expect(createdFor(events, alice.userId, clientMsgId)).toHaveLength(1);
    expect(createdFor(events, alice.userId, clientMsgId)[0]).toMatchObject({
      seq: ack.seq,
      message: { id: ack.id },
    });
    expect(events.filter((e) => e.type === 'message.created')).toHaveLength(2);
    await until(() => bob.convEvents.some((e) => e.conversationId === id && e.seq === ack.seq));
    expect(
      bob.convEvents.filter((e) => e.type === 'message.created' && e.message.clientMsgId === clientMsgId),
    ).toHaveLength(1);

    // Same key, other content (or another conversation): refused, and nothing is written.
    const conflict = (content: ReturnType<typeof text>, conversationId = id) =>
      refusal(alice.rpc('messages.send', { conversationId, clientMsgId, content }));
    expect(await conflict(text('exactly once, please 🙏 (changed)'))).toBe('IDEMPOTENCY_CONFLICT');
    expect(await conflict(text('exactly once, please 🙏'), other)).toBe('IDEMPOTENCY_CONFLICT');
    expect(
      await refusal(
        alice.rpc('messages.send', { ...request, content: { ...request.content, mentions: [bob.userId] } }),
      ),
    ).toBe('IDEMPOTENCY_CONFLICT');
    const head = ack.seq;
    expect((await bob.rpc('conversations.get', { conversationId: id })).conversation.lastSeq).toBe(head);
    expect((await bob.rpc('conversations.get', { conversationId: other })).conversation.lastSeq).toBe(1);

    // A restart forgets nothing: the retry gets the first ack, the conflict is still a conflict.
    await server.t.restart();
    await alice.reconnect();
    await alicePhone.reconnect();
    await bob.reconnect();
    expect(await alice.rpc('messages.send', request)).toEqual(ack);
    expect(await alicePhone.rpc('messages.send', request)).toEqual(ack);
    expect(await conflict(text('something else'))).toBe('IDEMPOTENCY_CONFLICT');
    events = await history(bob, id);
    expect(createdFor(events, alice.userId, clientMsgId)).toHaveLength(1);
    expect(events.at(-1)!.seq).toBe(head);

    // After an edit the message says something else, but a retry of the send is still the same send.
    const edit = await alice.rpc('messages.edit', { messageId: ack.id, text: 'edited afterwards' });
    expect(edit.seq).toBe(head + 1);
    expect(await alice.rpc('messages.send', request)).toEqual(ack);
    expect(await conflict(text('edited afterwards'))).toBe('IDEMPOTENCY_CONFLICT');
    events = await history(bob, id);
    expect(createdFor(events, alice.userId, clientMsgId)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'message.created')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'message.edited', seq: head + 1 });
    const replica = new ConversationReplica(id);
    replica.applyAll(events);
    expect(textOf(replica.message(ack.id)?.content)).toBe('edited afterwards');

    // Nor does a recall bring the message back when the send is retried.
    await alice.rpc('messages.recall', { messageId: ack.id });
    expect(await alice.rpc('messages.send', request)).toEqual(ack);
    events = await history(bob, id);
    expect(createdFor(events, alice.userId, clientMsgId)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'message.created')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'message.recalled', seq: head + 2 });
  });

  it('the key is (sender, clientMsgId): the same clientMsgId from another sender is another message', async () => {
    const alice = await user();
    const bob = await user();
    const id = (await alice.rpc('groups.create', { name: 'two senders', memberIds: [bob.userId] }))
      .conversation.id;
    const clientMsgId = randomUUID();
    const request = { conversationId: id, clientMsgId, content: text('same key, alice speaking') };
    // Bob's content may differ from Alice's under the same key: it is his own key, so no conflict.
    const bobRequest = { ...request, content: text('same key, bob speaking') };
    const [fromAlice, fromBob, aliceAgain, bobAgain] = await Promise.all([
      alice.rpc('messages.send', request),
      bob.rpc('messages.send', bobRequest),
      alice.rpc('messages.send', request),
      bob.rpc('messages.send', bobRequest),
    ]);
    expect(aliceAgain).toEqual(fromAlice);
    expect(bobAgain).toEqual(fromBob);
    expect(fromBob.id).not.toBe(fromAlice.id);
    expect(fromBob.seq).not.toBe(fromAlice.seq);
    expect(await refusal(bob.rpc('messages.send', request))).toBe('IDEMPOTENCY_CONFLICT');

    await server.t.restart();
    await alice.reconnect();
    await bob.reconnect();
    expect(await alice.rpc('messages.send', request)).toEqual(fromAlice);
    expect(await bob.rpc('messages.send', bobRequest)).toEqual(fromBob);

    const events = await history(alice, id);
    expect(createdFor(events, alice.userId, clientMsgId)).toHaveLength(1);
    expect(createdFor(events, bob.userId, clientMsgId)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'message.created').map((e) => e.seq)).toEqual(
      [fromAlice.seq, fromBob.seq].sort((x, y) => x - y),
    );
    const texts = events.flatMap((e) => (e.type === 'message.created' ? [textOf(e.message.content)] : []));
    expect(texts.sort()).toEqual(['same key, alice speaking', 'same key, bob speaking']);
  });
});
