import type { Message } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import type { DesktopCore, DesktopCoreOptions, NotifyRequest } from '../src/core/desktop-core.js';
import { NOTIFY_WINDOW_MS } from '../src/core/notifications/coalescer.js';
import {
  badgeCount,
  mentionsMe,
  type NotificationContext,
  shouldNotify,
} from '../src/core/notifications/policy.js';
import { befriend, signIn, signUp, uniqueName, until, untilAsync } from './support/harness.js';
import { useCoreFixture } from './support/core-fixture.js';
import { ManualClock } from './support/manual-clock.js';

const ME = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';
const HERE = '00000000-0000-4000-8000-0000000000c1';
const THERE = '00000000-0000-4000-8000-0000000000c2';

function message(
  overrides: Partial<Message> & { text?: string; mentions?: string[]; mentionsAll?: boolean } = {},
): Message {
  const { text = 'hello', mentions, mentionsAll, ...rest } = overrides;
  return {
    id: '00000000-0000-4000-8000-0000000000f1',
    conversationId: HERE,
    seq: 7,
    senderId: OTHER,
    clientMsgId: '00000000-0000-4000-8000-0000000000f2',
    content: {
      kind: 'text',
      text,
      ...(mentions ? { mentions } : {}),
      ...(mentionsAll ? { mentionsAll } : {}),
    },
    createdAt: 1,
    editedAt: null,
    recalledAt: null,
    recalledBy: null,
    reactions: [],
    ...rest,
  } as Message;
}

const ctx = (overrides: Partial<NotificationContext> = {}): NotificationContext => ({
  me: ME,
  focusedConversationId: null,
  doNotDisturb: false,
  muted: false,
  ...overrides,
});

describe('the notification policy', () => {
  it('notifies of a message from someone else in a conversation not on screen', () => {
    expect(shouldNotify(message(), ctx())).toEqual({ notify: true, mention: false });
    expect(shouldNotify(message(), ctx({ focusedConversationId: THERE }))).toEqual({
      notify: true,
      mention: false,
    });
  });

  it('never for my own messages, even when they mention me or everyone', () => {
    const own = message({ senderId: ME as Message['senderId'], mentions: [ME], mentionsAll: true });
    expect(shouldNotify(own, ctx())).toEqual({ notify: false, reason: 'own' });
    expect(shouldNotify(own, ctx({ doNotDisturb: true }))).toEqual({ notify: false, reason: 'own' });
  });

  it('not for the conversation on screen, even for a mention', () => {
    expect(shouldNotify(message({ mentions: [ME] }), ctx({ focusedConversationId: HERE }))).toEqual({
      notify: false,
      reason: 'focused',
    });
  });

  it('not in a muted conversation, even for a mention or @all', () => {
    expect(shouldNotify(message(), ctx({ muted: true }))).toEqual({ notify: false, reason: 'muted' });
    expect(shouldNotify(message({ mentions: [ME] }), ctx({ muted: true }))).toEqual({
      notify: false,
      reason: 'muted',
    });
    expect(shouldNotify(message({ mentionsAll: true }), ctx({ muted: true }))).toEqual({
      notify: false,
      reason: 'muted',
    });
  });

  it('do-not-disturb lets through only an @mention of me or @all', () => {
    const dnd = ctx({ doNotDisturb: true });
    expect(shouldNotify(message(), dnd)).toEqual({ notify: false, reason: 'dnd' });
    expect(shouldNotify(message({ mentions: [OTHER] }), dnd)).toEqual({ notify: false, reason: 'dnd' });
    expect(shouldNotify(message({ mentions: [OTHER, ME] }), dnd)).toEqual({ notify: true, mention: true });
    expect(shouldNotify(message({ mentionsAll: true }), dnd)).toEqual({ notify: true, mention: true });
  });

  it('flags a mention without do-not-disturb too', () => {
    expect(shouldNotify(message({ mentions: [ME] }), ctx())).toEqual({ notify: true, mention: true });
    expect(shouldNotify(message({ mentionsAll: true }), ctx())).toEqual({ notify: true, mention: true });
  });

  it('not for a recalled message: there is nothing left to show', () => {
    const recalled = message({
      content: null,
      recalledAt: 2,
      recalledBy: OTHER as Message['senderId'],
    });
    expect(shouldNotify(recalled, ctx())).toEqual({ notify: false, reason: 'recalled' });
    expect(shouldNotify(recalled, ctx({ doNotDisturb: true }))).toEqual({
      notify: false,
      reason: 'recalled',
    });
    expect(mentionsMe(recalled, ME)).toBe(false);
  });

  it('mentionsMe reads the mention list and @all', () => {
    expect(mentionsMe(message(), ME)).toBe(false);
    expect(mentionsMe(message({ mentions: [OTHER] }), ME)).toBe(false);
    expect(mentionsMe(message({ mentions: [ME] }), ME)).toBe(true);
    expect(mentionsMe(message({ mentionsAll: true }), ME)).toBe(true);
  });

  it('the badge counts unread messages of conversations that are not muted', () => {
    expect(badgeCount([])).toBe(0);
    expect(
      badgeCount([
        { unreadCount: 3, muted: false },
        { unreadCount: 5, muted: true },
        { unreadCount: 0, muted: false },
        { unreadCount: 4, muted: false },
      ]),
    ).toBe(7);
  });
});

const fixture = useCoreFixture();
const core = fixture.core;

const sent = (c: DesktopCore) => until(() => c.store.outbox.pending().length === 0, 10_000, 'sent');

/** Sends one message and waits for its ack; returns it as the sender's cache holds it. */
async function say(
  c: DesktopCore,
  conversationId: string,
  text: string,
  extra: { mentions?: Message['senderId'][]; mentionsAll?: boolean } = {},
): Promise<Message> {
  const { clientMsgId } = c.sendText(conversationId, text, extra);
  await sent(c);
  const m = c.store.messages.allOf(conversationId).find((x) => x.clientMsgId === clientMsgId);
  if (!m) throw new Error('not stored');
  return m;
}

/** A, on two devices, with B and C: a direct conversation with B and two groups B owns. */
async function people(aOptions: Partial<DesktopCoreOptions> = {}) {
  const a = core(aOptions);
  const b = core();
  const c = core();
  const aName = uniqueName('a');
  const aId = await signUp(a, fixture.server.url, aName);
  const bId = await signUp(b, fixture.server.url);
  const cId = await signUp(c, fixture.server.url);
  await befriend(a, b, bId);
  const d = (await b.sync.rpc('conversations.openDirect', { userId: aId })).conversation.id;
  const g = (await b.sync.rpc('groups.create', { name: 'g', memberIds: [aId, cId] })).conversation.id;
  const m = (await b.sync.rpc('groups.create', { name: 'm', memberIds: [aId, cId] })).conversation.id;
  await until(() => [d, g, m].every((id) => a.store.conversations.get(id)), 10_000, 'conversations at a');
  await until(() => [g, m].every((id) => c.store.conversations.get(id)), 10_000, 'groups at c');
  const a2 = core();
  await signIn(a2, fixture.server.url, aName);
  return { a, a2, b, c, aId, bId, cId, d, g, m };
}

/** Waits until `core` holds each conversation up to the server's head. */
async function caughtUp(core: DesktopCore, viewer: DesktopCore, ids: readonly string[]): Promise<void> {
  await untilAsync(async () => {
    await core.sync.settled();
    const { conversations } = await viewer.sync.rpc('conversations.list', {});
    return ids.every(
      (id) =>
        core.store.conversations.get(id)?.synced_seq === conversations.find((x) => x.id === id)?.lastSeq,
    );
  }, 20_000);
}

describe('unread counts and notifications of a desktop core', () => {
  it('match the server’s read positions after catching up on what other devices read', async () => {
    const { a, a2, b, c, aId, d, g, m } = await people();
    for (let i = 0; i < 5; i++) await say(b, d, `d ${i}`);
    for (let i = 0; i < 5; i++)
      await say(c, g, `g ${i}`, i === 2 ? { mentions: [aId as Message['senderId']] } : {});
    for (let i = 0; i < 3; i++) await say(b, m, `m ${i}`);
    await caughtUp(a, a2, [d, g, m]);
    await a.markRead(d);
    const badges: number[] = [];
    a.on('badge', (n) => badges.push(n));

    a.sync.pauseNetwork();
    // Elsewhere: more messages, some read on A's other device, one recalled unread, a mute.
    const late = [];
    for (let i = 0; i < 4; i++) late.push(await say(b, d, `d late ${i}`));
    await a2.sync.rpc('conversations.markRead', { conversationId: d, seq: late[1]!.seq });
    await b.sync.rpc('messages.recall', { messageId: late[3]!.id });
    for (let i = 0; i < 3; i++) await say(c, g, `g late ${i}`);
    const { conversation: gNow } = await a2.sync.rpc('conversations.get', { conversationId: g });
    await a2.sync.rpc('conversations.markRead', { conversationId: g, seq: gNow.lastSeq });
    await say(c, g, 'g after reading');
    await say(c, g, 'g to everyone', { mentionsAll: true });
    await a2.sync.rpc('conversations.setPrefs', { conversationId: m, muted: true });
    await say(b, m, 'm while muted');
    // A group A joins while offline, with more history than one page.
    const big = (await b.sync.rpc('groups.create', { name: 'big', memberIds: [c.sync.me!] })).conversation.id;
    for (let i = 0; i < 70; i++) b.sendText(big, `big ${i}`);
    await sent(b);
    await b.sync.rpc('groups.addMembers', { conversationId: big, userIds: [aId] });
    await say(c, big, 'big, after A joined');

    a.sync.resumeNetwork();
    await caughtUp(a, a2, [d, g, m, big]);
    const { conversations } = await a2.sync.rpc('conversations.list', {});
    const local = a.conversations();
    expect(local.map((x) => x.id).sort()).toEqual(conversations.map((x) => x.id).sort());
    for (const server of conversations) {
      expect(
        local.find((x) => x.id === server.id),
        server.name ?? 'direct',
      ).toMatchObject({
        readSeq: server.readSeq,
        unreadCount: server.unreadCount,
        mentioned: server.mentioned,
        muted: server.muted,
        pinned: server.pinned,
      });
    }
    const expectedBadge = conversations.reduce((n, x) => n + (x.muted ? 0 : x.unreadCount), 0);
    expect(a.badge()).toBe(expectedBadge);
    expect(badges.at(-1)).toBe(expectedBadge);
    // The numbers themselves, as a reader would count them.
    expect(local.find((x) => x.id === d)?.unreadCount).toBe(1);
    expect(local.find((x) => x.id === g)).toMatchObject({ unreadCount: 2, mentioned: true });
    expect(local.find((x) => x.id === m)).toMatchObject({ unreadCount: 4, muted: true });
  });

  it('notify of a message from someone else in a conversation that is not on screen or muted, and of nothing else', async () => {
    // Each message is notified on its own here: the clock is moved past the merge window in between.
    const clock = new ManualClock();
    const { a, a2, b, c, aId, d, g, m } = await people({ notifications: { clock } });
    await a2.sync.rpc('conversations.setPrefs', { conversationId: m, muted: true });
    await until(() => a.store.conversations.get(m)?.muted === 1, 10_000, 'muted at a');
    const notes: NotifyRequest[] = [];
    a.on('notify', (n) => notes.push(n));
    const arrived = async (msg: Message) => {
      await until(() => a.store.messages.get(msg.id) !== undefined, 10_000, msg.id);
      clock.advance(NOTIFY_WINDOW_MS);
    };
    const expected: NotifyRequest[] = [];
    const expectNote = (msg: Message, mention: boolean) =>
      expected.push({
        kind: 'message',
        conversationId: msg.conversationId,
        messageId: msg.id,
        senderId: msg.senderId,
        count: 1,
        mention,
      });

    a.setFocusedConversation(d);
    await arrived(await say(b, d, 'on screen'));
    const inGroup = await say(c, g, 'in another conversation');
    await arrived(inGroup);
    expectNote(inGroup, false);
    await arrived(await say(a2, g, 'mine, from my other device'));
    await arrived(await say(b, m, 'muted, even with a mention', { mentions: [aId as Message['senderId']] }));
    expect(notes).toEqual(expected);

    a.setDoNotDisturb(true);
    await arrived(await say(c, g, 'plain, under do-not-disturb'));
    const named = await say(c, g, 'for you', { mentions: [aId as Message['senderId']] });
    await arrived(named);
    expectNote(named, true);
    const everyone = await say(c, g, 'for everyone', { mentionsAll: true });
    await arrived(everyone);
    expectNote(everyone, true);
    expect(notes).toEqual(expected);

    // Sent and taken back while A was away: nothing to show when A catches up.
    a.setDoNotDisturb(false);
    a.sync.pauseNetwork();
    const gone = await say(c, g, 'never mind');
    await c.sync.rpc('messages.recall', { messageId: gone.id });
    a.sync.resumeNetwork();
    await caughtUp(a, a2, [g]);
    expect(a.store.messages.get(gone.id)?.content).toBeNull();
    expect(notes).toEqual(expected);
  });
});
