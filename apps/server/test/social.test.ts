import { describe, expect, it } from 'vitest';
import { befriend, until } from './support/client.js';
import { refusal } from './support/refusal.js';
import { useTestServer } from './support/fixture.js';
import { textOf } from './support/content.js';

const server = useTestServer();
const user = (name?: string) => server.user(name);

describe('people and friends', () => {
  it('finds users by username prefix or display name, not myself', async () => {
    const me = await user('searcher_x');
    const target = await user('zhang_wei');
    const { users } = await me.rpc('users.search', { query: 'ZHANG' });
    expect(users.map((u) => u.id)).toContain(target.userId);
    const byName = await me.rpc('users.search', { query: target.auth.user.displayName.slice(5) });
    expect(byName.users.map((u) => u.id)).toContain(target.userId);
    const self = await me.rpc('users.search', { query: 'searcher_x' });
    expect(self.users.map((u) => u.id)).not.toContain(me.userId);
    const wildcard = await me.rpc('users.search', { query: '%' });
    expect(wildcard.users).toEqual([]);
  });

  it('updates the profile and tells my other devices through my stream, and my friends live', async () => {
    const me = await user();
    const friend = await user();
    await befriend(me, friend);
    const pushed: { id: string; displayName: string }[] = [];
    friend.socket.on('user.updated', (u) => pushed.push(u));
    const { user: updated } = await me.rpc('profile.update', { displayName: '小明 Ming', bio: 'hi ✨' });
    expect(updated).toMatchObject({ displayName: '小明 Ming', bio: 'hi ✨' });
    await until(() => me.userEvents.some((e) => e.type === 'profile.updated'));
    await until(() => pushed.length === 1);
    expect(pushed[0]).toMatchObject({ id: me.userId, displayName: '小明 Ming' });
    expect(pushed[0]).not.toHaveProperty('isAdmin');
    const other = await user();
    const { users } = await other.rpc('users.get', { userIds: [me.userId] });
    expect(users[0]).toMatchObject({ displayName: '小明 Ming', bio: 'hi ✨', avatarFileId: null });
  });

  it('sends, lists, declines, cancels and accepts requests; asking back accepts', async () => {
    const a = await user();
    const b = await user();
    const { request } = await a.rpc('friends.request', { userId: b.userId, message: 'hi, 我是 a' });
    expect(await refusal(a.rpc('friends.request', { userId: b.userId }))).toBe('REQUEST_EXISTS');
    const incoming = await b.rpc('friends.requests', {});
    expect(incoming.incoming.map((r) => r.id)).toEqual([request.id]);
    expect(incoming.incoming[0]?.message).toBe('hi, 我是 a');
    await until(() => b.userEvents.some((e) => e.type === 'friendRequest.received'));
    expect(await refusal(a.rpc('friends.accept', { requestId: request.id }))).toBe('REQUEST_NOT_FOUND');
    await b.rpc('friends.decline', { requestId: request.id });
    expect((await a.rpc('friends.requests', {})).outgoing).toEqual([]);

    const second = await a.rpc('friends.request', { userId: b.userId });
    await a.rpc('friends.cancel', { requestId: second.request.id });
    expect(await refusal(b.rpc('friends.accept', { requestId: second.request.id }))).toBe(
      'REQUEST_NOT_FOUND',
    );

    await a.rpc('friends.request', { userId: b.userId });
    await b.rpc('friends.request', { userId: a.userId });
    const friends = await a.rpc('friends.list', {});
    expect(friends.friends.map((f) => f.user.id)).toEqual([b.userId]);
    expect(await refusal(a.rpc('friends.request', { userId: b.userId }))).toBe('ALREADY_FRIENDS');
    expect(await refusal(a.rpc('friends.request', { userId: a.userId }))).toBe('CANNOT_TARGET_SELF');
  });

  it('removing a friend ends direct messaging both ways but keeps the history', async () => {
    const a = await user();
    const b = await user();
    await befriend(a, b);
    const { conversation } = await a.rpc('conversations.openDirect', { userId: b.userId });
    await a.send(conversation.id, 'before');
    const oops = await a.send(conversation.id, 'sent just before the unfriending');
    await b.rpc('friends.remove', { userId: a.userId });
    expect(await refusal(a.send(conversation.id, 'after'))).toBe('NOT_FRIENDS');
    // Taking one's words back still works.
    await a.rpc('messages.recall', { messageId: oops.id });
    const page = await a.rpc('sync.conversation', { conversationId: conversation.id, afterSeq: 0 });
    expect(
      page.events.some((e) => e.type === 'message.created' && textOf(e.message.content) === 'before'),
    ).toBe(true);
    expect(await refusal(a.rpc('friends.remove', { userId: b.userId }))).toBe('NOT_FRIENDS');
  });

  it('a blocked user cannot message or request me; unblocking restores it', async () => {
    const me = await user();
    const pest = await user();
    await befriend(me, pest);
    const { conversation } = await pest.rpc('conversations.openDirect', { userId: me.userId });
    await me.rpc('blocks.add', { userId: pest.userId });
    expect(await refusal(pest.send(conversation.id, 'hello?'))).toBe('BLOCKED');
    expect(await refusal(me.send(conversation.id, 'hello?'))).toBe('BLOCKED');
    await pest.rpc('friends.remove', { userId: me.userId });
    expect(await refusal(pest.rpc('friends.request', { userId: me.userId }))).toBe('BLOCKED');
    expect((await me.rpc('blocks.list', {})).users.map((u) => u.id)).toEqual([pest.userId]);
    await me.rpc('blocks.remove', { userId: pest.userId });
    await befriend(pest, me);
    await pest.send(conversation.id, 'friends again');
  });

  it('direct conversations need friendship', async () => {
    const a = await user();
    const stranger = await user();
    expect(await refusal(a.rpc('conversations.openDirect', { userId: stranger.userId }))).toBe('NOT_FRIENDS');
  });
});
