import type { ParleyServer } from '@parley/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { befriend, newCore, signUp, startServer, until } from './support/harness.js';
import { textOf } from './support/text-of.js';

let server: ParleyServer;
const cores: DesktopCore[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const c of cores) c.close();
  await server.close();
});

function core(dataDir?: string): DesktopCore {
  const c = newCore(dataDir);
  cores.push(c);
  return c;
}

const texts = (c: DesktopCore, id: string) =>
  c.store.messages.allOf(id).map((m) => textOf(m.content) ?? '(recalled)');

describe('two desktop cores', () => {
  it('chat through the cache: sends go via the outbox, arrive in order, unread counts and clears', async () => {
    const a = core();
    const b = core();
    const aId = await signUp(a, server.url);
    const bId = await signUp(b, server.url);
    await befriend(a, b, bId);
    const { conversation } = await a.sync.rpc('conversations.openDirect', { userId: bId });
    await until(() => b.conversations().some((c) => c.id === conversation.id), 10_000, 'conversation at b');

    a.sendText(conversation.id, 'hi 你好');
    a.sendText(conversation.id, 'second');
    await until(() => texts(b, conversation.id).length === 2, 10_000, 'delivery');
    expect(texts(b, conversation.id)).toEqual(['hi 你好', 'second']);
    expect(a.store.outbox.ofConversation(conversation.id)).toEqual([]);

    const atB = b.conversations().find((c) => c.id === conversation.id);
    expect(atB).toMatchObject({ unreadCount: 2, title: `Name ${a.store.users.get(aId)?.username}` });
    expect(b.badge()).toBe(2);
    await b.markRead(conversation.id);
    expect(b.badge()).toBe(0);
  });
});
