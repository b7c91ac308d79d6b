import type { Conversation, Message, PublicUser } from '@parley/shared';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FocusTracker } from '../../src/core/focus.js';
import type { MessageNotifyRequest, SummaryNotifyRequest } from '../../src/core/desktop-core.js';
import { resolveLanguage, shellText } from '../../src/core/i18n/shell-text.js';
import { badgeLabel } from '../../src/core/notifications/badge-label.js';
import { notificationContent, previewOf } from '../../src/core/notifications/notification-content.js';
import { contentSecurityPolicy } from '../../src/core/security/csp.js';
import { parseSettings, SettingsStore } from '../../src/core/settings/settings-store.js';
import { placeWindow, WindowStateFile } from '../../src/core/settings/window-state.js';
import { LocalStore } from '../../src/core/store/local-store.js';
import { electronSqliteBinding } from '../../src/main/native-binding.js';

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

describe('settings', () => {
  it('start from the defaults and survive a restart', () => {
    const file = join(tmp('parley-settings-'), 'settings.json');
    const store = new SettingsStore(file);
    expect(store.get()).toEqual({
      notifications: true,
      notificationPreview: true,
      notificationSound: true,
      doNotDisturb: false,
      closeToTray: true,
      startAtLogin: false,
      language: 'system',
      theme: 'system',
      sendWithCtrlEnter: false,
      fileCacheLimitGiB: 10,
      hosting: { enabled: false, port: 7400, name: null },
    });
    const changes: [boolean, boolean][] = [];
    store.on('changed', (next, previous) => changes.push([next.doNotDisturb, previous.doNotDisturb]));
    store.update({ doNotDisturb: true, language: 'zh-CN' });
    store.update({ doNotDisturb: true });
    expect(changes).toEqual([[true, false]]);
    expect(new SettingsStore(file).get()).toMatchObject({ doNotDisturb: true, language: 'zh-CN' });
  });

  it('keep the good fields of a damaged file and default the rest', () => {
    expect(
      parseSettings({
        theme: 'dark',
        language: 'klingon',
        closeToTray: 'yes',
        fileCacheLimitGiB: 3,
        extra: 1,
      }),
    ).toMatchObject({
      theme: 'dark',
      language: 'system',
      closeToTray: true,
      fileCacheLimitGiB: 10,
    });
    expect(parseSettings({ fileCacheLimitGiB: null }).fileCacheLimitGiB).toBeNull();
    expect(parseSettings('nonsense')).toMatchObject({ theme: 'system' });
    const file = join(tmp('parley-settings-'), 'settings.json');
    writeFileSync(file, '{ broken');
    expect(new SettingsStore(file).get().notifications).toBe(true);
  });
});

describe('the window placement', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  const second = { x: 1920, y: 0, width: 1280, height: 1000 };

  it('restores a saved place on a display that is still there', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(saved, [...screen, second])).toEqual({
      x: 2000,
      y: 100,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('centres a window whose display is gone, or whose title bar would be out of reach', () => {
    const gone = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: true };
    expect(placeWindow(gone, screen)).toEqual({ width: 1000, height: 700, maximized: true });
    const above = { bounds: { x: 100, y: -500, width: 800, height: 600 }, maximized: false };
    expect(placeWindow(above, screen)).toEqual({ width: 800, height: 600, maximized: false });
  });

  it('shrinks to the display and refuses nonsense', () => {
    const huge = { bounds: { x: 0, y: 0, width: 5000, height: 3000 }, maximized: false };
    expect(placeWindow(huge, screen)).toEqual({ x: 0, y: 0, width: 1920, height: 1040, maximized: false });
    for (const bad of [
      null,
      {},
      { bounds: { x: 'a' } },
      { bounds: { x: 0, y: 0, width: 1e9, height: 10 }, maximized: false },
    ]) {
      expect(placeWindow(bad, screen)).toEqual({ width: 1100, height: 720, maximized: false });
    }
  });

  it('is written to and read from a small JSON file', () => {
    const file = join(tmp('parley-window-'), 'w.json');
    new WindowStateFile(file).save({ x: 10.4, y: 20.6, width: 900, height: 600 }, false);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      bounds: { x: 10, y: 21, width: 900, height: 600 },
      maximized: false,
    });
    expect(new WindowStateFile(file).load(screen)).toEqual({
      x: 10,
      y: 21,
      width: 900,
      height: 600,
      maximized: false,
    });
  });
});

describe('notification content', () => {
  const store = LocalStore.open(tmp('parley-notify-'));
  afterAll(() => {
    store.close();
  });
  const id = () => crypto.randomUUID();
  const alice = {
    id: id(),
    username: 'alice',
    displayName: '爱丽丝',
    bio: '',
    avatarFileId: null,
    createdAt: 1,
  } as PublicUser;
  const group = {
    id: id(),
    kind: 'group',
    name: 'Design',
    createdAt: 1,
    createdBy: alice.id,
    lastSeq: 1,
    dissolvedAt: null,
    memberLimit: 500,
    members: [{ userId: alice.id, role: 'owner', joinedAt: 1 }],
    readSeq: 0,
    unreadCount: 0,
    mentioned: false,
    muted: false,
    pinned: false,
    lastMessage: null,
  } as unknown as Conversation;
  const message = {
    id: id(),
    conversationId: group.id,
    seq: 1,
    senderId: alice.id,
    clientMsgId: id(),
    content: { kind: 'text', text: '  Lunch\n at 12?  ' },
    createdAt: 1,
    editedAt: null,
    recalledAt: null,
    recalledBy: null,
    reactions: [],
  } as unknown as Message;
  store.users.upsert(alice);
  store.conversations.upsert(group);
  store.messages.upsert(message, 1);
  const request: MessageNotifyRequest = {
    kind: 'message',
    conversationId: group.id,
    messageId: message.id,
    senderId: alice.id,
    count: 1,
    mention: false,
  };

  it('shows who wrote, where, and what', () => {
    expect(notificationContent(store, request, { preview: true, text: shellText('en') })).toEqual({
      title: '爱丽丝 · Design',
      body: 'Lunch at 12?',
      avatarFileId: null,
    });
  });

  it('says what kind of file a file message carries, in the app language', () => {
    const file = {
      id: id(),
      name: '季度报告.pdf',
      size: 10,
      mime: 'application/pdf',
      sha256: 'a'.repeat(64),
      width: null,
      height: null,
      hasThumbnail: false,
      executable: false,
      createdAt: 1,
    };
    const contents = [
      { kind: 'image', fileId: file.id, file: { ...file, mime: 'image/png', width: 2, height: 2 } },
      { kind: 'file', fileId: file.id, file },
      { kind: 'voice', fileId: file.id, file, durationMs: 12_900, waveform: [1, 2] },
      { kind: 'voice', fileId: file.id, file, durationMs: 3_725_000, waveform: [] },
      { kind: 'video', fileId: file.id, file, durationMs: 0 },
    ];
    const bodies = (language: 'en' | 'zh-CN') =>
      contents.map((content, i) => {
        const seq = (language === 'en' ? 20 : 10) + i;
        const m = { ...message, id: id(), seq, clientMsgId: id(), content } as unknown as Message;
        store.messages.upsert(m, m.seq);
        return notificationContent(
          store,
          { ...request, messageId: m.id },
          { preview: true, text: shellText(language) },
        ).body;
      });
    expect(bodies('zh-CN')).toEqual([
      '[图片]',
      '[文件] 季度报告.pdf',
      '[语音] 0:12',
      '[语音] 1:02:05',
      '[视频]',
    ]);
    expect(bodies('en')).toEqual([
      '[Image]',
      '[File] 季度报告.pdf',
      '[Voice] 0:12',
      '[Voice] 1:02:05',
      '[Video]',
    ]);
  });

  it('hides the text when previews are off, in the app language', () => {
    const off = { preview: false, text: shellText('zh-CN') };
    expect(notificationContent(store, request, off).body).toBe('新消息');
    expect(notificationContent(store, { ...request, mention: true }, off).body).toBe('有人 @ 了你');
    expect(notificationContent(store, request, { preview: false, text: shellText('en') }).body).toBe(
      'New message',
    );
  });

  it('copes with a sender or message the cache does not have', () => {
    const unknown = { ...request, senderId: id(), messageId: id() };
    expect(notificationContent(store, unknown, { preview: true, text: shellText('en') })).toMatchObject({
      title: 'Someone · Design',
      body: 'New message',
    });
  });

  it('a merged notification: the group as the title, the count and the sender before the latest text', () => {
    const merged = { ...request, count: 3 };
    expect(notificationContent(store, merged, { preview: true, text: shellText('zh-CN') })).toEqual({
      title: 'Design',
      body: '[3 条] 爱丽丝: Lunch at 12?',
      avatarFileId: null,
    });
    expect(notificationContent(store, merged, { preview: true, text: shellText('en') }).body).toBe(
      '[3 messages] 爱丽丝: Lunch at 12?',
    );
    expect(notificationContent(store, merged, { preview: false, text: shellText('zh-CN') })).toMatchObject({
      title: 'Design',
      body: '3 条新消息',
    });
    expect(notificationContent(store, merged, { preview: false, text: shellText('en') }).body).toBe(
      '3 new messages',
    );
  });

  it('a merged notification with a mention in it says so first', () => {
    const merged = { ...request, count: 9, mention: true };
    expect(notificationContent(store, merged, { preview: true, text: shellText('zh-CN') }).body).toBe(
      '[9 条] [有人@我] 爱丽丝: Lunch at 12?',
    );
    expect(notificationContent(store, merged, { preview: false, text: shellText('zh-CN') }).body).toBe(
      '[有人@我] 9 条新消息',
    );
    expect(notificationContent(store, merged, { preview: false, text: shellText('en') }).body).toBe(
      '[Mentioned] 9 new messages',
    );
  });

  it('a merged notification in a direct conversation keeps the sender as the title', () => {
    const direct = {
      ...group,
      id: id(),
      kind: 'direct',
      name: null,
      members: [{ userId: alice.id, role: 'member', joinedAt: 1 }],
    } as unknown as Conversation;
    store.conversations.upsert(direct);
    const hi = {
      ...message,
      id: id(),
      conversationId: direct.id,
      clientMsgId: id(),
      content: { kind: 'text', text: 'hi' },
    } as unknown as Message;
    store.messages.upsert(hi, 1);
    const merged = { ...request, conversationId: direct.id, messageId: hi.id, count: 4 };
    expect(notificationContent(store, merged, { preview: true, text: shellText('zh-CN') })).toMatchObject({
      title: '爱丽丝',
      body: '[4 条] hi',
    });
  });

  it('a summary after a catch-up: how many messages in how many chats, and whether I was mentioned', () => {
    const summary: SummaryNotifyRequest = {
      kind: 'summary',
      conversationIds: ['c1', 'c2', 'c3', 'c4'],
      messageCount: 200,
      mention: false,
    };
    expect(notificationContent(store, summary, { preview: true, text: shellText('en') })).toEqual({
      title: 'Parley',
      body: '200 new messages in 4 chats',
      avatarFileId: null,
    });
    expect(notificationContent(store, summary, { preview: false, text: shellText('zh-CN') }).body).toBe(
      '4 个聊天中有 200 条新消息',
    );
    const mentioned = { ...summary, mention: true };
    expect(notificationContent(store, mentioned, { preview: true, text: shellText('zh-CN') }).body).toBe(
      '4 个聊天中有 200 条新消息，其中有人 @ 了你',
    );
    expect(notificationContent(store, mentioned, { preview: true, text: shellText('en') }).body).toBe(
      '200 new messages in 4 chats, including a mention of you',
    );
  });

  it('cuts long previews on a character, not in the middle of an emoji', () => {
    const long = previewOf('😀'.repeat(200));
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith('😀…')).toBe(true);
  });
});

describe('small policies', () => {
  it('badge labels', () => {
    expect([0, -1, Number.NaN, 1, 9, 10, 1000].map(badgeLabel)).toEqual(['', '', '', '1', '9', '9+', '9+']);
  });

  it('follows the system language unless told otherwise', () => {
    expect(resolveLanguage('system', ['zh-Hans-CN', 'en-US'])).toBe('zh-CN');
    expect(resolveLanguage('system', ['zh-TW'])).toBe('zh-CN');
    expect(resolveLanguage('system', ['de-DE', 'zh-CN'])).toBe('en');
    expect(resolveLanguage('system', [])).toBe('en');
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en');
    expect(resolveLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(shellText('zh-CN').trayTooltip(3)).toBe('Parley — 3 条未读');
  });

  it('a strict CSP: no inline code, no remote origins; the dev server only in development', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("media-src 'self';");
    expect(csp).not.toMatch(/unsafe|https?:|\*/);
    const dev = contentSecurityPolicy({ devServerUrl: 'http://localhost:5173' });
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    // Vite's injected styles and React Refresh's preamble need inline code, in development only.
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
  });

  it('focus: the conversation on screen counts only while the window has focus', () => {
    const applied: (string | null)[] = [];
    const focus = new FocusTracker((id) => applied.push(id));
    focus.setConversation('a');
    focus.setWindowFocused(true);
    focus.setConversation('b');
    focus.setWindowFocused(false);
    focus.setConversation(null);
    expect(applied).toEqual([null, 'a', 'b', null, null]);
  });

  it('finds the Electron build of better-sqlite3, unpacked next to app.asar when packaged', () => {
    const seen: string[] = [];
    const exists = (f: string) => {
      seen.push(f);
      return true;
    };
    const sep = join('a', 'b').slice(1, 2);
    const dev = electronSqliteBinding(join(sep, 'src', 'apps', 'desktop'), '40.8.5', 'linux', 'x64', exists);
    expect(dev).toBe(
      join(sep, 'src', 'apps', 'desktop', 'native', 'electron-40.8.5-linux-x64', 'better_sqlite3.node'),
    );
    const packed = electronSqliteBinding(
      join(sep, 'opt', 'Parley', 'resources', 'app.asar'),
      '40.8.5',
      'linux',
      'x64',
      exists,
    );
    expect(packed).toBe(
      join(
        sep,
        'opt',
        'Parley',
        'resources',
        'app.asar.unpacked',
        'native',
        'electron-40.8.5-linux-x64',
        'better_sqlite3.node',
      ),
    );
    expect(electronSqliteBinding('/x', '40.8.5', 'linux', 'x64', () => false)).toBeUndefined();
  });
});
