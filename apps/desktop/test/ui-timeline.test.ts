import type { ParleyServer } from '@parley/server';
import type { TimelineItem, TimelinePage } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { MemoryCredentialStore } from '../src/core/sync/credentials.js';
import {
  befriend,
  newCore,
  signIn,
  signUp,
  startServer,
  tempDir,
  uniqueName,
  until,
} from './support/harness.js';
import { type IpcCall, ipcOf } from './support/ipc.js';

/*
 * The timeline and search channels the message view needs, on real cores against a real server:
 * jumping to a message the cache lacks, paging forward to the newest, search results, and hiding a
 * message on one device.
 */

const COUNT = 150;
/** Message i has seq i + 2: seq 1 is the conversation's creation. */
const seqOf = (i: number) => i + 2;
const textOf = (i: number) => (i === 120 ? 'the quarterly 季度计划 review' : `message number ${i}`);

let server: ParleyServer;
let a: DesktopCore;
let b1: DesktopCore;
let b2: DesktopCore;
let b1Dir: string;
const b1Credentials = new MemoryCredentialStore();
let conversationId: string;
let callA: IpcCall;
let callB1: IpcCall;
let callB2: IpcCall;
let aName: string;

const seqs = (items: readonly TimelineItem[]) => items.flatMap((i) => (i.kind === 'outgoing' ? [] : [i.seq]));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
const messageIds = (page: TimelinePage) =>
  page.items.flatMap((i) => (i.kind === 'message' ? [i.message.id as string] : []));

beforeAll(async () => {
  server = await startServer();
  a = newCore();
  b1Dir = tempDir();
  b1 = newCore(b1Dir, b1Credentials);
  aName = uniqueName('ann');
  const bName = uniqueName('bob');
  await signUp(a, server.url, aName);
  const bId = await signUp(b1, server.url, bName);
  await befriend(a, b1, bId);
  callA = ipcOf(a);
  callB1 = ipcOf(b1);
  ({ conversationId } = await callA('conversations.openDirect', { userId: bId }));
  for (let i = 0; i < COUNT; i++) a.sendText(conversationId, textOf(i));
  await until(() => b1.store.messages.allOf(conversationId).length === COUNT, 30_000, 'history at b1');
  // Read on B's first device, so a new device of B fetches only the newest page.
  await callB1('conversations.markRead', { conversationId });
  b2 = newCore();
  await signIn(b2, server.url, bName);
  callB2 = ipcOf(b2);
  await until(() => b2.store.conversations.get(conversationId) !== undefined, 10_000, 'conversation at b2');
});
afterAll(async () => {
  for (const c of [a, b1, b2]) c.close();
  await server.close();
});

describe('timeline pages', () => {
  it('jumps to a message the cache lacks, centred on it, then pages forward to the newest where the outbox comes last', async () => {
    const head = seqOf(COUNT - 1);
    expect(b2.store.messages.bySeq(conversationId, seqOf(28))).toBeUndefined();

    const newest = await callB2('conversations.timeline', { conversationId, limit: 20 });
    expect(newest).toMatchObject({ hasOlder: true, hasNewer: false });
    expect(seqs(newest.items)).toEqual(range(head - 19, head));

    const around = await callB2('conversations.around', { conversationId, seq: seqOf(28), limit: 20 });
    expect(seqs(around.items)).toEqual(range(seqOf(28) - 9, seqOf(28) + 10));
    expect(around).toMatchObject({ hasOlder: true, hasNewer: true });
    expect(around.items.find((i) => i.kind === 'message' && i.seq === seqOf(28))).toMatchObject({
      message: { content: { text: textOf(28) } },
    });

    // Offline from here: what the jump fetched is in the cache now, and the outbox holds a message.
    b2.sync.pauseNetwork();
    await callB2('messages.sendText', { conversationId, text: 'written offline' });
    const pages: TimelinePage[] = [];
    for (let afterSeq = seqs(around.items).at(-1)!; ;) {
      const page = await callB2('conversations.newerPage', { conversationId, afterSeq, limit: 50 });
      pages.push(page);
      if (!page.hasNewer) break;
      afterSeq = seqs(page.items).at(-1)!;
    }
    const all = [...around.items, ...pages.flatMap((p) => p.items)];
    expect(seqs(all)).toEqual(range(seqOf(28) - 9, head));
    // Only the page that reaches the newest ends with the outbox.
    expect(pages.slice(0, -1).every((p) => p.items.every((i) => i.kind !== 'outgoing'))).toBe(true);
    expect(all.at(-1)).toMatchObject({ kind: 'outgoing', entry: { content: { text: 'written offline' } } });
    expect(all.filter((i) => i.kind === 'outgoing')).toHaveLength(1);

    // Near the start, the page fills from the other side: the creation event, then the first messages.
    const start = await callB2('conversations.around', { conversationId, seq: 2, limit: 10 });
    expect(seqs(start.items)).toEqual(range(1, 10));
    expect(start.items[0]).toMatchObject({ kind: 'system', event: { type: 'conversation.created' } });
    expect(start).toMatchObject({ hasOlder: false, hasNewer: true });

    const older = await callB2('conversations.olderPage', { conversationId, beforeSeq: seqOf(28), limit: 5 });
    expect(seqs(older.items)).toEqual(range(seqOf(23), seqOf(27)));
    expect(older).toMatchObject({ hasOlder: true, hasNewer: true });

    b2.sync.resumeNetwork();
    await until(() => b2.store.outbox.pending().length === 0, 10_000, 'outbox sent');
  });

  it('finds messages in the cache and opens a result in context', async () => {
    const found = await callB2('search.messages', { query: ' 季度 ' });
    expect(found.hasMore).toBe(false);
    expect(found.results).toHaveLength(1);
    const hit = found.results[0]!;
    expect(hit).toMatchObject({
      conversationId,
      seq: seqOf(120),
      text: textOf(120),
      senderName: `Name ${aName}`,
      conversationTitle: `Name ${aName}`,
    });
    expect(hit.highlights.map((h) => hit.text.slice(h.start, h.end))).toEqual(['季度']);

    const context = await callB2('conversations.around', { conversationId, seq: hit.seq, limit: 9 });
    expect(messageIds(context)).toContain(hit.messageId);
    expect(seqs(context.items)).toEqual(range(hit.seq - 4, hit.seq + 4));

    const first = await callB2('search.messages', { query: 'message', conversationId, limit: 3 });
    const next = await callB2('search.messages', { query: 'message', conversationId, limit: 3, offset: 3 });
    expect(first.hasMore).toBe(true);
    expect(first.results).toHaveLength(3);
    expect(next.results).toHaveLength(3);
    const ids = [...first.results, ...next.results].map((r) => r.messageId);
    expect(new Set(ids).size).toBe(6);
  });
});

describe('messages.deleteForMe', () => {
  it('hides a message on this device only, from timelines, the list and search, across restarts and later edits', async () => {
    // The message B's other device sent in the first test is here too, and nothing else is coming.
    await until(() => b1.store.messages.allOf(conversationId).length === COUNT + 1, 10_000, 'all at b1');
    await b1.sync.settled();
    const special = b1.store.messages.bySeq(conversationId, seqOf(120))!;
    const newestBefore = (await callB1('conversations.list', {})).conversations.find(
      (c) => c.id === conversationId,
    )!.lastMessage!;
    const changed: string[][] = [];
    b1.on('changed', (ids) => changed.push(ids));

    await callB1('messages.deleteForMe', { conversationId, messageId: special.id });
    await callB1('messages.deleteForMe', { conversationId, messageId: newestBefore.id });
    expect(changed).toEqual([[conversationId], [conversationId]]);

    const shown = async (call: IpcCall) => [
      ...messageIds(await call('conversations.timeline', { conversationId, limit: 500 })),
      ...messageIds(await call('conversations.around', { conversationId, seq: special.seq, limit: 6 })),
      ...messageIds(await call('conversations.newerPage', { conversationId, afterSeq: special.seq - 2 })),
    ];
    expect(await shown(callB1)).not.toContain(special.id);
    expect(await shown(callB1)).not.toContain(newestBefore.id);
    const around = await callB1('conversations.around', { conversationId, seq: special.seq, limit: 6 });
    expect(seqs(around.items)).not.toContain(special.seq);
    expect((await callB1('search.messages', { query: '季度' })).results).toEqual([]);
    const summary = (await callB1('conversations.list', {})).conversations.find(
      (c) => c.id === conversationId,
    )!;
    expect(summary.lastMessage?.id).not.toBe(newestBefore.id);

    // The sender edits it: still hidden here, and the new text is not searchable here either.
    await callA('messages.edit', { messageId: special.id, text: 'the revised 年度计划' });
    await until(() => b1.store.messages.get(special.id)?.editedAt != null, 10_000, 'edit at b1');
    expect((await callB1('search.messages', { query: '年度' })).results).toEqual([]);
    expect(await shown(callB1)).not.toContain(special.id);

    // B's other device still shows both.
    await until(() => b2.store.messages.get(special.id)?.editedAt != null, 10_000, 'edit at b2');
    expect((await callB2('search.messages', { query: '年度' })).results.map((r) => r.messageId)).toEqual([
      special.id,
    ]);
    expect(messageIds(await callB2('conversations.timeline', { conversationId, limit: 500 }))).toEqual(
      expect.arrayContaining([special.id, newestBefore.id]),
    );

    // A message of another conversation, or one the cache has never seen, is refused.
    await expect(
      callB1('messages.deleteForMe', { conversationId: crypto.randomUUID(), messageId: special.id }),
    ).rejects.toMatchObject({ code: 'MESSAGE_NOT_FOUND' });

    b1.close();
    b1 = newCore(b1Dir, b1Credentials);
    callB1 = ipcOf(b1);
    expect(await shown(callB1)).not.toContain(special.id);
    expect((await callB1('search.messages', { query: '年度' })).results).toEqual([]);
  });
});

describe('messages.get', () => {
  it('reads one message from the cache, for a reply quote outside the loaded page', async () => {
    const quoted = b1.store.messages.bySeq(conversationId, seqOf(3))!;
    const { message } = await callB1('messages.get', { conversationId, messageId: quoted.id });
    expect(message).toMatchObject({ id: quoted.id, seq: seqOf(3), content: { text: textOf(3) } });

    // Offline too: it is the cache that answers.
    b1.sync.pauseNetwork();
    expect((await callB1('messages.get', { conversationId, messageId: quoted.id })).message?.id).toBe(
      quoted.id,
    );

    // Hidden on this device (the test above), of another conversation, or never seen: null.
    const hidden = b1.store.messages.bySeq(conversationId, seqOf(120))!;
    expect(await callB1('messages.get', { conversationId, messageId: hidden.id })).toEqual({ message: null });
    expect((await callB2('messages.get', { conversationId, messageId: hidden.id })).message?.id).toBe(
      hidden.id,
    );
    expect(
      await callB1('messages.get', { conversationId: crypto.randomUUID(), messageId: quoted.id }),
    ).toEqual({ message: null });
    expect(await callB1('messages.get', { conversationId, messageId: crypto.randomUUID() })).toEqual({
      message: null,
    });
  });
});
