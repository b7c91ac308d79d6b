import { describe, expect, it } from 'vitest';
import { befriend, secondDevice, type TestClient, until } from './support/client.js';
import { useTestServer } from './support/fixture.js';
import { textOf } from './support/content.js';

const server = useTestServer();
const user = () => server.user();

describe('two friends chat', () => {
  it('befriends, opens a direct conversation and delivers both ways in seq order', async () => {
    const alice = await user();
    const bob = await user();
    await befriend(alice, bob);
    const { conversation } = await alice.rpc('conversations.openDirect', { userId: bob.userId });
    expect(conversation.kind).toBe('direct');
    expect(conversation.members.map((m) => m.userId).sort()).toEqual([alice.userId, bob.userId].sort());

    const again = await bob.rpc('conversations.openDirect', { userId: alice.userId });
    expect(again.conversation.id).toBe(conversation.id);

    const a1 = await alice.send(conversation.id, 'hello bob 👋');
    const b1 = await bob.send(conversation.id, '你好 alice');
    expect(b1.seq).toBe(a1.seq + 1);

    await until(() => bob.convEvents.filter((e) => e.type === 'message.created').length === 2);
    await until(() => alice.convEvents.filter((e) => e.type === 'message.created').length === 2);
    const texts = bob.convEvents.flatMap((e) =>
      e.type === 'message.created' ? [textOf(e.message.content)] : [],
    );
    expect(texts).toEqual(['hello bob 👋', '你好 alice']);

    const list = await bob.rpc('conversations.list', {});
    const seen = list.conversations.find((c) => c.id === conversation.id);
    expect(seen?.unreadCount).toBe(1);
    expect(textOf(seen?.lastMessage?.content)).toBe('你好 alice');
  });
});

describe('a group of five', () => {
  it('fans every message out to every member device, including second devices', async () => {
    const members = await Promise.all([user(), user(), user(), user(), user()]);
    const [owner, ...rest] = members as [TestClient, ...TestClient[]];
    const ownerPhone = await secondDevice(owner);
    server.track(ownerPhone);
    const { conversation } = await owner.rpc('groups.create', {
      name: 'Team 团队',
      memberIds: rest.map((m) => m.userId),
    });
    expect(conversation.members).toHaveLength(5);

    for (const [i, m] of members.entries()) await m.send(conversation.id, `message ${i}`);
    for (const device of [...members, ownerPhone]) {
      await until(
        () =>
          device.convEvents.filter(
            (e) => e.conversationId === conversation.id && e.type === 'message.created',
          ).length === 5,
        10_000,
        'fan-out',
      );
      const seqs = device.convEvents.filter((e) => e.conversationId === conversation.id).map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(seqs.length);
    }
  });
});
