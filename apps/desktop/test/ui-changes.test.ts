import type { ParleyServer } from '@parley/server';
import type { ConversationSummary } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { befriend, newCore, signUp, startServer, until } from './support/harness.js';
import { type IpcCall, ipcOf } from './support/ipc.js';
import { LossyProxy } from './support/lossy-proxy.js';

/*
 * Group, message and friend changes made through IPC answer only once A's cache shows them, so the
 * renderer's next read has them. A reaches the server through a proxy that loses the pushes about
 * A's own changes: without the wait (and the fetch it falls back on), the reads right after would
 * not show them. What the other people's cores see is checked too.
 */

let server: ParleyServer;
let proxy: LossyProxy;
let dropConversationEvents = false;
let dropUserEvents = false;
const cores: DesktopCore[] = [];
let a: DesktopCore;
let b: DesktopCore;
let c: DesktopCore;
let d: DesktopCore;
let e: DesktopCore;
const ids = { a: '', b: '', c: '', d: '', e: '' };
let callA: IpcCall;

beforeAll(async () => {
  server = await startServer();
  proxy = await LossyProxy.start({ host: '127.0.0.1', port: server.port });
  proxy.filter = (frame) =>
    (dropConversationEvents && frame.startsWith('42["conv.event"')) ||
    (dropUserEvents && frame.startsWith('42["user.event"'))
      ? 'drop'
      : 'pass';
  [a, b, c, d, e] = [0, 1, 2, 3, 4].map(() => {
    const core = newCore();
    cores.push(core);
    return core;
  }) as [DesktopCore, DesktopCore, DesktopCore, DesktopCore, DesktopCore];
  ids.a = await signUp(a, proxy.url);
  ids.b = await signUp(b, server.url);
  ids.c = await signUp(c, server.url);
  ids.d = await signUp(d, server.url);
  ids.e = await signUp(e, server.url);
  for (const [other, id] of [
    [b, ids.b],
    [c, ids.c],
    [d, ids.d],
  ] as const)
    await befriend(a, other, id);
  await until(() => a.store.social.friends().length === 3, 10_000, 'friends at a');
  callA = ipcOf(a);
});
afterAll(async () => {
  for (const core of cores) core.close();
  await proxy.close();
  await server.close();
});

async function summary(conversationId: string): Promise<ConversationSummary | undefined> {
  return (await callA('conversations.list', {})).conversations.find((s) => s.id === conversationId);
}

const roles = (s: ConversationSummary | undefined) =>
  Object.fromEntries((s?.members ?? []).map((m) => [m.userId as string, m.role]));

describe('group changes', () => {
  it('answer once the cache shows them, however the pushes fare', async () => {
    dropConversationEvents = true;
    const { conversationId } = await callA('groups.create', { name: 'Crew', memberIds: [ids.b] });
    expect(await summary(conversationId)).toMatchObject({ kind: 'group', title: 'Crew' });
    expect(roles(await summary(conversationId))).toEqual({ [ids.a]: 'owner', [ids.b]: 'member' });

    await callA('groups.addMembers', { conversationId, userIds: [ids.c, ids.d] });
    expect(Object.keys(roles(await summary(conversationId))).sort()).toEqual(
      [ids.a, ids.b, ids.c, ids.d].sort(),
    );
    const page = await callA('conversations.timeline', { conversationId });
    expect(page.items.at(-1)).toMatchObject({ kind: 'system', event: { type: 'members.added' } });

    await callA('groups.rename', { conversationId, name: 'Crew 2' });
    expect(await summary(conversationId)).toMatchObject({ title: 'Crew 2' });

    await callA('groups.setRole', { conversationId, userId: ids.c, role: 'admin' });
    expect(roles(await summary(conversationId))[ids.c]).toBe('admin');

    await callA('groups.removeMember', { conversationId, userId: ids.d });
    expect(roles(await summary(conversationId))[ids.d]).toBeUndefined();

    await callA('groups.transferOwnership', { conversationId, userId: ids.b });
    expect(roles(await summary(conversationId))).toMatchObject({ [ids.a]: 'admin', [ids.b]: 'owner' });

    await callA('groups.leave', { conversationId });
    expect(await summary(conversationId)).toMatchObject({ leftReason: 'left' });
    dropConversationEvents = false;

    // The others' cores follow from their own pushes.
    await until(
      () =>
        b.store.conversations.get(conversationId)?.name === 'Crew 2' &&
        b.store.conversations
          .members(conversationId)
          .map((m) => `${m.userId}:${m.role}`)
          .sort()
          .join() === [`${ids.b}:owner`, `${ids.c}:admin`].sort().join(),
      10_000,
      'group at b',
    );
    await until(
      () => d.store.conversations.get(conversationId)?.left_reason === 'removed',
      10_000,
      'd removed',
    );
  });

  it('and so do dissolving a group and editing, reacting to and recalling a message', async () => {
    dropConversationEvents = true;
    const { conversationId } = await callA('groups.create', { name: 'Short-lived', memberIds: [ids.b] });
    await callA('messages.sendText', { conversationId, text: 'first draft' });
    await until(() => a.store.outbox.pending().length === 0, 10_000, 'sent');
    const message = a.store.messages.allOf(conversationId)[0]!;
    const shown = async () => {
      const items = (await callA('conversations.timeline', { conversationId })).items;
      const item = items.find((i) => i.kind === 'message' && i.message.id === message.id);
      return item?.kind === 'message' ? item.message : undefined;
    };

    await callA('messages.edit', { messageId: message.id, text: 'final text' });
    expect(await shown()).toMatchObject({ content: { text: 'final text' } });
    await callA('messages.react', { messageId: message.id, emoji: '🎉', on: true });
    expect((await shown())?.reactions).toEqual([{ emoji: '🎉', userIds: [ids.a] }]);
    await callA('messages.recall', { messageId: message.id });
    expect(await shown()).toMatchObject({ content: null, recalledBy: ids.a });

    await callA('groups.dissolve', { conversationId });
    expect((await summary(conversationId))?.dissolvedAt).toEqual(expect.any(Number));
    dropConversationEvents = false;

    await until(
      () => b.store.conversations.get(conversationId)?.dissolved_at != null,
      10_000,
      'dissolved at b',
    );
    expect(b.store.messages.get(message.id)).toMatchObject({ content: null });
  });
});

describe('friend and block changes', () => {
  /** Runs one change of A's while A's user-stream pushes are lost; returns how often A told people.changed. */
  async function withoutPushes(change: () => Promise<unknown>): Promise<number> {
    let told = 0;
    const listener = () => {
      told += 1;
    };
    a.on('people-changed', listener);
    dropUserEvents = true;
    try {
      await change();
    } finally {
      dropUserEvents = false;
      a.off('people-changed', listener);
    }
    return told;
  }
  const lists = () => callA('friends.list', {});

  it('answer once the lists show them, and tell the renderer people changed', async () => {
    let requestId = '';
    expect(
      await withoutPushes(async () => {
        requestId = (await callA('friends.request', { userId: ids.e })).request.id;
      }),
    ).toBeGreaterThan(0);
    expect((await lists()).outgoing.map((r) => r.id)).toEqual([requestId]);
    await until(() => e.store.social.requests('incoming').length === 1, 10_000, 'request at e');

    expect(await withoutPushes(() => callA('friends.cancel', { requestId }))).toBeGreaterThan(0);
    expect((await lists()).outgoing).toEqual([]);
    await until(() => e.store.social.requests('incoming').length === 0, 10_000, 'cancelled at e');

    const again = await callA('friends.request', { userId: ids.e });
    await e.sync.rpc('friends.accept', { requestId: again.request.id });
    await until(() => a.store.social.friends().some((f) => f.userId === ids.e), 10_000, 'friends');

    expect(await withoutPushes(() => callA('friends.remove', { userId: ids.e }))).toBeGreaterThan(0);
    expect((await lists()).friends.map((f) => f.user.id)).not.toContain(ids.e);
    await until(() => e.store.social.friends().length === 0, 10_000, 'unfriended at e');

    expect(await withoutPushes(() => callA('blocks.add', { userId: ids.e }))).toBeGreaterThan(0);
    const blocked = await callA('blocks.list', {});
    expect(blocked.users.map((u) => [u.id, u.displayName])).toEqual([
      [ids.e, e.store.users.get(ids.e)!.displayName],
    ]);
    await expect(e.sync.rpc('friends.request', { userId: ids.a })).rejects.toMatchObject({
      code: 'BLOCKED',
    });

    expect(await withoutPushes(() => callA('blocks.remove', { userId: ids.e }))).toBeGreaterThan(0);
    expect((await callA('blocks.list', {})).users).toEqual([]);
  });
});
