import type { Message } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import type {
  DesktopCore,
  DesktopCoreOptions,
  MessageNotifyRequest,
  NotifyRequest,
} from '../src/core/desktop-core.js';
import {
  type Arrival,
  type Batch,
  NOTIFY_WINDOW_MS,
  NotificationCoalescer,
} from '../src/core/notifications/coalescer.js';
import { befriend, signIn, signUp, uniqueName, until } from './support/harness.js';
import { useCoreFixture } from './support/core-fixture.js';
import { ManualClock } from './support/manual-clock.js';

describe('the notification coalescer', () => {
  let seq = 0;
  const arrival = (conversationId: string, extra: Partial<Arrival> = {}): Arrival => {
    seq += 1;
    return { conversationId, messageId: `m${seq}`, senderId: 'u1', seq, mention: false, ...extra };
  };
  function setup(options: { summaryAbove?: number; wanted?: (b: Batch) => boolean } = {}) {
    const clock = new ManualClock();
    const notes: NotifyRequest[] = [];
    const coalescer = new NotificationCoalescer({
      clock,
      emit: (r) => notes.push(r),
      ...options,
    });
    return { clock, notes, coalescer };
  }
  const note = (a: Arrival, count: number, mention = false): NotifyRequest => ({
    kind: 'message',
    conversationId: a.conversationId,
    messageId: a.messageId,
    senderId: a.senderId,
    count,
    mention,
  });

  it('notifies the first message of a quiet conversation at once', () => {
    const { notes, coalescer } = setup();
    const first = arrival('c1');
    coalescer.add(first);
    expect(notes).toEqual([note(first, 1)]);
  });

  it('merges a burst inside the window into one follow-up with the latest message and the count', () => {
    const { clock, notes, coalescer } = setup();
    const burst = Array.from({ length: 10 }, () => arrival('c1'));
    for (const a of burst) coalescer.add(a);
    expect(notes).toEqual([note(burst[0]!, 1)]);
    clock.advance(NOTIFY_WINDOW_MS);
    expect(notes).toEqual([note(burst[0]!, 1), note(burst[9]!, 9)]);
    // The follow-up opened another window: what comes now waits for its end.
    const more = [arrival('c1'), arrival('c1')];
    for (const a of more) coalescer.add(a);
    expect(notes).toHaveLength(2);
    clock.advance(NOTIFY_WINDOW_MS);
    expect(notes.at(-1)).toEqual(note(more[1]!, 2));
    // A window that ends empty closes: the conversation is quiet again and notifies at once.
    clock.advance(NOTIFY_WINDOW_MS);
    expect(clock.pending).toBe(0);
    const later = arrival('c1');
    coalescer.add(later);
    expect(notes.at(-1)).toEqual(note(later, 1));
  });

  it('keeps conversations apart', () => {
    const { clock, notes, coalescer } = setup();
    const [a1, b1, a2, b2, b3] = [arrival('a'), arrival('b'), arrival('a'), arrival('b'), arrival('b')];
    for (const a of [a1, b1, a2, b2, b3]) coalescer.add(a);
    expect(notes).toEqual([note(a1, 1), note(b1, 1)]);
    clock.advance(NOTIFY_WINDOW_MS);
    expect(notes.slice(2)).toEqual([note(a2, 1), note(b3, 2)]);
  });

  it('a mention anywhere in a merged batch makes the follow-up a mention', () => {
    const { clock, notes, coalescer } = setup();
    const burst = [arrival('c1'), arrival('c1'), arrival('c1', { mention: true }), arrival('c1')];
    for (const a of burst) coalescer.add(a);
    clock.advance(NOTIFY_WINDOW_MS);
    expect(notes).toEqual([note(burst[0]!, 1), note(burst[3]!, 3, true)]);
  });

  it('drops a held follow-up that is no longer wanted when its window ends', () => {
    let wanted = true;
    const { clock, notes, coalescer } = setup({ wanted: () => wanted });
    const burst = [arrival('c1'), arrival('c1'), arrival('c1')];
    for (const a of burst) coalescer.add(a);
    wanted = false;
    clock.advance(NOTIFY_WINDOW_MS);
    expect(notes).toEqual([note(burst[0]!, 1)]);
    expect(clock.pending).toBe(0);
  });

  it('holds everything during a catch-up, then gives one notification per conversation', () => {
    const { notes, coalescer } = setup();
    coalescer.beginCatchUp();
    const x = [arrival('x'), arrival('x', { mention: true }), arrival('x')];
    const y = [arrival('y'), arrival('y')];
    for (const a of [x[0], y[0], x[1], x[2], y[1]]) coalescer.add(a!);
    expect(notes).toEqual([]);
    coalescer.endCatchUp();
    expect(notes).toEqual([note(x[2]!, 3, true), note(y[1]!, 2)]);
  });

  it('gives one summary instead when more conversations than the limit caught up', () => {
    const { clock, notes, coalescer } = setup({ summaryAbove: 3 });
    coalescer.beginCatchUp();
    for (const id of ['a', 'b', 'c', 'd']) for (let i = 0; i < 5; i++) coalescer.add(arrival(id));
    coalescer.endCatchUp();
    expect(notes).toEqual([
      { kind: 'summary', conversationIds: ['a', 'b', 'c', 'd'], messageCount: 20, mention: false },
    ]);
    // The summary stood for them: a message right after it joins a follow-up.
    const next = arrival('a', { mention: true });
    coalescer.add(next);
    expect(notes).toHaveLength(1);
    clock.advance(NOTIFY_WINDOW_MS);
    expect(notes.at(-1)).toEqual(note(next, 1, true));
  });

  it('a summary carries a mention, and leaves out conversations no longer wanted', () => {
    const { notes, coalescer } = setup({ summaryAbove: 3, wanted: (b) => b.conversationId !== 'e' });
    coalescer.beginCatchUp();
    for (const id of ['a', 'b', 'c', 'd', 'e']) coalescer.add(arrival(id, { mention: id === 'c' }));
    coalescer.endCatchUp();
    expect(notes).toEqual([
      { kind: 'summary', conversationIds: ['a', 'b', 'c', 'd'], messageCount: 4, mention: true },
    ]);
    // Four left after the filter at the limit of three gives the summary; three would not.
    const few = setup({ summaryAbove: 3, wanted: (b) => b.conversationId !== 'd' });
    few.coalescer.beginCatchUp();
    for (const id of ['a', 'b', 'c', 'd']) few.coalescer.add(arrival(id));
    few.coalescer.endCatchUp();
    expect(few.notes.map((n) => n.kind)).toEqual(['message', 'message', 'message']);
  });

  it('a backlog for a conversation notified a moment ago joins its follow-up', () => {
    const { clock, notes, coalescer } = setup();
    const live = arrival('c1');
    coalescer.add(live);
    coalescer.beginCatchUp();
    const backlog = [arrival('c1'), arrival('c1')];
    for (const a of backlog) coalescer.add(a);
    coalescer.endCatchUp();
    expect(notes).toEqual([note(live, 1)]);
    clock.advance(NOTIFY_WINDOW_MS);
    expect(notes).toEqual([note(live, 1), note(backlog[1]!, 2)]);
  });

  it('clear() forgets what is held and stops the timers', () => {
    const { clock, notes, coalescer } = setup();
    for (let i = 0; i < 3; i++) coalescer.add(arrival('c1'));
    coalescer.beginCatchUp();
    coalescer.add(arrival('c2'));
    coalescer.clear();
    expect(clock.pending).toBe(0);
    expect(coalescer.catchingUp).toBe(false);
    clock.advance(NOTIFY_WINDOW_MS);
    coalescer.endCatchUp();
    expect(notes).toHaveLength(1);
  });
});

const fixture = useCoreFixture();
const core = fixture.core;

const sent = (c: DesktopCore) => until(() => c.store.outbox.pending().length === 0, 30_000, 'sent');
type Mentions = { mentions?: Message['senderId'][] };

/** Sends each text in order (without waiting between them) and returns them as stored once all are acked. */
async function burst(c: DesktopCore, conversationId: string, texts: string[], extra: Mentions[] = []) {
  const ids = texts.map((t, i) => c.sendText(conversationId, t, extra[i] ?? {}).clientMsgId);
  await sent(c);
  return ids.map((id) => {
    const m = c.store.messages.allOf(conversationId).find((x) => x.clientMsgId === id);
    if (!m) throw new Error('not stored');
    return m;
  });
}

/** A with B and C: a direct conversation with B, and `groups` groups B made with A and C. */
async function people(groups: number, aOptions: Partial<DesktopCoreOptions> = {}) {
  const a = core(aOptions);
  const b = core();
  const c = core();
  const aName = uniqueName('a');
  const aId = await signUp(a, fixture.server.url, aName);
  await signUp(b, fixture.server.url);
  const cId = await signUp(c, fixture.server.url);
  await befriend(a, b, b.sync.me!);
  const d = (await b.sync.rpc('conversations.openDirect', { userId: aId })).conversation.id;
  const gs: string[] = [];
  for (let i = 0; i < groups; i++)
    gs.push((await b.sync.rpc('groups.create', { name: `g${i}`, memberIds: [aId, cId] })).conversation.id);
  await until(() => [d, ...gs].every((id) => a.store.conversations.get(id)), 10_000, 'conversations at a');
  await until(() => gs.every((id) => c.store.conversations.get(id)), 10_000, 'groups at c');
  return { a, b, c, aId, aName, d, gs };
}

const arrivedAt = (core: DesktopCore, msgs: readonly Message[]) =>
  until(() => msgs.every((m) => core.store.messages.get(m.id)), 15_000, 'messages at a');
const key = (n: NotifyRequest) => (n.kind === 'message' ? n.conversationId : '');
const messageNotes = (notes: NotifyRequest[], conversationId: string) =>
  notes.filter((n): n is MessageNotifyRequest => n.kind === 'message' && n.conversationId === conversationId);

describe('notifications of a desktop core', () => {
  it('after a long offline period: one summary, or at most one per conversation, with the right counts', async () => {
    const clock = new ManualClock();
    const { a, b, c, aId, aName, d, gs } = await people(5, { notifications: { clock } });
    // A second device of A's that never summarises, to see the per-conversation counts.
    const each = core({ notifications: { clock, summaryAbove: 100 } });
    await signIn(each, fixture.server.url, aName);
    const [g0, g1, g2, g3, muted] = gs as [string, string, string, string, string];
    await a.sync.rpc('conversations.setPrefs', { conversationId: muted, muted: true });
    await until(() => [a, each].every((x) => x.store.conversations.get(muted)?.muted === 1), 10_000, 'muted');
    clock.advance(NOTIFY_WINDOW_MS);
    const notes: NotifyRequest[] = [];
    const eachNotes: NotifyRequest[] = [];
    a.on('notify', (n) => notes.push(n));
    each.on('notify', (n) => eachNotes.push(n));

    a.sync.pauseNetwork();
    each.sync.pauseNetwork();
    // 200 messages in 5 conversations, one of them mentioning A; and more in a muted group.
    const texts = (tag: string) => Array.from({ length: 40 }, (_, i) => `${tag} ${i}`);
    const mentionA = [{}, {}, {}, {}, {}, { mentions: [aId as Message['senderId']] }];
    const latest = new Map<string, Message>();
    for (const [who, id, extra] of [
      [b, d, []],
      [b, g0, []],
      [c, g1, mentionA],
      [c, g2, []],
      [b, g3, []],
    ] as const) {
      latest.set(id, (await burst(who, id, texts(id), [...extra])).at(-1)!);
    }
    await burst(c, muted, texts('muted'), [...mentionA]);

    a.sync.resumeNetwork();
    each.sync.resumeNetwork();
    const all = [...latest.values()];
    await arrivedAt(a, all);
    await arrivedAt(each, all);
    await a.sync.settled();
    await each.sync.settled();

    expect(notes).toHaveLength(1);
    const summary = notes[0]!;
    expect(summary).toMatchObject({ kind: 'summary', messageCount: 200, mention: true });
    expect(summary.kind === 'summary' && [...summary.conversationIds].sort()).toEqual(
      [d, g0, g1, g2, g3].sort(),
    );

    expect(eachNotes).toHaveLength(5);
    const byConversation = [...eachNotes].sort((x, y) => key(x).localeCompare(key(y)));
    expect(byConversation).toEqual(
      [d, g0, g1, g2, g3].sort().map((id) => ({
        kind: 'message',
        conversationId: id,
        messageId: latest.get(id)!.id,
        senderId: latest.get(id)!.senderId,
        count: 40,
        mention: id === g1,
      })),
    );

    // Nothing else comes when the windows the catch-up opened end.
    clock.advance(NOTIFY_WINDOW_MS);
    expect(notes).toHaveLength(1);
    expect(eachNotes).toHaveLength(5);
  });

  it('live: the first message notifies at once; a burst inside the window gives one follow-up with the count', async () => {
    const clock = new ManualClock();
    const { a, b, c, d, gs } = await people(1, { notifications: { clock } });
    const g = gs[0]!;
    const notes: NotifyRequest[] = [];
    a.on('notify', (n) => notes.push(n));

    // The clock does not move: the first message of a quiet conversation needs no timer.
    const [hello] = await burst(b, d, ['hello']);
    await arrivedAt(a, [hello!]);
    expect(notes).toEqual([
      {
        kind: 'message',
        conversationId: d,
        messageId: hello!.id,
        senderId: hello!.senderId,
        count: 1,
        mention: false,
      },
    ]);

    const ten = await burst(
      c,
      g,
      Array.from({ length: 10 }, (_, i) => `burst ${i}`),
    );
    await arrivedAt(a, ten);
    expect(messageNotes(notes, g)).toEqual([
      {
        kind: 'message',
        conversationId: g,
        messageId: ten[0]!.id,
        senderId: ten[0]!.senderId,
        count: 1,
        mention: false,
      },
    ]);
    clock.advance(NOTIFY_WINDOW_MS);
    expect(messageNotes(notes, g)).toEqual([
      {
        kind: 'message',
        conversationId: g,
        messageId: ten[0]!.id,
        senderId: ten[0]!.senderId,
        count: 1,
        mention: false,
      },
      {
        kind: 'message',
        conversationId: g,
        messageId: ten[9]!.id,
        senderId: ten[9]!.senderId,
        count: 9,
        mention: false,
      },
    ]);
    // Quiet again after an empty window: the next one is immediate.
    clock.advance(NOTIFY_WINDOW_MS);
    const [again] = await burst(c, g, ['again']);
    await arrivedAt(a, [again!]);
    expect(messageNotes(notes, g).at(-1)).toMatchObject({ messageId: again!.id, count: 1 });
    expect(notes).toHaveLength(4);
  });

  it('a mention inside a burst makes the follow-up a mention; under do-not-disturb only the mention notifies', async () => {
    const clock = new ManualClock();
    const { a, c, aId, gs } = await people(1, { notifications: { clock } });
    const g = gs[0]!;
    const notes: NotifyRequest[] = [];
    a.on('notify', (n) => notes.push(n));
    const forA = { mentions: [aId as Message['senderId']] };

    const five = await burst(c, g, ['1', '2', '3 @a', '4', '5'], [{}, {}, forA, {}, {}]);
    await arrivedAt(a, five);
    clock.advance(NOTIFY_WINDOW_MS);
    expect(messageNotes(notes, g).map((n) => [n.messageId, n.count, n.mention])).toEqual([
      [five[0]!.id, 1, false],
      [five[4]!.id, 4, true],
    ]);

    clock.advance(NOTIFY_WINDOW_MS);
    a.setDoNotDisturb(true);
    const dnd = await burst(c, g, ['a', 'b @a', 'c', 'd'], [{}, forA, {}, {}]);
    await arrivedAt(a, dnd);
    clock.advance(NOTIFY_WINDOW_MS);
    expect(
      messageNotes(notes, g)
        .slice(2)
        .map((n) => [n.messageId, n.count, n.mention]),
    ).toEqual([[dnd[1]!.id, 1, true]]);
  });

  it('muted conversations never notify, even for a burst with a mention; a follow-up is dropped once the conversation is on screen', async () => {
    const clock = new ManualClock();
    const { a, b, c, aId, d, gs } = await people(1, { notifications: { clock } });
    const g = gs[0]!;
    await a.sync.rpc('conversations.setPrefs', { conversationId: g, muted: true });
    await until(() => a.store.conversations.get(g)?.muted === 1, 10_000, 'muted');
    const notes: NotifyRequest[] = [];
    a.on('notify', (n) => notes.push(n));

    const muted = await burst(
      c,
      g,
      Array.from({ length: 6 }, (_, i) => `muted ${i}`),
      [{}, {}, { mentions: [aId as Message['senderId']] }],
    );
    await arrivedAt(a, muted);
    clock.advance(NOTIFY_WINDOW_MS);
    expect(notes).toEqual([]);

    // Opened while the follow-up was held: the user is looking at it, so it is not shown.
    const direct = await burst(b, d, ['x', 'y', 'z']);
    await arrivedAt(a, direct);
    a.setFocusedConversation(d);
    clock.advance(NOTIFY_WINDOW_MS);
    expect(notes.map((n) => n.kind === 'message' && [n.messageId, n.count])).toEqual([[direct[0]!.id, 1]]);
  });
});
