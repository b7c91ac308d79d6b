import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type TestClient, until } from './support/client.js';
import { refusal } from './support/refusal.js';
import { useTestServer } from './support/fixture.js';

const server = useTestServer({ groupMemberLimit: 4 });
const users = (n: number) => server.users(n);

async function group(owner: TestClient, members: TestClient[], name = 'Group') {
  const { conversation } = await owner.rpc('groups.create', {
    name,
    memberIds: members.map((m) => m.userId),
  });
  return conversation.id;
}

describe('groups', () => {
  it('records membership changes as system events every member sees', async () => {
    const [owner, a, b, c] = (await users(4)) as [TestClient, TestClient, TestClient, TestClient];
    const id = await group(owner, [a, b]);
    await a.rpc('groups.addMembers', { conversationId: id, userIds: [c.userId] });
    await owner.rpc('groups.rename', { conversationId: id, name: '新名字 New name' });
    await owner.rpc('groups.setRole', { conversationId: id, userId: a.userId, role: 'admin' });
    await a.rpc('groups.removeMember', { conversationId: id, userId: c.userId });
    await b.rpc('groups.leave', { conversationId: id });

    const { events } = await owner.rpc('sync.conversation', { conversationId: id, afterSeq: 0 });
    expect(events.map((e) => e.type)).toEqual([
      'conversation.created',
      'members.added',
      'conversation.renamed',
      'member.role',
      'member.removed',
      'member.left',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    await until(() => c.userEvents.some((e) => e.type === 'conversation.left' && e.reason === 'removed'));
    expect(await refusal(c.rpc('sync.conversation', { conversationId: id, afterSeq: 0 }))).toBe(
      'CONVERSATION_NOT_FOUND',
    );
    const { conversation } = await owner.rpc('conversations.get', { conversationId: id });
    expect(conversation.name).toBe('新名字 New name');
    expect(conversation.members.map((m) => [m.userId, m.role]).sort()).toEqual(
      [
        [owner.userId, 'owner'],
        [a.userId, 'admin'],
      ].sort(),
    );
  });

  it('lets each role do only what it may', async () => {
    const [owner, admin, m1, m2] = (await users(4)) as [TestClient, TestClient, TestClient, TestClient];
    const id = await group(owner, [admin, m1, m2]);
    await owner.rpc('groups.setRole', { conversationId: id, userId: admin.userId, role: 'admin' });

    expect(await refusal(m1.rpc('groups.rename', { conversationId: id, name: 'x' }))).toBe(
      'INSUFFICIENT_ROLE',
    );
    expect(await refusal(m1.rpc('groups.removeMember', { conversationId: id, userId: m2.userId }))).toBe(
      'INSUFFICIENT_ROLE',
    );
    expect(
      await refusal(admin.rpc('groups.removeMember', { conversationId: id, userId: owner.userId })),
    ).toBe('INSUFFICIENT_ROLE');
    expect(
      await refusal(admin.rpc('groups.setRole', { conversationId: id, userId: m1.userId, role: 'admin' })),
    ).toBe('INSUFFICIENT_ROLE');
    expect(await refusal(admin.rpc('groups.dissolve', { conversationId: id }))).toBe('INSUFFICIENT_ROLE');
    expect(
      await refusal(admin.rpc('groups.transferOwnership', { conversationId: id, userId: m1.userId })),
    ).toBe('INSUFFICIENT_ROLE');
    expect(await refusal(owner.rpc('groups.leave', { conversationId: id }))).toBe('OWNER_MUST_TRANSFER');

    await admin.rpc('groups.rename', { conversationId: id, name: 'by admin' });
    await admin.rpc('groups.removeMember', { conversationId: id, userId: m2.userId });
    await owner.rpc('groups.transferOwnership', { conversationId: id, userId: m1.userId });
    await owner.rpc('groups.leave', { conversationId: id });
    const { conversation } = await m1.rpc('conversations.get', { conversationId: id });
    expect(conversation.members.find((m) => m.userId === m1.userId)?.role).toBe('owner');
  });

  it('enforces the member limit', async () => {
    const [owner, a, b, c, d] = (await users(5)) as [
      TestClient,
      TestClient,
      TestClient,
      TestClient,
      TestClient,
    ];
    expect(
      await refusal(
        owner.rpc('groups.create', { name: 'big', memberIds: [a, b, c, d].map((x) => x.userId) }),
      ),
    ).toBe('GROUP_FULL');
    const id = await group(owner, [a, b, c]);
    expect(await refusal(a.rpc('groups.addMembers', { conversationId: id, userIds: [d.userId] }))).toBe(
      'GROUP_FULL',
    );
    expect(await refusal(a.rpc('groups.addMembers', { conversationId: id, userIds: [b.userId] }))).toBe(
      'ALREADY_MEMBER',
    );
  });

  it('creates a group once for one clientRequestId, however often the request is sent', async () => {
    const [owner, a, other] = (await users(3)) as [TestClient, TestClient, TestClient];
    const request = { name: 'Launch 发布', memberIds: [a.userId], clientRequestId: randomUUID() };
    // The first answer lost on the way back, say: the client sends the same request again, twice at once.
    const first = await owner.rpc('groups.create', request);
    const retries = await Promise.all([
      owner.rpc('groups.create', request),
      owner.rpc('groups.create', request),
    ]);
    expect(retries.map((r) => r.conversation.id)).toEqual([first.conversation.id, first.conversation.id]);
    expect(retries[0].conversation).toEqual(first.conversation);

    const { events } = await owner.rpc('sync.conversation', {
      conversationId: first.conversation.id,
      afterSeq: 0,
    });
    expect(events.map((e) => e.type)).toEqual(['conversation.created']);
    await until(() => a.userEvents.some((e) => e.type === 'conversation.joined'));
    const { conversations } = await a.rpc('conversations.list', {});
    expect(conversations.filter((c) => c.name === 'Launch 发布')).toHaveLength(1);
    expect(a.userEvents.filter((e) => e.type === 'conversation.joined')).toHaveLength(1);

    // The same id for another group is a client's mistake, said so; another user's id is their own.
    expect(await refusal(owner.rpc('groups.create', { ...request, name: 'Other' }))).toBe(
      'IDEMPOTENCY_CONFLICT',
    );
    expect(await refusal(owner.rpc('groups.create', { ...request, memberIds: [other.userId] }))).toBe(
      'IDEMPOTENCY_CONFLICT',
    );
    // What the group became since does not matter: the retry is of the request as first sent.
    await owner.rpc('groups.rename', { conversationId: first.conversation.id, name: 'Renamed' });
    expect((await owner.rpc('groups.create', request)).conversation.id).toBe(first.conversation.id);
    const theirs = await other.rpc('groups.create', { ...request, memberIds: [] });
    expect(theirs.conversation.id).not.toBe(first.conversation.id);
    // Without an id, every request is a new group.
    const plain = { name: 'Plain', memberIds: [a.userId] };
    const [x, y] = [await owner.rpc('groups.create', plain), await owner.rpc('groups.create', plain)];
    expect(x.conversation.id).not.toBe(y.conversation.id);
  });

  it('a dissolved group keeps its history and takes nothing new', async () => {
    const [owner, a] = (await users(2)) as [TestClient, TestClient];
    const id = await group(owner, [a]);
    await a.send(id, 'last words');
    await owner.rpc('groups.dissolve', { conversationId: id });
    expect(await refusal(a.send(id, 'anyone?'))).toBe('CONVERSATION_DISSOLVED');
    expect(await refusal(owner.rpc('groups.rename', { conversationId: id, name: 'back' }))).toBe(
      'CONVERSATION_DISSOLVED',
    );
    const { events } = await a.rpc('sync.conversation', { conversationId: id });
    expect(events.at(-1)?.type).toBe('conversation.dissolved');
    expect(
      (await a.rpc('conversations.get', { conversationId: id })).conversation.dissolvedAt,
    ).not.toBeNull();
    await a.rpc('groups.leave', { conversationId: id });
  });
});
