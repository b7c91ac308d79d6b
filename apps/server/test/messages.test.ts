import { Limits } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import { type TestClient, until } from './support/client.js';
import { refusal } from './support/refusal.js';
import { useTestServer } from './support/fixture.js';
import { textOf } from './support/content.js';

let clockOffset = 0;
const server = useTestServer({}, { now: () => Date.now() + clockOffset });
const users = (n: number) => server.users(n);

describe('messages', () => {
  it('stores any Unicode up to 10,000 characters, with replies and mentions of members only', async () => {
    const [a, b, outsider] = (await users(3)) as [TestClient, TestClient, TestClient];
    const { conversation } = await a.rpc('groups.create', { name: 'g', memberIds: [b.userId] });
    const long = '😀'.repeat(Limits.textMax);
    const first = await a.send(conversation.id, long);
    const reply = await b.send(conversation.id, '@a 收到 👍 \u202e', {
      replyTo: first.id,
      mentions: [a.userId, outsider.userId],
    });
    const { events } = await b.rpc('sync.conversation', {
      conversationId: conversation.id,
      afterSeq: first.seq - 1,
    });
    const [m1, m2] = events.flatMap((e) => (e.type === 'message.created' ? [e.message] : []));
    expect(textOf(m1?.content)).toBe(long);
    expect(m2?.content).toEqual({
      kind: 'text',
      text: '@a 收到 👍 \u202e',
      replyTo: first.id,
      mentions: [a.userId],
    });
    expect(reply.seq).toBe(first.seq + 1);
    const list = await a.rpc('conversations.get', { conversationId: conversation.id });
    expect(list.conversation).toMatchObject({ unreadCount: 1, mentioned: true });
  });

  it('refuses a reply to a message of another conversation', async () => {
    const [a, b] = (await users(2)) as [TestClient, TestClient];
    const g1 = (await a.rpc('groups.create', { name: 'g1', memberIds: [b.userId] })).conversation.id;
    const g2 = (await a.rpc('groups.create', { name: 'g2', memberIds: [b.userId] })).conversation.id;
    const m = await a.send(g1, 'in g1');
    expect(await refusal(a.send(g2, 'reply', { replyTo: m.id }))).toBe('MESSAGE_NOT_FOUND');
  });

  it('lets the author edit; others cannot', async () => {
    const [a, b] = (await users(2)) as [TestClient, TestClient];
    const id = (await a.rpc('groups.create', { name: 'g', memberIds: [b.userId] })).conversation.id;
    const m = await a.send(id, 'typo');
    expect(await refusal(b.rpc('messages.edit', { messageId: m.id, text: 'hijack' }))).toBe('NOT_AUTHOR');
    const { seq } = await a.rpc('messages.edit', { messageId: m.id, text: 'fixed' });
    expect(seq).toBe(m.seq + 1);
    await until(() => b.convEvents.some((e) => e.type === 'message.edited'));
    const edited = b.convEvents.find((e) => e.type === 'message.edited');
    expect(edited?.type === 'message.edited' && textOf(edited.message.content)).toBe('fixed');
    expect(edited?.type === 'message.edited' && edited.message.editedAt).not.toBeNull();
  });

  it('recall: the author within 2 minutes, a group owner or admin at any time; the text is gone', async () => {
    const [owner, member] = (await users(2)) as [TestClient, TestClient];
    const id = (await owner.rpc('groups.create', { name: 'g', memberIds: [member.userId] })).conversation.id;
    const early = await member.send(id, 'oops secret');
    await member.rpc('messages.recall', { messageId: early.id });

    const late = await member.send(id, 'too late to take back');
    clockOffset += Limits.recallWindowMs + 1000;
    expect(await refusal(member.rpc('messages.recall', { messageId: late.id }))).toBe(
      'RECALL_WINDOW_EXPIRED',
    );
    await owner.rpc('messages.recall', { messageId: late.id });
    expect(await refusal(owner.rpc('messages.recall', { messageId: late.id }))).toBe('MESSAGE_RECALLED');
    expect(await refusal(member.rpc('messages.edit', { messageId: late.id, text: 'x' }))).toBe(
      'MESSAGE_RECALLED',
    );

    const page = await owner.rpc('sync.conversation', { conversationId: id, afterSeq: 0 });
    const json = JSON.stringify(page);
    expect(json).not.toContain('oops secret');
    expect(json).not.toContain('too late to take back');
    const recalled = page.events.flatMap((e) => (e.type === 'message.created' ? [e.message] : []));
    expect(recalled.map((m) => [m.content, m.recalledBy])).toEqual([
      [null, member.userId],
      [null, owner.userId],
    ]);
  });

  it('in a direct conversation only the author may recall', async () => {
    const [a, b] = (await users(2)) as [TestClient, TestClient];
    const { request } = await a.rpc('friends.request', { userId: b.userId });
    await b.rpc('friends.accept', { requestId: request.id });
    const id = (await a.rpc('conversations.openDirect', { userId: b.userId })).conversation.id;
    const m = await a.send(id, 'mine');
    expect(await refusal(b.rpc('messages.recall', { messageId: m.id }))).toBe('NOT_AUTHOR');
  });

  it('adds and removes reactions, once per person and emoji', async () => {
    const [a, b] = (await users(2)) as [TestClient, TestClient];
    const id = (await a.rpc('groups.create', { name: 'g', memberIds: [b.userId] })).conversation.id;
    const m = await a.send(id, 'react to me');
    const r1 = await b.rpc('reactions.add', { messageId: m.id, emoji: '👍' });
    const again = await b.rpc('reactions.add', { messageId: m.id, emoji: '👍' });
    expect(again.seq).toBe(r1.seq);
    await a.rpc('reactions.add', { messageId: m.id, emoji: '👍' });
    await a.rpc('reactions.add', { messageId: m.id, emoji: '🎉' });
    await b.rpc('reactions.remove', { messageId: m.id, emoji: '👍' });
    const { events } = await a.rpc('sync.conversation', { conversationId: id });
    const last = events.at(-1);
    expect(last?.type).toBe('reaction.removed');
    const reactions = last && 'message' in last ? last.message.reactions : [];
    expect([...reactions].sort((x, y) => x.emoji.localeCompare(y.emoji))).toEqual(
      [
        { emoji: '👍', userIds: [a.userId] },
        { emoji: '🎉', userIds: [a.userId] },
      ].sort((x, y) => x.emoji.localeCompare(y.emoji)),
    );
  });
});
