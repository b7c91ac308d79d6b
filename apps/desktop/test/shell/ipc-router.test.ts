import {
  type IpcChannel,
  ipcChannels,
  ipcContract,
  type IpcHandlers,
  type IpcResult,
  Limits,
} from '@parley/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { double, FakeBrowserWindow, FakeFrame } from '../support/electron-double.js';

vi.mock('electron', () => import('../support/electron-double.js'));
const { registerIpcHandlers, isTrustedSender } = await import('../../src/main/ipc-router.js');
const { APP_ORIGIN, APP_URL } = await import('../../src/main/app-protocol.js');

const id = () => crypto.randomUUID();

/** A request each channel accepts: proves the checks below are about the request, not the channel. */
const valid: Record<IpcChannel, unknown> = {
  'session.state': {},
  'session.checkServer': { serverUrl: 'http://192.168.1.10:7400/' },
  'session.register': {
    serverUrl: 'http://localhost:7400',
    username: 'alice',
    displayName: 'Alice',
    password: 'correct horse',
  },
  'session.login': { serverUrl: 'https://chat.example.org', username: 'alice', password: 'x' },
  'session.logout': {},
  'session.changePassword': { currentPassword: 'old one', newPassword: 'a better passphrase' },
  'session.sessions': {},
  'session.revoke': { sessionId: id() },
  'session.setNewPassword': { newPassword: 'a new passphrase' },
  'tls.trust': { serverUrl: 'https://192.168.1.10:7400', fingerprint: 'AB12 '.repeat(16).trim() },
  'conversations.list': {},
  'conversations.timeline': { conversationId: id() },
  'conversations.olderPage': { conversationId: id(), beforeSeq: 10, limit: 50 },
  'conversations.around': { conversationId: id(), seq: 42, limit: 20 },
  'conversations.newerPage': { conversationId: id(), afterSeq: 0 },
  'conversations.receipts': { conversationId: id() },
  'conversations.markRead': { conversationId: id() },
  'conversations.setDraft': { conversationId: id(), text: '' },
  'conversations.setFocused': { conversationId: null },
  'conversations.setPrefs': { conversationId: id(), muted: true },
  'conversations.openDirect': { userId: id() },
  'typing.start': { conversationId: id() },
  'groups.create': { name: 'Team 团队', memberIds: [id()] },
  'groups.addMembers': { conversationId: id(), userIds: [id(), id()] },
  'groups.removeMember': { conversationId: id(), userId: id() },
  'groups.leave': { conversationId: id() },
  'groups.rename': { conversationId: id(), name: '新名字' },
  'groups.setRole': { conversationId: id(), userId: id(), role: 'admin' },
  'groups.transferOwnership': { conversationId: id(), userId: id() },
  'groups.dissolve': { conversationId: id() },
  'messages.sendText': { conversationId: id(), text: '你好 👋', mentions: [id()] },
  'messages.retry': { clientMsgId: id() },
  'messages.discard': { clientMsgId: id() },
  'messages.edit': { messageId: id(), text: 'fixed' },
  'messages.recall': { messageId: id() },
  'messages.react': { messageId: id(), emoji: '👍', on: true },
  'messages.deleteForMe': { conversationId: id(), messageId: id() },
  'messages.get': { conversationId: id(), messageId: id() },
  'search.messages': { query: ' 季度 plan ', conversationId: id(), limit: 50, offset: 100 },
  'people.get': { userIds: [id()] },
  'people.search': { query: 'ali' },
  'profile.update': { displayName: 'Ada', bio: '' },
  'presence.get': { userIds: [id()] },
  'friends.list': {},
  'friends.request': { userId: id(), message: 'hi' },
  'friends.accept': { requestId: id() },
  'friends.decline': { requestId: id() },
  'friends.cancel': { requestId: id() },
  'friends.remove': { userId: id() },
  'blocks.list': {},
  'blocks.add': { userId: id() },
  'blocks.remove': { userId: id() },
  'files.send': {
    conversationId: id(),
    items: [
      { source: { kind: 'path', path: '/home/ada/季度报告.pdf' } },
      { source: { kind: 'path', path: 'C:\\Users\\Ada\\photo.jpg' } },
      {
        source: { kind: 'bytes', name: 'voice.webm', type: 'audio/webm', data: new Uint8Array(3) },
        voice: { durationMs: 1200, waveform: [0, 128, 255] },
      },
    ],
    replyTo: id(),
  },
  'files.download': { conversationId: id(), messageId: id() },
  'files.saveAs': { conversationId: id(), messageId: id() },
  'files.open': { conversationId: id(), messageId: id() },
  'files.showInFolder': { conversationId: id(), messageId: id() },
  'files.downloaded': { files: [{ conversationId: id(), messageId: id() }] },
  'files.cacheUsage': {},
  'files.clearCache': {},
  'transfers.list': {},
  'transfers.pause': { id: id() },
  'transfers.resume': { id: `download:${id()}` },
  'transfers.cancel': { id: id() },
  'profile.setAvatar': {
    source: { kind: 'bytes', name: 'me.png', type: 'image/png', data: new Uint8Array(8) },
  },
  'groups.setAvatar': { conversationId: id(), source: { kind: 'path', path: '\\\\nas\\team\\logo.png' } },
  'discovery.start': {},
  'discovery.stop': {},
  'discovery.list': {},
  'settings.get': {},
  'settings.set': { theme: 'dark', notificationPreview: false, fileCacheLimitGiB: null },
  'app.info': {},
  'app.badge': {},
  'app.openExternal': { url: 'https://parley.example/help' },
  'admin.getSettings': {},
  'admin.updateSettings': { serverName: '研发部', announcement: 'Line one\nline two', retentionDays: null },
  'admin.listInvites': {},
  'admin.createInvite': { expiresInHours: 24, maxUses: null },
  'admin.revokeInvite': { inviteId: id() },
  'admin.listUsers': { query: 'ali', offset: 20, limit: 20 },
  'admin.disableUser': { userId: id() },
  'admin.enableUser': { userId: id() },
  'admin.resetPassword': { userId: id() },
  'admin.setAdmin': { userId: id(), isAdmin: false },
  'admin.runRetention': {},
  'server.info': {},
  'host.start': { name: '研发部的 Parley' },
  'host.stop': {},
  'host.status': {},
};

/** For each channel, a request that is almost right, and the field the error must name. */
const almost: Record<IpcChannel, [request: unknown, path: string]> = {
  'session.state': [{ verbose: true }, '(root)'],
  'session.checkServer': [{ serverUrl: 'javascript:alert(1)' }, 'serverUrl'],
  'session.register': [{ ...(valid['session.register'] as object), username: 'a b' }, 'username'],
  'session.login': [{ serverUrl: 'ftp://x', username: 'a', password: 'b' }, 'serverUrl'],
  'session.logout': [{ everywhere: true }, '(root)'],
  'session.changePassword': [{ currentPassword: 'old one', newPassword: 'short' }, 'newPassword'],
  'session.sessions': [{ all: true }, '(root)'],
  'session.revoke': [{ sessionId: 'current' }, 'sessionId'],
  'session.setNewPassword': [{ newPassword: 'short' }, 'newPassword'],
  'tls.trust': [{ serverUrl: 'https://192.168.1.10:7400', fingerprint: 'ab12'.repeat(15) }, 'fingerprint'],
  'conversations.list': [{ limit: 5 }, '(root)'],
  'conversations.timeline': [{ conversationId: 'not-a-uuid' }, 'conversationId'],
  'conversations.olderPage': [{ conversationId: id(), beforeSeq: 0 }, 'beforeSeq'],
  'conversations.around': [{ conversationId: id(), seq: 0 }, 'seq'],
  'conversations.newerPage': [{ conversationId: id(), afterSeq: 10, limit: Limits.pageMax + 1 }, 'limit'],
  'conversations.receipts': [{ conversationId: id(), userId: id() }, '(root)'],
  'conversations.markRead': [{ conversationId: 42 }, 'conversationId'],
  'conversations.setDraft': [{ conversationId: id(), text: 'x'.repeat(Limits.textMax * 2 + 1) }, 'text'],
  'conversations.setFocused': [{}, 'conversationId'],
  'conversations.setPrefs': [{ conversationId: id(), muted: 'yes' }, 'muted'],
  'conversations.openDirect': [{ userId: '' }, 'userId'],
  'typing.start': [{ conversationId: 'general' }, 'conversationId'],
  'groups.create': [{ name: '  ', memberIds: [] }, 'name'],
  'groups.addMembers': [{ conversationId: id(), userIds: [] }, 'userIds'],
  'groups.removeMember': [{ conversationId: id() }, 'userId'],
  'groups.leave': [{ conversationId: id(), quietly: true }, '(root)'],
  'groups.rename': [{ conversationId: id(), name: 'x'.repeat(Limits.groupNameMax + 1) }, 'name'],
  'groups.setRole': [{ conversationId: id(), userId: id(), role: 'owner' }, 'role'],
  'groups.transferOwnership': [{ conversationId: id(), userId: 7 }, 'userId'],
  'groups.dissolve': [{}, 'conversationId'],
  'messages.sendText': [{ conversationId: id(), text: '😀'.repeat(Limits.textMax + 1) }, 'text'],
  'messages.retry': [{ clientMsgId: null }, 'clientMsgId'],
  'messages.discard': [{}, 'clientMsgId'],
  'messages.edit': [{ messageId: id(), text: '   ' }, 'text'],
  'messages.recall': [{ messageId: id(), reason: 'typo' }, '(root)'],
  'messages.react': [{ messageId: id(), emoji: 'two words', on: true }, 'emoji'],
  'messages.deleteForMe': [{ conversationId: id(), messageId: 'm1' }, 'messageId'],
  'messages.get': [{ messageId: id() }, 'conversationId'],
  'search.messages': [{ query: '   ' }, 'query'],
  'people.get': [{ userIds: [] }, 'userIds'],
  'people.search': [{ query: 'x'.repeat(Limits.searchQueryMax + 1) }, 'query'],
  'profile.update': [{ displayName: 'Ada', avatar: 'ada.png' }, '(root)'],
  'presence.get': [{ userIds: [id(), 'nobody'] }, 'userIds.1'],
  'friends.list': [{ page: 2 }, '(root)'],
  'friends.request': [{ userId: id(), message: 'x'.repeat(Limits.friendRequestMessageMax + 1) }, 'message'],
  'friends.accept': [{ requestId: 'abc' }, 'requestId'],
  'friends.decline': [{ requestId: id(), reason: 'no' }, '(root)'],
  'friends.cancel': [{ requestId: '' }, 'requestId'],
  'friends.remove': [{ userId: 'me' }, 'userId'],
  'blocks.list': [{ limit: 10 }, '(root)'],
  'blocks.add': [{ userId: id(), reason: 'spam' }, '(root)'],
  'blocks.remove': [{ userId: null }, 'userId'],
  'files.send': [
    {
      conversationId: id(),
      items: [
        {
          source: {
            kind: 'bytes',
            name: 'huge.bin',
            type: 'application/octet-stream',
            data: new Uint8Array(Limits.bytesFromRendererMax + 1),
          },
        },
      ],
    },
    'items.0.source.data',
  ],
  'files.download': [{ conversationId: id(), messageId: 'latest' }, 'messageId'],
  'files.saveAs': [{ messageId: id() }, 'conversationId'],
  'files.open': [{ conversationId: id(), messageId: id(), app: '/bin/sh' }, '(root)'],
  'files.showInFolder': [{ conversationId: id(), messageId: 5 }, 'messageId'],
  'files.downloaded': [{ files: [] }, 'files'],
  'files.cacheUsage': [{ all: true }, '(root)'],
  'files.clearCache': [{ keep: 'outgoing' }, '(root)'],
  'transfers.list': [{ all: true }, '(root)'],
  'transfers.pause': [{ id: '' }, 'id'],
  'transfers.resume': [{ id: 'x'.repeat(201) }, 'id'],
  'transfers.cancel': [{}, 'id'],
  'profile.setAvatar': [{ source: { kind: 'path', path: `/${'a'.repeat(5000)}` } }, 'source.path'],
  'groups.setAvatar': [
    { conversationId: id(), source: { kind: 'path', path: '../../etc/passwd' } },
    'source.path',
  ],
  'discovery.start': [{ interfaces: ['eth0'] }, '(root)'],
  'discovery.stop': [{ all: true }, '(root)'],
  'discovery.list': [{ refresh: true }, '(root)'],
  'settings.get': [{ key: 'theme' }, '(root)'],
  'settings.set': [{ theme: 'dark', fileCacheLimitGiB: 3 }, 'fileCacheLimitGiB'],
  'app.info': [{ full: true }, '(root)'],
  'app.badge': [{ count: 3 }, '(root)'],
  'app.openExternal': [{ url: 'file:///etc/passwd' }, 'url'],
  'admin.getSettings': [{ include: 'secrets' }, '(root)'],
  'admin.updateSettings': [{ registration: 'friends' }, 'registration'],
  'admin.listInvites': [{ all: true }, '(root)'],
  'admin.createInvite': [{ maxUses: 0 }, 'maxUses'],
  'admin.revokeInvite': [{ inviteId: 'ABCD-EFGH-JKMN' }, 'inviteId'],
  'admin.listUsers': [{ limit: Limits.adminUsersPageMax + 1 }, 'limit'],
  'admin.disableUser': [{ userId: 'alice' }, 'userId'],
  'admin.enableUser': [{}, 'userId'],
  'admin.resetPassword': [{ userId: id(), password: 'chosen' }, '(root)'],
  'admin.setAdmin': [{ userId: id(), isAdmin: 'yes' }, 'isAdmin'],
  'admin.runRetention': [{ days: 7 }, '(root)'],
  'server.info': [{ refresh: true }, '(root)'],
  'host.start': [{ name: 'Team\nchat' }, 'name'],
  'host.stop': [{ force: true }, '(root)'],
  'host.status': [{ verbose: true }, '(root)'],
};

/** Not even the right kind of value, for any channel. */
const garbage: unknown[] = [
  undefined,
  null,
  'conversations.list',
  42,
  true,
  [],
  [{}],
  { __proto__: null, x: 1 },
];

let win: FakeBrowserWindow;
let handlers: IpcHandlers;
let calls: IpcChannel[];

beforeEach(() => {
  double.reset();
  calls = [];
  handlers = Object.fromEntries(
    ipcChannels.map((c) => [
      c,
      (request: unknown) => {
        calls.push(c);
        return { echoed: request };
      },
    ]),
  ) as unknown as IpcHandlers;
  win = new FakeBrowserWindow({});
  void win.loadURL(APP_URL);
  registerIpcHandlers(handlers, { window: () => win as never, origin: APP_ORIGIN });
});

const invoke = async (channel: string, event: unknown, request: unknown) =>
  (await double.invoke(channel, event, request)) as IpcResult<unknown>;

describe('the IPC router', () => {
  it('registers exactly one handler per contract channel, and nothing else', () => {
    const registered = double.callsTo('ipcMain', 'handle').map((c) => c.args[0]);
    expect(registered).toEqual([...ipcChannels]);
    expect(Object.keys(ipcContract.channels).sort()).toEqual([...ipcChannels].sort());
  });

  it('passes a valid request, parsed, to the channel handler', async () => {
    for (const channel of ipcChannels) {
      const result = await invoke(channel, win.webContents.invokeEvent(), valid[channel]);
      expect(result, channel).toMatchObject({ ok: true });
    }
    expect(calls).toEqual([...ipcChannels]);
    const checked = await invoke('session.checkServer', win.webContents.invokeEvent(), {
      serverUrl: ' http://192.168.1.10:7400/ ',
    });
    expect(checked).toEqual({ ok: true, data: { echoed: { serverUrl: 'http://192.168.1.10:7400' } } });
  });

  // Test 6, first half.
  it('rejects a malformed request on every channel with IPC_INVALID_REQUEST and the issues', async () => {
    for (const channel of ipcChannels) {
      for (const request of garbage) {
        const result = await invoke(channel, win.webContents.invokeEvent(), request);
        expect(result.ok, `${channel} accepted ${JSON.stringify(request)}`).toBe(false);
        if (result.ok) continue;
        expect(result.error.code).toBe('IPC_INVALID_REQUEST');
        expect(result.error.message.startsWith(`${channel}: `)).toBe(true);
        expect(result.error.issues?.length).toBeGreaterThan(0);
      }
      const [request, path] = almost[channel];
      const result = await invoke(channel, win.webContents.invokeEvent(), request);
      expect(result.ok, `${channel} accepted its almost-right request (${path})`).toBe(false);
      if (result.ok) continue;
      expect(result.error).toMatchObject({ code: 'IPC_INVALID_REQUEST' });
      expect(result.error.message).toContain(`${channel}: ${path}`);
      expect(result.error.issues?.map((i) => i.path)).toContain(path);
    }
    expect(calls).toEqual([]);
  });

  // Test 6, second half.
  it('refuses a call from any frame that is not our window top frame on our origin', async () => {
    const other = new FakeBrowserWindow({});
    void other.loadURL(APP_URL);
    const subframe = new FakeFrame(win.webContents.mainFrame.processId, win.webContents.mainFrame);
    subframe.url = APP_URL;
    const foreign: [string, unknown][] = [
      ['another window', other.webContents.invokeEvent()],
      ['a subframe of our window', win.webContents.invokeEvent(subframe)],
      ['a frame that is gone', win.webContents.invokeEvent(null)],
      [
        'our sender with another window frame',
        { sender: win.webContents, senderFrame: other.webContents.mainFrame },
      ],
    ];
    for (const [what, event] of foreign) {
      for (const channel of ipcChannels) {
        const result = await invoke(channel, event, valid[channel]);
        expect(result, `${channel} from ${what}`).toEqual({
          ok: false,
          error: { code: 'IPC_FORBIDDEN', message: expect.stringContaining(channel) as string },
        });
      }
    }
    // Our own frame, navigated to another origin (or a file) somehow.
    for (const url of [
      'https://evil.example/parley',
      'file:///tmp/index.html',
      'parley://other/index.html',
      '',
    ]) {
      win.webContents.mainFrame.url = url;
      const result = await invoke('conversations.list', win.webContents.invokeEvent(), {});
      expect(result, url).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN' } });
    }
    // And no window at all (closed, or not yet created).
    win.webContents.mainFrame.url = APP_URL;
    win.destroy();
    expect(await invoke('app.badge', win.webContents.invokeEvent(), {})).toMatchObject({
      ok: false,
      error: { code: 'IPC_FORBIDDEN' },
    });
    expect(calls).toEqual([]);
  });

  it('checks the sender before the request, so a foreign frame learns nothing about schemas', async () => {
    const other = new FakeBrowserWindow({});
    const result = await invoke('messages.sendText', other.webContents.invokeEvent(), { bad: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN' } });
  });

  it('trusts the dev server origin only when told to', () => {
    void win.loadURL('http://localhost:5173/');
    const event = win.webContents.invokeEvent() as never;
    expect(isTrustedSender(event, { window: () => win as never, origin: 'http://localhost:5173' })).toBe(
      true,
    );
    expect(isTrustedSender(event, { window: () => win as never, origin: APP_ORIGIN })).toBe(false);
  });

  it('turns a handler failure into an error result with a stable code', async () => {
    double.reset();
    const failing = {
      ...handlers,
      'people.search': () => {
        throw Object.assign(new Error('not connected'), { code: 'NETWORK' });
      },
      'friends.accept': () =>
        Promise.reject(Object.assign(new Error('no such request'), { code: 'REQUEST_NOT_FOUND' })),
      'app.badge': () => {
        throw new Error('boom');
      },
    } as IpcHandlers;
    const w = new FakeBrowserWindow({});
    void w.loadURL(APP_URL);
    registerIpcHandlers(failing, { window: () => w as never, origin: APP_ORIGIN });
    const e = w.webContents.invokeEvent();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await invoke('people.search', e, { query: 'a' })).toEqual({
      ok: false,
      error: { code: 'NETWORK', message: 'not connected' },
    });
    expect(await invoke('friends.accept', e, { requestId: id() })).toEqual({
      ok: false,
      error: { code: 'REQUEST_NOT_FOUND', message: 'no such request' },
    });
    expect(await invoke('app.badge', e, {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'boom' },
    });
    expect(spy).toHaveBeenCalledOnce();
    spy.mockRestore();
  });

  it('removes its handlers when asked', () => {
    double.reset();
    const remove = registerIpcHandlers(handlers, { window: () => null, origin: APP_ORIGIN });
    expect(ipcChannels.every((c) => double.hasIpcHandler(c))).toBe(true);
    remove();
    expect(ipcChannels.some((c) => double.hasIpcHandler(c))).toBe(false);
  });
});
