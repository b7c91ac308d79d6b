import type { ParleyServer } from '@parley/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../src/core/desktop-core.js';
import { type ChildState, CoreChild } from './support/core-child.js';
import { newCore, signUp, startServer, tempDir, uniqueName, until, untilAsync } from './support/harness.js';
import { storedMessagesOf } from './support/server-db.js';
import { serverView } from './support/server-view.js';
import { textOf } from './support/text-of.js';

const serverDir = tempDir('parley-server-');
let server: ParleyServer;
let b: DesktopCore;
let aId: string;
let aDir: string;
let g: string;
const children: CoreChild[] = [];

/** Starts A's core process on its data folder, resumes the saved session and waits until it is online. */
async function startA(): Promise<CoreChild> {
  const child = CoreChild.spawn(aDir);
  children.push(child);
  child.command('start');
  await child.waitFor(/^resumed true$/);
  await child.waitFor(/^connection online$/);
  return child;
}

/** Waits until the process holds the group up to the server's head with an empty outbox. */
async function caughtUp(child: CoreChild): Promise<ChildState> {
  let state: ChildState | undefined;
  await untilAsync(
    async () => {
      state = await child.state(g);
      const { conversation } = await b.sync.rpc('conversations.get', { conversationId: g });
      return state.outbox.length === 0 && state.syncedSeq === conversation.lastSeq;
    },
    30_000,
    'caught up',
  );
  if (!state) throw new Error('unreachable');
  return state;
}

/** The process's cache of the group equals the server's view: every message once, in seq order. */
async function expectSameAsServer(state: ChildState): Promise<void> {
  const view = await serverView(b, g);
  expect(state.messages).toEqual(
    view.messages.map((m) => ({
      id: m.id,
      seq: m.seq,
      senderId: m.senderId,
      clientMsgId: m.clientMsgId,
      text: textOf(m.content),
    })),
  );
}

beforeAll(async () => {
  server = await startServer(serverDir);
  b = newCore();
  await signUp(b, server.url);
  aDir = tempDir();
  const first = CoreChild.spawn(aDir);
  children.push(first);
  first.command(`register ${server.url} ${uniqueName('a')}`);
  aId = (await first.waitFor(/^me (\S+)$/)).match[1]!;
  await first.waitFor(/^connection online$/);
  const { conversation } = await b.sync.rpc('groups.create', { name: 'crash', memberIds: [aId] });
  g = conversation.id;
  await untilAsync(async () => (await first.state(g)).syncedSeq > 0, 10_000, 'group at a');
  await first.kill();
});
afterEach(async () => {
  for (const c of children.splice(0)) await c.kill();
});
afterAll(async () => {
  b.close();
  await server.close();
});

describe('a core process killed with SIGKILL', () => {
  it('right after a message was written to its outbox: after a restart it is stored, and shown, exactly once', async () => {
    for (const [round, killAfter] of [
      [0, 1],
      [1, 7],
      [2, 20],
    ] as const) {
      const child = await startA();
      const texts = Array.from({ length: 20 }, (_, i) => `round ${round} message ${i}`);
      let queuedLines = 0;
      child.killOn = (line) => line.startsWith('queued ') && ++queuedLines === killAfter;
      child.command(texts.map((t) => `send ${g} ${t}`).join('\n'));
      await child.exited;
      const queued = child.lines.filter((l) => l.startsWith('queued ')).map((l) => l.slice('queued '.length));
      expect(queued.length).toBeGreaterThanOrEqual(killAfter);

      const again = await startA();
      const state = await caughtUp(again);
      await expectSameAsServer(state);
      const stored = storedMessagesOf(serverDir, aId).filter((m) => m.conversationId === g);
      for (const id of queued) {
        expect(state.messages.filter((m) => m.clientMsgId === id)).toHaveLength(1);
        expect(stored.filter((m) => m.clientMsgId === id)).toHaveLength(1);
      }
      // What made it is what was written first, in order, each once; nothing else of this round.
      const ofRound = stored.filter((m) => m.text?.startsWith(`round ${round} `)).map((m) => m.text);
      expect(ofRound.length).toBeGreaterThanOrEqual(queued.length);
      expect(ofRound).toEqual(texts.slice(0, ofRound.length));
      await again.kill();
    }
  });

  it('right after a message arrived: after a restart it shows exactly once', async () => {
    // Live: killed as the first of a burst is stored.
    const child = await startA();
    child.killOn = (line) => line.startsWith(`arrived ${g} `);
    for (let i = 0; i < 20; i++) b.sendText(g, `live ${i}`);
    await child.exited;
    const arrived = child.lines.filter((l) => l.startsWith('arrived '));
    expect(arrived.length).toBeGreaterThanOrEqual(1);
    await until(() => b.store.outbox.pending().length === 0, 10_000, 'burst sent');

    let again = await startA();
    let state = await caughtUp(again);
    await expectSameAsServer(state);
    const [, , seq, id] = arrived[0]!.split(' ');
    expect(state.messages.filter((m) => m.id === id)).toEqual([
      expect.objectContaining({ seq: Number(seq) }),
    ]);
    await again.kill();

    // During catch-up: killed as the first page of what it missed is stored.
    for (let i = 0; i < 300; i++) b.sendText(g, `while down ${i}`);
    await until(() => b.store.outbox.pending().length === 0, 20_000, 'sent while down');
    const catchingUp = CoreChild.spawn(aDir);
    children.push(catchingUp);
    catchingUp.killOn = (line) => line.startsWith(`arrived ${g} `);
    catchingUp.command('start');
    await catchingUp.exited;
    expect(catchingUp.lines.some((l) => l.startsWith('arrived '))).toBe(true);

    again = await startA();
    state = await caughtUp(again);
    await expectSameAsServer(state);
    expect(state.messages.filter((m) => m.text?.startsWith('while down '))).toHaveLength(300);
  });
});
