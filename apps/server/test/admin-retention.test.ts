import { type ConversationEvent, type Message, SYSTEM_USER_ID } from '@parley/shared';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminApi } from './support/admin.js';
import { befriend, newUser, type TestClient, until } from './support/client.js';
import { textOf } from './support/content.js';
import { blobCount, fetchBytes, sendFile } from './support/files.js';
import { DeviceReplica } from './support/replica.js';
import { startTestServer, type TestServer } from './support/server.js';
import { TusClient } from './support/tus.js';

const DAY = 24 * 60 * 60 * 1000;

let t: TestServer;
/** Added to the server's clock: messages age without the test waiting. */
let clockOffset = 0;
const clients: TestClient[] = [];

beforeAll(async () => {
  t = await startTestServer({ accessTokenTtlMs: 365 * DAY }, { now: () => Date.now() + clockOffset });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await t.stop();
});

async function user(name?: string): Promise<TestClient> {
  const c = await newUser(t.url, name);
  clients.push(c);
  return c;
}

/** The messages of a conversation as a fresh fetch sees them, by id. */
async function messagesOf(client: TestClient, conversationId: string): Promise<Map<string, Message>> {
  const page = await client.rpc('sync.conversation', { conversationId, limit: 500 });
  const byId = new Map<string, Message>();
  for (const e of page.events) if ('message' in e) byId.set(e.message.id, e.message);
  return byId;
}

/** A replica of a device that started from `start` and then only received live pushes. */
function fromPushes(client: TestClient, start: DeviceReplica): DeviceReplica {
  const r = start.clone();
  for (const e of client.convEvents) r.applyConversationEvent(e);
  return r;
}

describe('message retention', () => {
  it('removes messages and files older than the period, keeps newer ones, and every client converges', async () => {
    const admin = await user('retention_admin');
    const api = new AdminApi(admin);
    const [alice, bob] = [await user(), await user()];
    await befriend(alice, bob);
    const direct = (await alice.rpc('conversations.openDirect', { userId: bob.userId })).conversation.id;
    const group = (await alice.rpc('groups.create', { name: 'Old and new', memberIds: [bob.userId] }))
      .conversation.id;

    // Nothing is removed while messages are kept forever.
    expect(await api.ok('POST', '/api/admin/retention/run')).toEqual({ expiredMessages: 0 });

    const oldText = await alice.send(direct, 'from last month');
    await bob.rpc('reactions.add', { messageId: oldText.id, emoji: '👍' });
    const oldMention = await bob.send(group, 'old news @alice', { mentions: [alice.userId] });
    const bytes = randomBytes(50_000);
    const fileId = await new TusClient(t.url, alice.auth.accessToken).upload(group, bytes, 'old.bin');
    const oldFile = await sendFile(alice, group, { kind: 'file', fileId: fileId as never });
    expect(blobCount(t.dataDir)).toBe(1);
    await api.settings({ retentionDays: 7 });

    clockOffset += 8 * DAY;
    const newText = await alice.send(direct, 'from today');
    const newGroup = await bob.send(group, 'fresh in the group');

    // Bob's phone caught up now and then went offline; his laptop stays online and hears pushes.
    const stale = new DeviceReplica();
    await stale.catchUp(bob);
    bob.convEvents.length = 0;
    const liveStart = stale.clone();

    expect(await api.ok('POST', '/api/admin/retention/run')).toEqual({ expiredMessages: 3 });

    const directNow = await messagesOf(alice, direct);
    const groupNow = await messagesOf(alice, group);
    for (const gone of [directNow.get(oldText.id), groupNow.get(oldMention.id), groupNow.get(oldFile.id)]) {
      expect(gone).toMatchObject({ content: null, recalledBy: SYSTEM_USER_ID, reactions: [] });
      expect(gone?.recalledAt).toEqual(expect.any(Number));
    }
    expect(textOf(directNow.get(newText.id)?.content)).toBe('from today');
    expect(textOf(groupNow.get(newGroup.id)?.content)).toBe('fresh in the group');

    // The file went with its message.
    expect((await fetchBytes(t.url, `/api/files/${fileId}`, bob.auth.accessToken)).status).toBe(404);
    await until(() => blobCount(t.dataDir) === 0, 10_000, 'the blob to be removed');

    // The system actor's recall reached the online device, and nothing else did.
    await until(() => bob.convEvents.length === 3, 10_000, 'three pushes');
    expect(bob.convEvents.map((e: ConversationEvent) => [e.type, e.actorId])).toEqual([
      ['message.recalled', SYSTEM_USER_ID],
      ['message.recalled', SYSTEM_USER_ID],
      ['message.recalled', SYSTEM_USER_ID],
    ]);

    // Stale state plus the events equals a fresh fetch; so does the live device's.
    const fresh = new DeviceReplica();
    await fresh.catchUp(bob);
    await stale.catchUp(bob);
    expect(stale.state()).toEqual(fresh.state());
    expect(fromPushes(bob, liveStart).state()).toEqual(fresh.state());

    // The removed mention no longer counts as unread for Alice.
    const { conversation } = await alice.rpc('conversations.get', { conversationId: group });
    expect(conversation).toMatchObject({ mentioned: false });

    // A second pass finds nothing more.
    expect(await api.ok('POST', '/api/admin/retention/run')).toEqual({ expiredMessages: 0 });
  });

  it('runs when the server starts, for what aged while it was off', async () => {
    const admin = clients[0]!;
    const api = new AdminApi(admin);
    const [carol, dan] = [await user(), await user()];
    await befriend(carol, dan);
    const direct = (await carol.rpc('conversations.openDirect', { userId: dan.userId })).conversation.id;
    const sent = await carol.send(direct, 'will age while the server is off');
    expect((await api.settings()).retentionDays).toBe(7);

    await t.server.close();
    clockOffset += 8 * DAY;
    await t.restart();
    await dan.reconnect();
    await expect
      .poll(async () => (await messagesOf(dan, direct)).get(sent.id)?.content, { timeout: 10_000 })
      .toBeNull();
    expect((await messagesOf(dan, direct)).get(sent.id)?.recalledBy).toBe(SYSTEM_USER_ID);
  });
});
