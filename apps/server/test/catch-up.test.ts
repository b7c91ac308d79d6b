import type { ConversationEvent, Message, UserEvent } from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { befriend, secondDevice, type TestClient, until } from './support/client.js';
import { refusal } from './support/refusal.js';
import {
  backfill,
  type CatchUpReport,
  type ConversationState,
  ConversationReplica,
  DeviceReplica,
} from './support/replica.js';
import { useTestServer } from './support/fixture.js';
import { textOf } from './support/content.js';

const server = useTestServer();
const user = () => server.user();

async function device(of: TestClient): Promise<TestClient> {
  const c = await secondDevice(of);
  server.track(c);
  return c;
}

/** Runs `fn` over `items` with at most `concurrency` calls in flight; results in input order. */
async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** What the test did to a message, so the final state can be predicted. */
interface Sent {
  id: string;
  seq: number;
  conversationId: string;
  senderId: string;
  /** Every text the message ever had; the last is the current one. */
  texts: string[];
  recalled: boolean;
  reactions: Map<string, Set<string>>;
}

interface Comparable {
  id: string;
  seq: number;
  senderId: string;
  text: string | null;
  edited: boolean;
  recalled: boolean;
  reactions: [string, string[]][];
}

function comparable(m: Message): Comparable {
  return {
    id: m.id,
    seq: m.seq,
    senderId: m.senderId,
    text: textOf(m.content) ?? null,
    edited: m.editedAt !== null,
    recalled: m.recalledAt !== null,
    reactions: m.reactions
      .map((r): [string, string[]] => [r.emoji, [...r.userIds].sort()])
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  };
}

function expectedOf(s: Sent): Comparable {
  return {
    id: s.id,
    seq: s.seq,
    senderId: s.senderId,
    text: s.recalled ? null : s.texts.at(-1)!,
    edited: s.texts.length > 1,
    recalled: s.recalled,
    reactions: s.recalled
      ? []
      : [...s.reactions]
          .filter(([, users]) => users.size > 0)
          .map(([emoji, users]): [string, string[]] => [emoji, [...users].sort()])
          .sort(([a], [b]) => (a < b ? -1 : 1)),
  };
}

/** A replica of a device that only ever received live pushes (plus, optionally, a starting state). */
function fromPushes(client: TestClient, start = new DeviceReplica()): DeviceReplica {
  const r = start.clone();
  for (const e of client.userEvents) r.user.apply(e);
  for (const e of client.convEvents) r.applyConversationEvent(e);
  return r;
}

const seqsOf = (events: readonly (ConversationEvent | UserEvent)[]) => events.map((e) => e.seq);

describe('catch-up after being offline', () => {
  it('a device offline through 1,000 messages, 20 edits, 10 recalls, reactions and membership changes ends exactly at the final state; a second device agrees', async () => {
    const a = await user(); // group owner, online throughout
    const b1 = await user(); // the device that goes offline
    const b2 = await device(b1); // the same account's other device, online throughout
    const c = await user(); // removed while b1 is offline
    const d = await user(); // added while b1 is offline
    const group = (await a.rpc('groups.create', { name: 'Before 之前', memberIds: [b1.userId, c.userId] }))
      .conversation.id;

    // B's online device keeps a replica from a first sync plus everything pushed to it.
    const b2Start = new DeviceReplica();
    await b2Start.catchUp(b2);
    const cStale = new DeviceReplica();
    await cStale.catchUp(c);

    const log: Sent[] = [];
    const send = async (from: TestClient, conversationId: string, label: string): Promise<Sent> => {
      const text = `${label} ${randomUUID()}`;
      const ack = await from.send(conversationId, text);
      const s: Sent = {
        id: ack.id,
        seq: ack.seq,
        conversationId,
        senderId: from.userId,
        texts: [text],
        recalled: false,
        reactions: new Map(),
      };
      log.push(s);
      return s;
    };
    const react = async (who: TestClient, s: Sent, emoji: string, op: 'add' | 'remove') => {
      await who.rpc(op === 'add' ? 'reactions.add' : 'reactions.remove', { messageId: s.id, emoji });
      let users = s.reactions.get(emoji);
      if (!users) s.reactions.set(emoji, (users = new Set()));
      if (op === 'add') users.add(who.userId);
      else users.delete(who.userId);
    };
    const edit = async (who: TestClient, s: Sent, label: string) => {
      const text = `${label} ${randomUUID()}`;
      await who.rpc('messages.edit', { messageId: s.id, text });
      s.texts.push(text);
    };
    const recall = async (who: TestClient, s: Sent) => {
      await who.rpc('messages.recall', { messageId: s.id });
      s.recalled = true;
    };

    // Before going offline: 30 messages and a few reactions, all of which b1 syncs.
    const before: Sent[] = [];
    for (const i of range(0, 29)) before.push(await send([a, b1, c][i % 3]!, group, `before #${i}`));
    await react(c, before[0]!, '👍', 'add');
    await react(c, before[3]!, '🎉', 'add');
    await react(a, before[1]!, '❤️', 'add');

    const b1Replica = new DeviceReplica();
    const firstSync = await b1Replica.catchUp(b1);
    expect(firstSync.conversationSeqs.get(group)).toEqual(
      range(1, firstSync.heads.conversations[0]!.lastSeq),
    );
    const stale = b1Replica.clone();
    const staleGroupSeq = stale.conversation(group).lastSeq;
    const staleUserSeq = stale.user.lastSeq;
    b1.close();

    // --- b1 is offline from here on ---
    const p1 = await pool(range(0, 399), 50, (i) => send([a, b2, c][i % 3]!, group, `p1 #${i}`));
    await a.rpc('groups.addMembers', { conversationId: group, userIds: [d.userId] });

    // Edits, reactions and recalls run alongside the next 600 messages.
    const ownedByAOrB = (s: Sent) => s.senderId === a.userId || s.senderId === b1.userId;
    const authorOf = (s: Sent) => (s.senderId === a.userId ? a : b2);
    const editable = [...before.filter(ownedByAOrB).slice(0, 4), ...p1.filter(ownedByAOrB).slice(0, 12)];
    const reactTargets = [before[0]!, before[1]!, ...p1.filter((_, i) => i % 25 === 5)]; // 2 + 16
    const mutations = (async () => {
      for (const [i, s] of editable.entries()) await edit(authorOf(s), s, `edit1 #${i}`);
      for (const [j, s] of reactTargets.entries()) {
        await react(a, s, '👍', 'add');
        if (j % 2 === 0) await react(b2, s, '❤️', 'add');
        if (j % 3 === 0) await react(d, s, '👍', 'add');
      }
      // Repeats change nothing and make no event.
      const head = (await a.rpc('conversations.get', { conversationId: group })).conversation.lastSeq;
      const again = await a.rpc('reactions.add', { messageId: reactTargets[0]!.id, emoji: '👍' });
      expect(again.seq).toBeGreaterThanOrEqual(head);
      await react(d, reactTargets[1]!, '🎉', 'remove');
      for (const [j, s] of reactTargets.entries()) if (j % 4 === 1) await react(a, s, '👍', 'remove');
      // Four messages edited twice: 16 + 4 = 20 edits.
      for (const [i, s] of [editable[0]!, editable[1]!, editable[5]!, editable[6]!].entries()) {
        await edit(authorOf(s), s, `edit2 #${i}`);
      }
      // Ten recalls: edited ones (one twice), older ones with reactions, reacted ones, and b's own.
      const toRecall = [
        editable[0]!, // before, edited twice
        editable[5]!, // edited twice
        editable[9]!, // edited once
        before[3]!, // before, with c's reaction
        before[5]!,
        reactTargets[2]!,
        reactTargets[4]!,
        ...p1
          .filter((s) => s.senderId === b1.userId && !editable.includes(s) && !reactTargets.includes(s))
          .slice(0, 3),
      ];
      expect(new Set(toRecall).size).toBe(10);
      for (const s of toRecall) await recall(s.senderId === b1.userId ? b2 : a, s);
      expect(await refusal(a.rpc('reactions.add', { messageId: toRecall[0]!.id, emoji: '👍' }))).toBe(
        'MESSAGE_RECALLED',
      );
      expect(await refusal(a.rpc('messages.edit', { messageId: editable[0]!.id, text: 'no' }))).toBe(
        'MESSAGE_RECALLED',
      );
    })();
    await pool(range(0, 299), 50, (i) => send([a, b2, c, d][i % 4]!, group, `p2 #${i}`));
    await a.rpc('groups.removeMember', { conversationId: group, userId: c.userId });
    await pool(range(0, 299), 50, (i) => send([a, b2, d][i % 3]!, group, `p3 #${i}`));
    await mutations;
    await a.rpc('groups.rename', { conversationId: group, name: 'After 之后' });

    // B's other device reads, pins, and befriends a; a opens a direct conversation with B.
    const readTo = p1[200]!.seq;
    await b2.rpc('conversations.markRead', { conversationId: group, seq: readTo });
    await b2.rpc('conversations.setPrefs', { conversationId: group, pinned: true });
    await befriend(a, b2);
    const direct = (await a.rpc('conversations.openDirect', { userId: b1.userId })).conversation.id;
    const directSent = await pool(range(0, 9), 5, (i) => send([a, b2][i % 2]!, direct, `direct #${i}`));
    await edit(a, directSent[0]!, 'direct edit');
    await recall(b2, directSent[1]!);
    await react(b2, directSent[2]!, '👍', 'add');

    const groupMessages = log.filter((s) => s.conversationId === group).sort((x, y) => x.seq - y.seq);
    expect(groupMessages).toHaveLength(1030);
    expect(log.filter((s) => s.conversationId === direct)).toHaveLength(10);
    const recalledTexts = log.filter((s) => s.recalled).flatMap((s) => s.texts);
    expect(recalledTexts.length).toBeGreaterThanOrEqual(11 + 4);

    // --- b1 comes back: sync.heads, then each stream after the seq it has ---
    await b1.reconnect();
    const catchUp = await b1Replica.catchUp(b1, 97);
    const heads = new Map(catchUp.heads.conversations.map((h) => [h.conversationId as string, h.lastSeq]));
    expect([...heads.keys()].sort()).toEqual([group, direct].sort());
    const groupHead = heads.get(group)!;
    const directHead = heads.get(direct)!;
    // 1 created + 1030 messages + 3 reactions + add + remove + 20 edits + reactions + 11 recalls + rename + …
    expect(groupHead).toBeGreaterThan(1030 + 20 + 10 + 3);

    // Each stream arrives once, in order, from just after the stale seq to its head, in pages.
    expect(catchUp.conversationSeqs.get(group)).toEqual(range(staleGroupSeq + 1, groupHead));
    expect(catchUp.conversationPages.get(group)!.length).toBe(Math.ceil((groupHead - staleGroupSeq) / 97));
    expect(catchUp.conversationPages.get(group)!.at(-1)!.hasMore).toBe(false);
    expect(catchUp.conversationSeqs.get(direct)).toEqual(range(1, directHead));
    expect(catchUp.userSeqs).toEqual(range(staleUserSeq + 1, catchUp.heads.userSeq));
    expect(b1Replica.conversation(group).appliedSeqs()).toEqual(range(1, groupHead));
    expect(b1Replica.conversation(group).duplicates).toBe(0);

    // The recalled texts are nowhere in what the catch-up fetched (they were in the stale state).
    const catchUpJson = JSON.stringify([catchUp.userPages, [...catchUp.conversationPages.values()]]);
    expect(JSON.stringify(stale.state())).toContain(before[3]!.texts[0]!);
    for (const text of recalledTexts) expect(catchUpJson).not.toContain(text);

    // The caught-up state is exactly what happened.
    const b1State = b1Replica.state();
    const b1Group = b1State.conversations.find((s) => s.conversationId === group)!;
    expect(b1Group.messages.map(comparable)).toEqual(groupMessages.map(expectedOf));
    expect(b1Group.name).toBe('After 之后');
    expect(b1Group.members).toEqual(
      [
        [a.userId, 'owner'],
        [b1.userId, 'member'],
        [d.userId, 'member'],
      ].sort(([x], [y]) => (x! < y! ? -1 : 1)),
    );
    assertWellFormed(b1Group);
    const b1Direct = b1State.conversations.find((s) => s.conversationId === direct)!;
    expect(b1Direct.messages.map(comparable)).toEqual(
      [...directSent].sort((x, y) => x.seq - y.seq).map(expectedOf),
    );
    expect(b1Direct.kind).toBe('direct');

    // The user stream caught up with what B's other device did.
    expect(b1State.user.conversations).toEqual([group, direct].sort());
    expect(b1State.user.reads).toContainEqual([group, readTo]);
    expect(b1State.user.prefs).toContainEqual([group, false, true]);
    expect(b1State.user.friends).toEqual([a.userId]);
    expect(stale.user.isIn(direct)).toBe(false);

    // (b) A device that never had state fetches everything from seq 0 and agrees.
    const b3 = await device(b1);
    const b3Replica = new DeviceReplica();
    const fresh = await b3Replica.catchUp(b3, 200);
    expect(fresh.conversationSeqs.get(group)).toEqual(range(1, groupHead));
    expect(fresh.userSeqs).toEqual(range(1, fresh.heads.userSeq));
    const freshJson = JSON.stringify([fresh.userPages, [...fresh.conversationPages.values()]]);
    for (const text of recalledTexts) expect(freshJson).not.toContain(text);
    expect(b3Replica.state()).toEqual(b1State);
    const createdIds = fresh.conversationPages
      .get(group)!
      .flatMap((p) => p.events.flatMap((e) => (e.type === 'message.created' ? [e.message.id] : [])));
    expect(createdIds).toHaveLength(1030);
    expect(new Set(createdIds).size).toBe(1030);

    // (c) Online members got everything pushed, once each and in order, and agree too.
    await until(() => a.convEvents.some((e) => e.conversationId === direct && e.seq === directHead), 10_000);
    await until(() => b2.convEvents.some((e) => e.conversationId === direct && e.seq === directHead), 10_000);
    await until(() => a.convEvents.some((e) => e.conversationId === group && e.seq === groupHead), 10_000);
    await until(() => b2.convEvents.some((e) => e.conversationId === group && e.seq === groupHead), 10_000);
    await until(() => b2.userEvents.some((e) => e.seq === catchUp.heads.userSeq), 10_000);
    for (const client of [a, b2]) {
      expect(seqsOf(client.convEvents.filter((e) => e.conversationId === group))).toEqual(
        range(1, groupHead),
      );
      expect(seqsOf(client.convEvents.filter((e) => e.conversationId === direct))).toEqual(
        range(1, directHead),
      );
    }
    const aLive = fromPushes(a);
    expect(aLive.conversation(group).state()).toEqual(b1Group);
    expect(aLive.conversation(direct).state()).toEqual(b1Direct);
    const b2Live = fromPushes(b2, b2Start);
    expect(b2Live.state()).toEqual(b1State);
    expect(b2Live.user.missing()).toEqual([]);

    // d joined mid-way: told through its stream, and sees the same conversation.
    const dReplica = new DeviceReplica();
    await dReplica.catchUp(d);
    expect(dReplica.user.isIn(group)).toBe(true);
    expect(dReplica.conversation(group).state()).toEqual(b1Group);

    // c was removed: told through its stream, and can no longer read the conversation.
    expect(await refusal(c.rpc('sync.conversation', { conversationId: group, afterSeq: 0 }))).toBe(
      'CONVERSATION_NOT_FOUND',
    );
    expect(await refusal(c.rpc('sync.conversation', { conversationId: group }))).toBe(
      'CONVERSATION_NOT_FOUND',
    );
    await until(() => c.userEvents.some((e) => e.type === 'conversation.left'));
    expect(c.userEvents.filter((e) => e.type === 'conversation.left')).toEqual([
      expect.objectContaining({ conversationId: group, reason: 'removed' }),
    ]);
    const cCatchUp: CatchUpReport = await cStale.catchUp(c);
    expect(cCatchUp.dropped).toEqual([group]);
    expect(cCatchUp.heads.conversations).toEqual([]);
    expect(cStale.user.isIn(group)).toBe(false);
    const cLeft = cCatchUp.userPages.flatMap((p) => p.events).filter((e) => e.type === 'conversation.left');
    expect(cLeft).toEqual([expect.objectContaining({ conversationId: group, reason: 'removed' })]);
  });

  it('detects a gap in live events by seq and backfills it with sync.conversation {afterSeq}', async () => {
    const a = await user();
    const b = await user();
    const id = (await a.rpc('groups.create', { name: 'gaps', memberIds: [b.userId] })).conversation.id;

    const replica = new ConversationReplica(id);
    await backfill(b, replica);
    const pushed: ConversationEvent[] = [];
    const dropped = new Set<number>();
    let gapsDetected = 0;
    let backfills = 0;
    let filling = false;
    const failures: unknown[] = [];
    /** Fetches after the last seq without a hole, until nothing is missing (one fill at a time). */
    const fill = async () => {
      if (filling) return;
      filling = true;
      try {
        while (replica.missing().length > 0) {
          backfills += 1;
          await backfill(b, replica, 25);
        }
      } catch (err) {
        failures.push(err);
      } finally {
        filling = false;
      }
    };
    b.socket.on('conv.event', (e) => {
      if (e.conversationId !== id) return;
      pushed.push(e);
      // Lost on the way, on purpose: every 7th event and a run of ten.
      if (e.seq % 7 === 3 || (e.seq >= 60 && e.seq < 70)) {
        dropped.add(e.seq);
        return;
      }
      replica.apply(e);
      if (e.seq > replica.lastSeq) {
        gapsDetected += 1;
        void fill();
      }
    });

    const msgs = await pool(range(0, 149), 10, (i) => a.send(id, `gap #${i}`));
    for (const m of msgs.slice(0, 10))
      await a.rpc('messages.edit', { messageId: m.id, text: `edited ${m.seq}` });
    for (const m of msgs.slice(5, 15)) await b.rpc('reactions.add', { messageId: m.id, emoji: '👀' });
    for (const m of msgs.slice(0, 3)) await a.rpc('messages.recall', { messageId: m.id });
    await a.rpc('groups.rename', { conversationId: id, name: 'gaps, renamed' });
    const last = await a.send(id, 'the end');

    await until(() => pushed.some((e) => e.seq === last.seq), 10_000, 'the last push');
    await until(() => !filling, 10_000, 'backfill');
    expect(failures).toEqual([]);
    expect(gapsDetected).toBeGreaterThan(0);
    expect(backfills).toBeGreaterThan(0);
    expect(dropped.size).toBeGreaterThan(20);

    // A gap at the very end shows only against the head: sync.heads closes it.
    const heads = await b.rpc('sync.heads', {});
    const head = heads.conversations.find((h) => h.conversationId === id)!.lastSeq;
    expect(head).toBe(last.seq);
    if (replica.lastSeq < head) await backfill(b, replica);
    expect(replica.lastSeq).toBe(head);
    expect(replica.missing()).toEqual([]);
    expect(replica.appliedSeqs()).toEqual(range(1, head));
    for (const s of dropped) expect(replica.appliedSeqs()).toContain(s);

    const fresh = new ConversationReplica(id);
    await backfill(a, fresh);
    const final = replica.state();
    expect(final).toEqual(fresh.state());
    expect(final.messages.filter((m) => m.recalledAt !== null)).toHaveLength(3);
    expect(final.messages.filter((m) => textOf(m.content)?.startsWith('edited '))).toHaveLength(7);

    // Applying events again, or older snapshots after newer ones, takes nothing back.
    const everything = b.convEvents.filter((e) => e.conversationId === id);
    expect(seqsOf(everything)).toEqual(range(1, head));
    const duplicatesBefore = replica.duplicates;
    replica.applyAll([...everything].reverse());
    expect(replica.state()).toEqual(final);
    expect(replica.duplicates - duplicatesBefore).toBe(everything.length);
    const backwards = new ConversationReplica(id);
    backwards.applyAll([...everything].reverse());
    expect(backwards.state()).toEqual(final);
  });
});

function assertWellFormed(state: ConversationState): void {
  const seqs = state.messages.map((m) => m.seq);
  for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
  expect(new Set(state.messages.map((m) => m.id)).size).toBe(state.messages.length);
  expect(new Set(state.messages.map((m) => `${m.senderId}/${m.clientMsgId}`)).size).toBe(
    state.messages.length,
  );
  for (const m of state.messages) {
    if (m.recalledAt !== null) {
      expect(m.content).toBeNull();
      expect(m.reactions).toEqual([]);
    } else {
      expect(m.content).not.toBeNull();
    }
  }
}
