import {
  type AuthResult,
  type ErrorBody,
  type ErrorCode,
  Limits,
  rpc,
  type RpcMethod,
  rpcMethods,
  type RpcRequest,
  type TypingNotice,
} from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { befriend, login, newUser, register, TestClient, until } from './support/client.js';
import { dbSnapshot } from './support/db.js';
import { errorOf, postJson, request, type RawResponse } from './support/http.js';
import { looseEmit, type Outcome, rawEvent, rawPacket } from './support/raw.js';
import { startTestServer, type TestServer } from './support/server.js';
import { textOf } from './support/content.js';

let t: TestServer;
const clients: TestClient[] = [];
/** Two people who keep talking while others misbehave. */
let carol: TestClient;
let dave: TestClient;
let bystanderConversation: string;
/** The account the bad inputs come from, and a second socket of its session that must stay up. */
let mallet: TestClient;
let keeper: TestClient;

function track<T extends TestClient>(c: T): T {
  clients.push(c);
  return c;
}

beforeAll(async () => {
  t = await startTestServer();
  carol = track(await newUser(t.url));
  dave = track(await newUser(t.url));
  await befriend(carol, dave);
  bystanderConversation = (await carol.rpc('conversations.openDirect', { userId: dave.userId })).conversation
    .id;
  mallet = track(await newUser(t.url));
  // Same session, second socket: dropping mallet's other sockets never makes the account go offline
  // (which would stamp users.last_seen_at and look like a changed row).
  keeper = track(await new TestClient(t.url, mallet.auth).connected());
});
afterAll(async () => {
  for (const c of clients) c.close();
  await t.stop();
});

/** A fresh socket on mallet's session: nothing is written to open it. */
async function malletSocket(): Promise<TestClient> {
  return track(await new TestClient(t.url, mallet.auth).connected());
}

let spoken = 0;
/** Carol and Dave can still exchange a message, both ways. */
async function bystandersStillTalk(): Promise<void> {
  spoken += 1;
  const there = `still here ${spoken}`;
  const back = `me too ${spoken}`;
  await carol.send(bystanderConversation, there);
  await dave.send(bystanderConversation, back);
  const got = (c: TestClient, text: string) =>
    c.convEvents.some((e) => e.type === 'message.created' && textOf(e.message.content) === text);
  await until(() => got(dave, there) && got(carol, back), 10_000, 'bystanders’ messages');
}

/** Runs a group of bad inputs: no stored row may change, the keeper stays up, and the bystanders still talk. */
async function unchanged(badInputs: () => Promise<void>): Promise<void> {
  const before = dbSnapshot(t.dataDir);
  await badInputs();
  // A round trip: whatever the bad inputs might have queued has been committed by the time it returns.
  expect(await keeper.call('me.get', {})).toMatchObject({ ok: true });
  expect(dbSnapshot(t.dataDir)).toEqual(before);
  expect(keeper.socket.connected).toBe(true);
  await bystandersStillTalk();
}

function acked(outcome: Outcome, label: string): unknown {
  expect(outcome, label).toMatchObject({ kind: 'ack' });
  return (outcome as { result: unknown }).result;
}

/** The call was refused with `code`; for VALIDATION_FAILED, an issue names `path` (or a field under it). */
function expectRefused(outcome: Outcome, code: ErrorCode, label: string, path?: string): ErrorBody {
  const result = acked(outcome, label) as { ok: boolean; error?: ErrorBody };
  expect(result, label).toMatchObject({ ok: false, error: { code, message: expect.any(String) as string } });
  const error = result.error!;
  if (code === 'VALIDATION_FAILED') {
    expect(Array.isArray(error.issues), label).toBe(true);
    const paths = error.issues!.map((i) => i.path);
    expect(paths.length, label).toBeGreaterThan(0);
    if (path !== undefined) {
      expect(
        paths.some((p) => p === path || p.startsWith(`${path}.`)),
        `${label}: issues ${JSON.stringify(error.issues)}`,
      ).toBe(true);
    }
  }
  return error;
}

/** A refused oversize frame: either an ack refusing it, or that one socket dropped. */
function expectRefusedOrDropped(outcome: Outcome, label: string): void {
  if (outcome.kind === 'disconnect') {
    expect(outcome.reason, label).toBe('transport close');
    return;
  }
  const result = outcome.result as { ok: boolean; error?: ErrorBody };
  expect(result.ok, label).toBe(false);
  expect(['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE'], label).toContain(result.error?.code);
}

const uuid = () => randomUUID();

/**
 * One valid request per method. Its ids are random, so sent as is it names nothing that exists.
 * Typed over every method: a method added to the contract does not compile until it has a sample here.
 */
const samples: { [M in RpcMethod]: RpcRequest<M> } = {
  'me.get': {},
  'profile.update': { displayName: 'Someone', bio: 'about me' },
  'users.search': { query: 'someone', limit: 5 },
  'users.get': { userIds: [uuid()] },
  'friends.list': {},
  'friends.requests': {},
  'friends.request': { userId: uuid(), message: 'hello' },
  'friends.accept': { requestId: uuid() },
  'friends.decline': { requestId: uuid() },
  'friends.cancel': { requestId: uuid() },
  'friends.remove': { userId: uuid() },
  'blocks.list': {},
  'blocks.add': { userId: uuid() },
  'blocks.remove': { userId: uuid() },
  'presence.set': { status: 'away' },
  'presence.get': { userIds: [uuid()] },
  'conversations.list': {},
  'conversations.get': { conversationId: uuid() },
  'conversations.openDirect': { userId: uuid() },
  'conversations.setPrefs': { conversationId: uuid(), muted: true, pinned: false },
  'conversations.markRead': { conversationId: uuid(), seq: 1 },
  'conversations.markDelivered': { conversationId: uuid(), seq: 1 },
  'conversations.receipts': { conversationId: uuid() },
  'typing.start': { conversationId: uuid() },
  'groups.create': { name: 'A group', memberIds: [uuid()], clientRequestId: uuid() },
  'groups.addMembers': { conversationId: uuid(), userIds: [uuid()] },
  'groups.removeMember': { conversationId: uuid(), userId: uuid() },
  'groups.leave': { conversationId: uuid() },
  'groups.rename': { conversationId: uuid(), name: 'New name' },
  'groups.setRole': { conversationId: uuid(), userId: uuid(), role: 'admin' },
  'groups.transferOwnership': { conversationId: uuid(), userId: uuid() },
  'groups.dissolve': { conversationId: uuid() },
  'messages.send': {
    conversationId: uuid(),
    clientMsgId: uuid(),
    content: { kind: 'text', text: 'hello', mentions: [uuid()], mentionsAll: false, replyTo: uuid() },
  },
  'messages.edit': { messageId: uuid(), text: 'edited', mentions: [uuid()], mentionsAll: false },
  'messages.recall': { messageId: uuid() },
  'reactions.add': { messageId: uuid(), emoji: '👍' },
  'reactions.remove': { messageId: uuid(), emoji: '👍' },
  'sync.heads': {},
  'sync.user': { afterSeq: 0, limit: 10 },
  'sync.conversation': { conversationId: uuid(), afterSeq: 0, limit: 10 },
};

/** Fields a sample leaves out because the request may not combine them with others (checked separately). */
const notInSample: Partial<Record<RpcMethod, string[]>> = { 'sync.conversation': ['beforeSeq'] };

const sampleOf = (method: RpcMethod) => samples[method] as Record<string, unknown>;

function shapeOf(method: RpcMethod): Record<string, z.ZodType> {
  const schema: unknown = rpc[method].request;
  if (!(schema instanceof z.ZodObject)) throw new Error(`${method}: request schema is not an object`);
  return schema.shape;
}

/** A value of another JSON type than the sample's. */
function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'not-an-array';
  return 42;
}

const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const UUID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('the request samples', () => {
  it('cover every method and are valid requests', () => {
    expect(Object.keys(samples).sort()).toEqual([...rpcMethods].sort());
    for (const method of rpcMethods) {
      expect(rpc[method].request.safeParse(samples[method]).success, method).toBe(true);
      // Every field is exercised, but for the ones a valid request cannot combine with the others.
      const fields = [...Object.keys(sampleOf(method)), ...(notInSample[method] ?? [])];
      expect(Object.keys(shapeOf(method)).sort(), method).toEqual(fields.sort());
    }
  });
});

describe('every socket method refuses malformed payloads', () => {
  it.each(rpcMethods)('%s', async (method) => {
    const c = await malletSocket();
    const sample = sampleOf(method);
    const shape = shapeOf(method);
    const call = (payload: unknown) => looseEmit(c.socket, method, [payload]);

    await unchanged(async () => {
      // Not an object at all.
      for (const [label, payload] of [
        ['a number', 42],
        ['a string', 'hello'],
        ['null', null],
        ['true', true],
        ['an array', [sample]],
        ['an empty array', []],
      ] as const) {
        expectRefused(await call(payload), 'VALIDATION_FAILED', `${method} with ${label}`, '(root)');
      }
      expectRefused(await looseEmit(c.socket, method, []), 'VALIDATION_FAILED', `${method} without payload`);
      expectRefused(
        await looseEmit(c.socket, method, [Buffer.from('binary payload')]),
        'VALIDATION_FAILED',
        `${method} with a binary payload`,
      );

      // Unknown fields, including ones that name Object.prototype's members.
      for (const key of ['extra', '__proto__', 'constructor', 'isAdmin']) {
        const payload = { ...sample, [key]: { polluted: true } };
        expectRefused(await call(payload), 'VALIDATION_FAILED', `${method} with "${key}"`, '(root)');
      }

      // Each field: the wrong type, null, missing, oversize, deeply nested.
      for (const [key, value] of Object.entries(sample)) {
        const schema = shape[key]!;
        const label = `${method}.${key}`;
        expectRefused(
          await call({ ...sample, [key]: wrongTypeFor(value) }),
          'VALIDATION_FAILED',
          `${label} of the wrong type`,
          key,
        );
        expectRefused(await call({ ...sample, [key]: null }), 'VALIDATION_FAILED', `${label} null`, key);
        if (!schema.safeParse(undefined).success) {
          const without = Object.fromEntries(Object.entries(sample).filter(([k]) => k !== key));
          expectRefused(await call(without), 'VALIDATION_FAILED', `${label} missing`, key);
        }
        const big = 'x'.repeat(200_000);
        const oversize = Array.isArray(value) ? [big] : typeof value === 'string' ? big : undefined;
        if (oversize !== undefined) {
          expectRefused(
            await call({ ...sample, [key]: oversize }),
            'VALIDATION_FAILED',
            `${label} of 200 KB`,
            key,
          );
        }
        if (Array.isArray(value)) {
          const many = Array.from({ length: 1_000 }, () => uuid());
          expectRefused(
            await call({ ...sample, [key]: many }),
            'VALIDATION_FAILED',
            `${label} with 1,000 items`,
            key,
          );
        }
        expectRefused(
          await rawEvent(
            c.socket,
            `[${JSON.stringify(method)},{${JSON.stringify(key)}:${deepObject(10_000)}}]`,
          ),
          'VALIDATION_FAILED',
          `${label} nested 10,000 deep`,
          key,
        );
      }
      if (Object.keys(shape).length === 0) {
        expectRefused(
          await call({ pad: 'x'.repeat(200_000) }),
          'VALIDATION_FAILED',
          `${method} with 200 KB of padding`,
          '(root)',
        );
      }

      // Deep nesting as the whole payload: through the client's own encoder, and hand-built far deeper.
      let nested: unknown = 1;
      for (let i = 0; i < 2_000; i++) nested = { a: nested };
      expectRefused(await call(nested), 'VALIDATION_FAILED', `${method} nested 2,000 deep`, '(root)');
      for (const [label, deep] of [
        ['an object nested 10,000 deep', deepObject(10_000)],
        ['an object nested 40,000 deep', deepObject(40_000)],
        ['an array nested 100,000 deep', deepArray(100_000)],
      ] as const) {
        const outcome = await rawEvent(c.socket, `[${JSON.stringify(method)},${deep}]`);
        expectRefused(outcome, 'VALIDATION_FAILED', `${method} with ${label}`, '(root)');
      }

      // Without an ack there is no answer, and nothing happens either.
      rawPacket(c.socket, `2${JSON.stringify([method, 42])}`);
      rawPacket(c.socket, `2${JSON.stringify([method, { ...sample, extra: true }])}`);
      // Packets on one socket are handled in order: by this answer, those two have been dealt with.
      expect(await c.call('me.get', {})).toMatchObject({ ok: true });
    });
  });
});

describe('frames over the 256 KiB limit', () => {
  it.each(rpcMethods)('%s: refused, costing at most the socket that sent it', async (method) => {
    const c = await malletSocket();
    const sample = sampleOf(method);
    const key = Object.keys(sample).find((k) => typeof sample[k] === 'string') ?? 'pad';
    await unchanged(async () => {
      const outcome = await looseEmit(c.socket, method, [{ ...sample, [key]: 'x'.repeat(300 * 1024) }]);
      expectRefusedOrDropped(outcome, method);
    });
  });

  it('a text of more than 10,000 code points fits in a frame and is refused', async () => {
    const tooLong = [
      ['10,001 letters', 'a'.repeat(Limits.textMax + 1)],
      ['10,001 emoji', '😀'.repeat(Limits.textMax + 1)],
      ['20,001 code points', 'ab'.repeat(10_000) + 'c'],
      ['20,001 CJK characters', '字'.repeat(20_001)],
    ] as const;
    const { id: messageId } = await carol.send(bystanderConversation, 'to be edited');
    await unchanged(async () => {
      for (const [label, text] of tooLong) {
        // Carol is a member and the author: only the length stands in the way.
        const send = await looseEmit(carol.socket, 'messages.send', [
          { conversationId: bystanderConversation, clientMsgId: uuid(), content: { kind: 'text', text } },
        ]);
        expectRefused(send, 'VALIDATION_FAILED', `send ${label}`, 'content.text');
        const edit = await looseEmit(carol.socket, 'messages.edit', [{ messageId, text }]);
        expectRefused(edit, 'VALIDATION_FAILED', `edit to ${label}`, 'text');
      }
    });
    // The limit itself is allowed.
    const atLimit = '😀'.repeat(Limits.textMax);
    await carol.send(bystanderConversation, atLimit);
    await until(() =>
      dave.convEvents.some((e) => e.type === 'message.created' && textOf(e.message.content) === atLimit),
    );
  });
});

describe('field rules beyond types', () => {
  it('refuses out-of-range numbers, empty or over-long strings, bad ids and unsupported kinds', async () => {
    const c = await malletSocket();
    const conversationId = uuid();
    const cases: [RpcMethod, unknown, string][] = [
      ['sync.user', { afterSeq: -1 }, 'afterSeq'],
      ['sync.user', { afterSeq: 1.5 }, 'afterSeq'],
      ['sync.user', { afterSeq: 2 ** 53 }, 'afterSeq'],
      ['sync.user', { afterSeq: 0, limit: 0 }, 'limit'],
      ['sync.user', { afterSeq: 0, limit: Limits.pageMax + 1 }, 'limit'],
      ['sync.conversation', { conversationId, afterSeq: 1, beforeSeq: 5 }, '(root)'],
      ['sync.conversation', { conversationId, beforeSeq: -1 }, 'beforeSeq'],
      ['sync.conversation', { conversationId, beforeSeq: '5' }, 'beforeSeq'],
      ['conversations.markRead', { conversationId, seq: -5 }, 'seq'],
      ['users.search', { query: '   ' }, 'query'],
      ['users.search', { query: 'x'.repeat(Limits.searchQueryMax + 1) }, 'query'],
      ['users.search', { query: 'ab', limit: 51 }, 'limit'],
      ['users.get', { userIds: [] }, 'userIds'],
      ['users.get', { userIds: ["' OR 1=1 --"] }, 'userIds.0'],
      ['conversations.get', { conversationId: 'not-a-uuid' }, 'conversationId'],
      ['conversations.get', { conversationId: `${uuid()}'; DROP TABLE messages; --` }, 'conversationId'],
      ['groups.create', { name: '   ', memberIds: [] }, 'name'],
      ['groups.create', { name: 'bell\u0007', memberIds: [] }, 'name'],
      ['groups.create', { name: 'g'.repeat(Limits.groupNameMax + 1), memberIds: [] }, 'name'],
      ['groups.create', { name: 'g', memberIds: [], clientRequestId: 'again' }, 'clientRequestId'],
      ['groups.addMembers', { conversationId, userIds: [] }, 'userIds'],
      ['groups.setRole', { conversationId, userId: uuid(), role: 'owner' }, 'role'],
      ['profile.update', { bio: 'b'.repeat(Limits.bioMax + 1) }, 'bio'],
      ['profile.update', { displayName: '' }, 'displayName'],
      ['presence.set', { status: 'offline' }, 'status'],
      [
        'friends.request',
        { userId: uuid(), message: 'm'.repeat(Limits.friendRequestMessageMax + 1) },
        'message',
      ],
      ['reactions.add', { messageId: uuid(), emoji: '' }, 'emoji'],
      ['reactions.add', { messageId: uuid(), emoji: 'two words' }, 'emoji'],
      ['reactions.add', { messageId: uuid(), emoji: '😀'.repeat(Limits.emojiMax + 1) }, 'emoji'],
      [
        'messages.send',
        { conversationId, clientMsgId: uuid(), content: { kind: 'sticker', text: 'x' } },
        'content.kind',
      ],
      [
        'messages.send',
        { conversationId, clientMsgId: uuid(), content: { kind: 'image', fileId: 'nope' } },
        'content.fileId',
      ],
      [
        'messages.send',
        {
          conversationId,
          clientMsgId: uuid(),
          content: { kind: 'voice', fileId: uuid(), durationMs: 1000, waveform: [256] },
        },
        'content.waveform',
      ],
      [
        'messages.send',
        { conversationId, clientMsgId: uuid(), content: { kind: 'text', text: ' \n ' } },
        'content.text',
      ],
      [
        'messages.send',
        { conversationId, clientMsgId: 'nope', content: { kind: 'text', text: 'x' } },
        'clientMsgId',
      ],
      [
        'messages.send',
        { conversationId, clientMsgId: uuid(), content: { kind: 'text', text: 'x', extra: 1 } },
        'content',
      ],
      [
        'messages.send',
        {
          conversationId,
          clientMsgId: uuid(),
          content: { kind: 'text', text: 'x', mentions: Array.from({ length: 101 }, () => uuid()) },
        },
        'content.mentions',
      ],
    ];
    await unchanged(async () => {
      for (const [method, payload, path] of cases) {
        expectRefused(
          await looseEmit(c.socket, method, [payload]),
          'VALIDATION_FAILED',
          `${method} ${JSON.stringify(payload).slice(0, 80)}`,
          path,
        );
      }
    });
  });
});

describe('event names', () => {
  it('answers names that are not methods with UNKNOWN_EVENT, whatever their type', async () => {
    const c = await malletSocket();
    await unchanged(async () => {
      for (const name of [123, 0, -1, 1.5]) {
        expectRefused(await looseEmit(c.socket, name, [{}]), 'UNKNOWN_EVENT', `emit(${name})`);
      }
      const names = [
        'constructor',
        '__proto__',
        'toString',
        'hasOwnProperty',
        'valueOf',
        'isPrototypeOf',
        'error',
        'connection',
        'ME.GET',
        'me.get ',
        'me.get.extra',
        'me',
        '',
        'x'.repeat(100_000),
      ];
      for (const name of names) {
        const error = expectRefused(
          await looseEmit(c.socket, name, [{}]),
          'UNKNOWN_EVENT',
          `"${name.slice(0, 20)}"`,
        );
        expect(error.message.length).toBeLessThan(200);
      }
      // The last has no event name at all: the ack is the only argument.
      for (const body of ['[123,{}]', '[1e300]', '["__proto__"]', '["constructor",{"prototype":{}}]', '']) {
        expectRefused(await rawEvent(c.socket, body), 'UNKNOWN_EVENT', body);
      }
      // No ack asked for: no answer, and the socket carries on.
      rawPacket(c.socket, '2[123,{}]');
      rawPacket(c.socket, '2["toString"]');
      expect(await c.call('me.get', {})).toMatchObject({ ok: true });
    });
  });

  it('drops only the socket that sends a packet Socket.IO cannot accept', async () => {
    const packets = [
      '[{"a":1},{}]',
      '[null,{}]',
      '[true]',
      '[["me.get"],{}]',
      `[${deepObject(10_000)},{}]`,
      '[]',
      '{"0":"me.get"}',
      '"me.get"',
      '["disconnect"]',
      '["disconnecting",{}]',
      '["newListener",{}]',
      '["removeListener",{}]',
      '["connect",{}]',
      '[',
      '["me.get",{}',
    ];
    await unchanged(async () => {
      for (const body of packets) {
        const c = await malletSocket();
        const outcome = await rawEvent(c.socket, body);
        expect(outcome, body.slice(0, 40)).toEqual({ kind: 'disconnect', reason: 'transport close' });
      }
      // The last announces a binary attachment, then sends text where the attachment should be.
      const unreadable = [
        ['9'],
        ['5-[]'],
        ['garbage'],
        ['7["me.get",{}]'],
        ['51-["me.get",{}]', '2["me.get",{}]'],
      ];
      for (const texts of unreadable) {
        const c = await malletSocket();
        const dropped = new Promise<string>((resolve) => {
          c.socket.once('disconnect', resolve);
          setTimeout(() => {
            resolve('still connected');
          }, 5_000);
        });
        for (const text of texts) rawPacket(c.socket, text);
        expect(await dropped, texts.join(' then ')).toBe('transport close');
      }
      // An event with neither a name nor an ack id: nothing to answer, and the socket carries on.
      const c = await malletSocket();
      rawPacket(c.socket, '2');
      expect(await c.call('me.get', {})).toMatchObject({ ok: true });
    });
  });
});

/** What a sample with random ids yields: nothing of that id exists. */
const withUnknownIds: Partial<Record<RpcMethod, { code: ErrorCode } | { data: unknown }>> = {
  // Bulk lookups answer for the ids that exist: none.
  'users.get': { data: { users: [] } },
  'presence.get': { data: { presence: [] } },
  'friends.request': { code: 'USER_NOT_FOUND' },
  'friends.accept': { code: 'REQUEST_NOT_FOUND' },
  'friends.decline': { code: 'REQUEST_NOT_FOUND' },
  'friends.cancel': { code: 'REQUEST_NOT_FOUND' },
  // Nobody by that id is a friend.
  'friends.remove': { code: 'NOT_FRIENDS' },
  'blocks.add': { code: 'USER_NOT_FOUND' },
  // Unblocking is idempotent: nothing to undo, nothing written.
  'blocks.remove': { data: {} },
  'conversations.get': { code: 'CONVERSATION_NOT_FOUND' },
  'conversations.openDirect': { code: 'USER_NOT_FOUND' },
  'conversations.setPrefs': { code: 'CONVERSATION_NOT_FOUND' },
  'conversations.markRead': { code: 'CONVERSATION_NOT_FOUND' },
  'conversations.markDelivered': { code: 'CONVERSATION_NOT_FOUND' },
  'conversations.receipts': { code: 'CONVERSATION_NOT_FOUND' },
  'typing.start': { code: 'CONVERSATION_NOT_FOUND' },
  'groups.create': { code: 'USER_NOT_FOUND' },
  'groups.addMembers': { code: 'CONVERSATION_NOT_FOUND' },
  'groups.removeMember': { code: 'CONVERSATION_NOT_FOUND' },
  'groups.leave': { code: 'CONVERSATION_NOT_FOUND' },
  'groups.rename': { code: 'CONVERSATION_NOT_FOUND' },
  'groups.setRole': { code: 'CONVERSATION_NOT_FOUND' },
  'groups.transferOwnership': { code: 'CONVERSATION_NOT_FOUND' },
  'groups.dissolve': { code: 'CONVERSATION_NOT_FOUND' },
  'messages.send': { code: 'CONVERSATION_NOT_FOUND' },
  'messages.edit': { code: 'MESSAGE_NOT_FOUND' },
  'messages.recall': { code: 'MESSAGE_NOT_FOUND' },
  'reactions.add': { code: 'MESSAGE_NOT_FOUND' },
  'reactions.remove': { code: 'MESSAGE_NOT_FOUND' },
  'sync.conversation': { code: 'CONVERSATION_NOT_FOUND' },
};
const methodsWithIds = rpcMethods.filter((m) => UUID_PATTERN.test(JSON.stringify(samples[m])));

describe('unknown ids', () => {
  it('every method that takes an id has an expected answer for an unknown one', () => {
    expect(methodsWithIds.filter((m) => !(m in withUnknownIds))).toEqual([]);
    expect(Object.keys(withUnknownIds).filter((m) => !methodsWithIds.includes(m as RpcMethod))).toEqual([]);
  });

  it.each(methodsWithIds)('%s', async (method) => {
    const c = await malletSocket();
    const expected = withUnknownIds[method]!;
    await unchanged(async () => {
      const outcome = await looseEmit(c.socket, method, [samples[method]]);
      if ('code' in expected) expectRefused(outcome, expected.code, method);
      else expect(acked(outcome, method)).toEqual({ ok: true, data: expected.data });
    });
  });

  it('inside a real group and conversation, unknown people and messages are named as such', async () => {
    const owner = track(await newUser(t.url));
    const member = track(await newUser(t.url));
    const { conversation } = await owner.rpc('groups.create', { name: 'real', memberIds: [member.userId] });
    const conversationId = conversation.id;
    const nobody = uuid();
    const { request: pending } = await member.rpc('friends.request', { userId: carol.userId });
    await unchanged(async () => {
      const cases: [RpcMethod, unknown, ErrorCode][] = [
        ['groups.addMembers', { conversationId, userIds: [nobody] }, 'USER_NOT_FOUND'],
        ['groups.removeMember', { conversationId, userId: nobody }, 'NOT_MEMBER'],
        ['groups.setRole', { conversationId, userId: nobody, role: 'admin' }, 'NOT_MEMBER'],
        ['groups.transferOwnership', { conversationId, userId: nobody }, 'NOT_MEMBER'],
        [
          'messages.send',
          { conversationId, clientMsgId: uuid(), content: { kind: 'text', text: 'hi', replyTo: uuid() } },
          'MESSAGE_NOT_FOUND',
        ],
        // A real request, but not one addressed to (or sent by) the owner.
        ['friends.accept', { requestId: pending.id }, 'REQUEST_NOT_FOUND'],
        ['friends.decline', { requestId: pending.id }, 'REQUEST_NOT_FOUND'],
        ['friends.cancel', { requestId: pending.id }, 'REQUEST_NOT_FOUND'],
      ];
      for (const [method, payload, code] of cases) {
        expectRefused(await looseEmit(owner.socket, method, [payload]), code, `${method} ${code}`);
      }
    });
  });
});

describe('conversations the caller is not in', () => {
  it('answer every conversation- and message-scoped method as if they did not exist, and push nothing', async () => {
    const [alice, bob, erin, mallory] = [
      track(await newUser(t.url)),
      track(await newUser(t.url)),
      track(await newUser(t.url)),
      track(await newUser(t.url)),
    ];
    await befriend(alice, bob);
    await befriend(alice, mallory);
    const direct = (await alice.rpc('conversations.openDirect', { userId: bob.userId })).conversation.id;
    const directMessage = (await alice.send(direct, 'the direct secret')).id;
    await bob.rpc('reactions.add', { messageId: directMessage, emoji: '🤫' });
    const group = (
      await alice.rpc('groups.create', { name: 'Secret plans', memberIds: [bob.userId, erin.userId] })
    ).conversation.id;
    const groupMessage = (await bob.send(group, 'the group secret')).id;
    // Erin was a member and wrote something, then was removed: a former member is an outsider too.
    const erinsMessage = (await erin.send(group, 'erin’s own words')).id;
    await alice.rpc('groups.removeMember', { conversationId: group, userId: erin.userId });
    const malloryOwn = (await mallory.rpc('conversations.openDirect', { userId: alice.userId })).conversation
      .id;
    await until(() => erin.convEvents.some((e) => e.type === 'member.removed'));

    const typingSeen: TypingNotice[] = [];
    for (const member of [alice, bob]) member.socket.on('typing', (n) => typingSeen.push(n));
    const secretConversations = new Set([direct, group]);
    const pushedBefore = (c: TestClient) =>
      c.convEvents.filter((e) => secretConversations.has(e.conversationId));
    const erinSawBefore = pushedBefore(erin).length;

    const conversationMethods = rpcMethods.filter((m) => 'conversationId' in sampleOf(m));
    const messageMethods = rpcMethods.filter((m) => 'messageId' in sampleOf(m));
    expect(conversationMethods).toEqual(
      expect.arrayContaining(['sync.conversation', 'messages.send', 'typing.start']),
    );
    expect(messageMethods).toEqual(expect.arrayContaining(['messages.edit', 'reactions.remove']));

    await unchanged(async () => {
      for (const outsider of [mallory, erin]) {
        for (const conversationId of [direct, group]) {
          for (const method of conversationMethods) {
            const sample = sampleOf(method);
            // Real people where the method names people: the members, or the outsider themself.
            const payload = {
              ...sample,
              conversationId,
              ...('userId' in sample ? { userId: bob.userId } : {}),
              ...('userIds' in sample ? { userIds: [outsider.userId] } : {}),
            };
            const error = expectRefused(
              await looseEmit(outsider.socket, method, [payload]),
              'CONVERSATION_NOT_FOUND',
              `${outsider === erin ? 'erin' : 'mallory'} ${method} on ${conversationId === direct ? 'direct' : 'group'}`,
            );
            expect(JSON.stringify(error)).not.toMatch(/secret|Secret|erin’s/);
          }
        }
        for (const messageId of [directMessage, groupMessage, erinsMessage]) {
          for (const method of messageMethods) {
            const error = expectRefused(
              await looseEmit(outsider.socket, method, [{ ...sampleOf(method), messageId }]),
              'MESSAGE_NOT_FOUND',
              `${method} on a message the caller cannot see`,
            );
            expect(JSON.stringify(error)).not.toMatch(/secret|Secret|erin’s/);
          }
        }
      }
      // Replying, from one's own conversation, to a message of a conversation one is not in.
      expectRefused(
        await looseEmit(mallory.socket, 'messages.send', [
          {
            conversationId: malloryOwn,
            clientMsgId: uuid(),
            content: { kind: 'text', text: 'gotcha', replyTo: groupMessage },
          },
        ]),
        'MESSAGE_NOT_FOUND',
        'reply across conversations',
      );
      // Nothing of them shows in the outsiders' own views.
      for (const outsider of [mallory, erin]) {
        const list = await outsider.rpc('conversations.list', {});
        expect(list.conversations.map((c) => c.id).filter((id) => secretConversations.has(id))).toEqual([]);
        const heads = await outsider.rpc('sync.heads', {});
        expect(heads.conversations.filter((h) => secretConversations.has(h.conversationId))).toEqual([]);
      }
      // Presence only of contacts: bob is a stranger to mallory, alice a friend.
      const presence = await mallory.rpc('presence.get', { userIds: [bob.userId, alice.userId] });
      expect(presence.presence.map((p) => p.userId)).toEqual([alice.userId]);
    });

    expect(mallory.convEvents.filter((e) => secretConversations.has(e.conversationId))).toEqual([]);
    expect(pushedBefore(erin)).toHaveLength(erinSawBefore);
    expect(typingSeen).toEqual([]);
  });
});

describe('HTTP routes', () => {
  const JSON_TYPE = { 'content-type': 'application/json' };
  const validBodies = {
    '/api/auth/register': { username: 'valid_name', displayName: 'Valid', password: 'long enough pass' },
    '/api/auth/login': { username: 'valid_name', password: 'long enough pass' },
    '/api/auth/refresh': { refreshToken: 'x'.repeat(43) },
    '/api/auth/password': { currentPassword: 'correct horse battery', newPassword: 'another long one' },
  } as const;
  type PostRoute = keyof typeof validBodies;
  const postRoutes = Object.keys(validBodies) as PostRoute[];

  let henry: AuthResult;
  let ivy: AuthResult;
  beforeAll(async () => {
    henry = await register(t.url, 'Henry_http');
    ivy = await register(t.url, 'ivy_http');
  });

  function expectError(
    res: RawResponse,
    status: number,
    code: ErrorCode,
    label: string,
    path?: string,
  ): void {
    expect({ status: res.status, code: errorOf(res)?.code }, label).toEqual({ status, code });
    expect(typeof errorOf(res)?.message, label).toBe('string');
    if (path !== undefined) {
      const paths = (errorOf(res)?.issues ?? []).map((i) => i.path);
      expect(
        paths.some((p) => p === path || p.startsWith(`${path}.`)),
        `${label}: ${JSON.stringify(paths)}`,
      ).toBe(true);
    }
  }

  const tokenFor = (route: PostRoute) => (route === '/api/auth/password' ? henry.accessToken : undefined);

  it.each(postRoutes)('POST %s refuses bodies that are not the right JSON object', async (route) => {
    const token = tokenFor(route);
    const valid = validBodies[route] as Record<string, unknown>;
    const post = (body: string) => postJson(t.url, route, body, token);
    await unchanged(async () => {
      for (const body of ['{bad', '{"a":1', '42', '"string"', 'null', 'true', '\u0000']) {
        expectError(await post(body), 400, 'VALIDATION_FAILED', `${route} ${body}`);
      }
      for (const body of ['[]', JSON.stringify([valid]), '{}']) {
        expectError(
          await post(body),
          400,
          'VALIDATION_FAILED',
          `${route} ${body}`,
          body === '{}' ? undefined : '(root)',
        );
      }
      for (const key of ['extra', '__proto__', 'constructor']) {
        expectError(
          await post(JSON.stringify({ ...valid, [key]: { isAdmin: true } })),
          400,
          'VALIDATION_FAILED',
          `${route} with "${key}"`,
          '(root)',
        );
      }
      for (const key of Object.keys(valid)) {
        const label = `${route} ${key}`;
        expectError(
          await post(JSON.stringify({ ...valid, [key]: 12345 })),
          400,
          'VALIDATION_FAILED',
          label,
          key,
        );
        expectError(
          await post(JSON.stringify({ ...valid, [key]: null })),
          400,
          'VALIDATION_FAILED',
          label,
          key,
        );
        expectError(
          await post(JSON.stringify({ ...valid, [key]: ['x'] })),
          400,
          'VALIDATION_FAILED',
          label,
          key,
        );
        const without = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key));
        expectError(await post(JSON.stringify(without)), 400, 'VALIDATION_FAILED', `${label} missing`, key);
        expectError(
          await post(`{${JSON.stringify(key)}:${deepObject(10_000)}}`),
          400,
          'VALIDATION_FAILED',
          `${label} nested 10,000 deep`,
          key,
        );
        expectError(
          await post(JSON.stringify({ ...valid, [key]: 'x'.repeat(60_000) })),
          400,
          'VALIDATION_FAILED',
          `${label} of 60 KB`,
          key,
        );
      }
      expectError(await post(deepObject(10_000)), 400, 'VALIDATION_FAILED', `${route} nested 10,000 deep`);
      expectError(
        await post(deepArray(30_000)),
        400,
        'VALIDATION_FAILED',
        `${route} array nested 30,000 deep`,
      );
      expectError(
        await post(JSON.stringify({ ...valid, pad: 'x'.repeat(70_000) })),
        413,
        'PAYLOAD_TOO_LARGE',
        `${route} over 64 KB`,
      );
      expectError(await post(deepObject(100_000)), 413, 'PAYLOAD_TOO_LARGE', `${route} 600 KB of nesting`);
      // Not declared as JSON, or declared in a way the server does not read.
      const bodyText = JSON.stringify(valid);
      const withToken: Record<string, string> =
        token !== undefined ? { authorization: `Bearer ${token}` } : {};
      const variants: Record<string, string>[] = [
        { 'content-type': 'text/plain' },
        { 'content-type': 'application/x-www-form-urlencoded' },
        {},
        { 'content-type': 'application/json; charset=latin1' },
        { ...JSON_TYPE, 'content-encoding': 'gzip' },
        { ...JSON_TYPE, 'content-encoding': 'br' },
        { ...JSON_TYPE, 'content-encoding': 'made-up' },
      ];
      for (const headers of variants) {
        const res = await request(t.url, route, { body: bodyText, headers: { ...headers, ...withToken } });
        expectError(res, 400, 'VALIDATION_FAILED', `${route} ${JSON.stringify(headers)}`);
      }
    });
  });

  it('registration refuses bad usernames, display names and passwords, and names taken in any case', async () => {
    const base = { username: 'fresh_name', displayName: 'Fresh', password: 'long enough pass' };
    await unchanged(async () => {
      for (const username of [
        'has space',
        'a',
        'ab',
        'x'.repeat(33),
        'ünïcode',
        'semi;colon',
        '',
        'tab\t',
        '名字',
      ]) {
        const res = await postJson(t.url, '/api/auth/register', JSON.stringify({ ...base, username }));
        expectError(res, 400, 'VALIDATION_FAILED', `username ${JSON.stringify(username)}`, 'username');
      }
      for (const displayName of [
        '',
        '   ',
        'nul\u0000',
        'line\nbreak',
        'd'.repeat(Limits.displayNameMax + 1),
      ]) {
        const res = await postJson(t.url, '/api/auth/register', JSON.stringify({ ...base, displayName }));
        expectError(
          res,
          400,
          'VALIDATION_FAILED',
          `displayName ${JSON.stringify(displayName)}`,
          'displayName',
        );
      }
      for (const password of ['', 'short', '7chars!', 'p'.repeat(Limits.passwordMax + 1)]) {
        const res = await postJson(t.url, '/api/auth/register', JSON.stringify({ ...base, password }));
        expectError(res, 400, 'VALIDATION_FAILED', `password of ${password.length}`, 'password');
      }
      const deviceName = 'd'.repeat(Limits.deviceNameMax + 1);
      expectError(
        await postJson(t.url, '/api/auth/register', JSON.stringify({ ...base, deviceName })),
        400,
        'VALIDATION_FAILED',
        'deviceName',
        'deviceName',
      );
      for (const username of ['henry_http', 'HENRY_HTTP', 'Henry_http', 'IVY_http']) {
        const res = await postJson(t.url, '/api/auth/register', JSON.stringify({ ...base, username }));
        expectError(res, 409, 'USERNAME_TAKEN', username);
      }
    });
  });

  it('login, refresh, logout and password refuse wrong values with their codes', async () => {
    const wrong = { username: 'Henry_http', password: 'not the password' };
    await unchanged(async () => {
      const login = (body: object) => postJson(t.url, '/api/auth/login', JSON.stringify(body));
      expectError(await login(wrong), 401, 'INVALID_CREDENTIALS', 'wrong password');
      const nobody = { username: 'nobody_here', password: 'whatever it is' };
      expectError(await login(nobody), 401, 'INVALID_CREDENTIALS', 'unknown username');
      const longName = { username: 'x'.repeat(33), password: 'whatever it is' };
      expectError(await login(longName), 400, 'VALIDATION_FAILED', 'username of 33', 'username');
      expectError(
        await login({ username: 'Henry_http', password: '' }),
        400,
        'VALIDATION_FAILED',
        'no password',
        'password',
      );
      for (const refreshToken of ['nope', henry.accessToken.slice(0, 500), 'x'.repeat(512)]) {
        const res = await postJson(t.url, '/api/auth/refresh', JSON.stringify({ refreshToken }));
        expectError(res, 401, 'REFRESH_TOKEN_INVALID', `refresh ${refreshToken.slice(0, 10)}`);
      }
      for (const refreshToken of ['', 'x'.repeat(513)]) {
        const res = await postJson(t.url, '/api/auth/refresh', JSON.stringify({ refreshToken }));
        expectError(res, 400, 'VALIDATION_FAILED', `refresh of ${refreshToken.length}`, 'refreshToken');
      }
      // A bad body is refused before the route runs: the session is not signed out.
      expectError(
        await postJson(t.url, '/api/auth/logout', '{oops', henry.accessToken),
        400,
        'VALIDATION_FAILED',
        'logout with a broken body',
      );
      expectError(
        await postJson(t.url, '/api/auth/logout', `"${'x'.repeat(70_000)}"`, henry.accessToken),
        413,
        'PAYLOAD_TOO_LARGE',
        'logout with an oversize body',
      );
      const wrongCurrent = { currentPassword: 'not the password', newPassword: 'another long one' };
      expectError(
        await postJson(t.url, '/api/auth/password', JSON.stringify(wrongCurrent), henry.accessToken),
        403,
        'WRONG_PASSWORD',
        'wrong current password',
      );
      const tooShort = { currentPassword: 'correct horse battery', newPassword: '1234567' };
      expectError(
        await postJson(t.url, '/api/auth/password', JSON.stringify(tooShort), henry.accessToken),
        400,
        'VALIDATION_FAILED',
        'short new password',
        'newPassword',
      );
    });
    const me = await request(t.url, '/api/me', { token: henry.accessToken });
    expect(me.status).toBe(200);
  });

  it('routes that need a session refuse missing, malformed and forged tokens', async () => {
    const routes = [
      ['POST', '/api/auth/logout'],
      ['POST', '/api/auth/password'],
      ['GET', '/api/me'],
      ['GET', '/api/sessions'],
      ['DELETE', `/api/sessions/${ivy.sessionId}`],
    ] as const;
    const [header, payload] = henry.accessToken.split('.') as [string, string, string];
    const badAuth: [Record<string, string>, ErrorCode][] = [
      [{}, 'UNAUTHENTICATED'],
      [{ authorization: '' }, 'UNAUTHENTICATED'],
      [{ authorization: 'Bearer' }, 'UNAUTHENTICATED'],
      [{ authorization: 'Bearer ' }, 'UNAUTHENTICATED'],
      [{ authorization: `Basic ${henry.accessToken}` }, 'UNAUTHENTICATED'],
      [{ authorization: henry.accessToken }, 'UNAUTHENTICATED'],
      [{ authorization: 'Bearer garbage' }, 'TOKEN_INVALID'],
      [{ authorization: 'Bearer a.b.c' }, 'TOKEN_INVALID'],
      [{ authorization: `Bearer ${header}.${payload}.` }, 'TOKEN_INVALID'],
      [{ authorization: `Bearer ${henry.accessToken}x` }, 'TOKEN_INVALID'],
      [{ authorization: `Bearer ${henry.refreshToken}` }, 'TOKEN_INVALID'],
      [{ authorization: `Bearer ${'x'.repeat(6_000)}` }, 'TOKEN_INVALID'],
    ];
    await unchanged(async () => {
      for (const [method, path] of routes) {
        for (const [headers, code] of badAuth) {
          const body = method === 'POST' ? JSON.stringify(validBodies['/api/auth/password']) : undefined;
          const res = await request(t.url, path, {
            method,
            headers: { ...headers, ...(body !== undefined ? JSON_TYPE : {}) },
            ...(body !== undefined ? { body } : {}),
          });
          expectError(res, 401, code, `${method} ${path} ${JSON.stringify(headers).slice(0, 40)}`);
        }
      }
    });
  });

  it('DELETE /api/sessions/:id says SESSION_NOT_FOUND for ids that are not the caller’s sessions', async () => {
    const henrysPhone = await login(t.url, 'henry_http', 'phone');
    const del = (id: string, init: { body?: string; headers?: Record<string, string> } = {}) =>
      request(t.url, `/api/sessions/${id}`, { method: 'DELETE', token: henry.accessToken, ...init });
    await unchanged(async () => {
      for (const id of ['not-a-uuid', uuid(), ivy.sessionId, '%00', 'x'.repeat(2_000), "1'%20OR%20'1'='1"]) {
        expectError(await del(id), 404, 'SESSION_NOT_FOUND', `DELETE ${id.slice(0, 40)}`);
      }
      // Broken percent-encoding is a malformed request, not a server fault.
      for (const id of ['%E0%A4%A', '%', '%zz']) {
        expectError(await del(id), 400, 'VALIDATION_FAILED', `DELETE ${id}`);
      }
      // A real session of the caller's, but a body that cannot be read: refused before anything is revoked.
      expectError(
        await del(henrysPhone.sessionId, { body: '{oops', headers: JSON_TYPE }),
        400,
        'VALIDATION_FAILED',
        'DELETE with a broken body',
      );
      expectError(
        await del(henrysPhone.sessionId, {
          body: JSON.stringify({ pad: 'x'.repeat(70_000) }),
          headers: JSON_TYPE,
        }),
        413,
        'PAYLOAD_TOO_LARGE',
        'DELETE with an oversize body',
      );
    });
    // Neither Ivy's session nor Henry's phone was touched.
    expect((await request(t.url, '/api/me', { token: ivy.accessToken })).status).toBe(200);
    expect((await request(t.url, '/api/me', { token: henrysPhone.accessToken })).status).toBe(200);
  });

  it('unknown routes and methods under /api are NOT_FOUND', async () => {
    await unchanged(async () => {
      for (const [method, path] of [
        ['GET', '/api/nope'],
        ['POST', '/api/health'],
        ['GET', '/api'],
        ['POST', '/api/auth/nope'],
        ['GET', '/api/auth/register'],
        ['PUT', '/api/auth/login'],
        ['DELETE', '/api/me'],
        ['POST', '/api/me'],
        ['PATCH', '/api/sessions'],
        ['DELETE', '/api/sessions'],
        ['GET', '/api/sessions/x/y'],
        ['GET', '/api/%E0%A4%A'],
        ['GET', '/api/constructor'],
        ['GET', '/api/__proto__'],
      ] as const) {
        const res = await request(t.url, path, { method, token: henry.accessToken });
        expectError(res, 404, 'NOT_FOUND', `${method} ${path}`);
      }
    });
  });
});
