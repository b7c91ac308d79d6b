import type { ParleyServer } from '@parley/server';
import {
  type IpcChannel,
  ipcContract,
  type IpcRequest,
  type IpcResponse,
  PROTOCOL_VERSION,
} from '@parley/shared';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../../src/core/desktop-core.js';
import { FocusTracker } from '../../src/core/focus.js';
import { createIpcHandlers } from '../../src/core/ipc/handlers.js';
import { SettingsStore } from '../../src/core/settings/settings-store.js';
import { newCore, signUp, startServer, tempDir, uniqueName, until } from '../support/harness.js';
import { recordingShell } from '../support/ipc.js';
import { textOf } from '../support/text-of.js';

/*
 * The IPC handlers on a real desktop core against a real server: each request goes through the
 * contract's request schema (as the router does) and each answer must parse with the response
 * schema, so the schemas are checked against real data, not against themselves.
 */

let server: ParleyServer;
let a: DesktopCore;
let b: DesktopCore;
const opened: string[] = [];
let handlers: ReturnType<typeof createIpcHandlers>;

beforeAll(async () => {
  server = await startServer();
  a = newCore();
  b = newCore();
  handlers = createIpcHandlers({
    core: a,
    settings: new SettingsStore(join(tempDir(), 'settings.json')),
    focus: new FocusTracker((id) => {
      a.setFocusedConversation(id);
    }),
    shell: recordingShell({
      openExternal: (url) => {
        opened.push(url);
        return Promise.resolve();
      },
      appInfo: () => ({ version: '0.1.0', platform: 'linux', language: 'zh-CN' }),
    }),
  });
});
afterAll(async () => {
  a.close();
  b.close();
  await server.close();
});

async function call<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> {
  const { request: req, response: res } = ipcContract.channels[channel];
  const handler = handlers[channel] as (r: unknown) => unknown;
  const out = await handler(req.parse(request));
  return res.parse(out) as IpcResponse<C>;
}

describe('the IPC handlers on a real core', () => {
  it('check a server, register, and report the session', async () => {
    const checked = await call('session.checkServer', { serverUrl: `${server.url}/` });
    expect(checked).toMatchObject({ serverUrl: server.url, protocolVersion: PROTOCOL_VERSION });
    expect(await call('session.state', {})).toMatchObject({ connection: 'signed-out', me: null });

    const name = uniqueName('ipc');
    const { me } = await call('session.register', {
      serverUrl: server.url,
      username: name,
      displayName: ' Alice 爱丽丝 ',
      password: 'correct horse battery',
    });
    expect(me).toMatchObject({ username: name, displayName: 'Alice 爱丽丝' });
    await until(() => a.sync.connection === 'online', 15_000, 'online');
    expect(await call('session.state', {})).toMatchObject({
      connection: 'online',
      me: { id: me.id },
      serverUrl: server.url,
      rememberLogin: true,
    });
  });

  it('make a friend, open a conversation, and chat through the outbox', async () => {
    const bId = await signUp(b, server.url);
    const found = await call('people.search', { query: b.store.users.get(bId)!.username });
    expect(found.users.map((u) => u.id)).toEqual([bId]);

    const { request } = await call('friends.request', { userId: bId, message: 'hi' });
    await until(() => b.store.social.requests('incoming').length > 0, 10_000, 'request at b');
    await b.sync.rpc('friends.accept', { requestId: request.id });
    await until(() => a.store.social.friends().length > 0, 10_000, 'friend at a');
    const friends = await call('friends.list', {});
    expect(friends.friends.map((f) => f.user.id)).toEqual([bId]);

    const { conversationId } = await call('conversations.openDirect', { userId: bId });
    await until(() => a.conversations().some((c) => c.id === conversationId), 10_000, 'conversation at a');
    const { entry } = await call('messages.sendText', { conversationId, text: '你好 👋' });
    expect(entry).toMatchObject({
      conversationId,
      state: 'pending',
      content: { kind: 'text', text: '你好 👋' },
    });
    await until(() => b.store.messages.allOf(conversationId).length === 1, 10_000, 'delivery at b');

    b.sendText(conversationId, 'hello back');
    await until(() => a.badge() === 1, 10_000, 'unread at a');
    expect(await call('app.badge', {})).toEqual({ count: 1 });
    const list = await call('conversations.list', {});
    expect(list.conversations.find((c) => c.id === conversationId)).toMatchObject({
      kind: 'direct',
      unreadCount: 1,
      lastMessage: { content: { text: 'hello back' } },
    });

    const page = await call('conversations.timeline', { conversationId });
    // conversation.created is a system item: the SystemEvent schema is exercised too.
    expect(page.items.map((i) => i.kind)).toContain('system');
    expect(page.items.filter((i) => i.kind === 'message').map((i) => textOf(i.message.content))).toEqual([
      '你好 👋',
      'hello back',
    ]);
    await call('conversations.markRead', { conversationId });
    expect(await call('app.badge', {})).toEqual({ count: 0 });

    await call('conversations.setDraft', { conversationId, text: 'half a thought' });
    expect((await call('conversations.list', {})).conversations[0]!.draft).toBe('half a thought');

    const mine = a.store.messages.allOf(conversationId).find((m) => m.senderId === a.sync.me)!;
    await call('messages.react', { messageId: mine.id, emoji: '👍', on: true });
    await call('messages.edit', { messageId: mine.id, text: '你好!' });
    await call('messages.recall', { messageId: mine.id });
    await until(() => a.store.messages.get(mine.id)?.recalledAt != null, 10_000, 'recall at a');
    const after = await call('conversations.timeline', { conversationId, limit: 10 });
    expect(
      after.items.some((i) => i.kind === 'message' && i.message.id === mine.id && i.message.content === null),
    ).toBe(true);

    const people = await call('people.get', { userIds: [bId] });
    expect(people.users.map((u) => u.id)).toEqual([bId]);
  });

  it('keep settings and app requests in the main process', async () => {
    expect(await call('settings.set', { doNotDisturb: true, theme: 'dark' })).toMatchObject({
      doNotDisturb: true,
      theme: 'dark',
    });
    expect(await call('settings.get', {})).toMatchObject({ doNotDisturb: true });
    expect(await call('app.info', {})).toEqual({ version: '0.1.0', platform: 'linux', language: 'zh-CN' });
    await call('app.openExternal', { url: 'https://parley.example/help' });
    expect(opened).toEqual(['https://parley.example/help']);
  });

  it('sign out', async () => {
    await call('session.logout', {});
    expect(await call('session.state', {})).toMatchObject({ connection: 'signed-out' });
  });
});
