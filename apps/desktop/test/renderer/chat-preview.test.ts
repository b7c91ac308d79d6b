import { SYSTEM_USER_ID } from '@parley/shared/system';
import { describe, expect, it } from 'vitest';
import { buildPreview, oneLine, rowTime } from '../../src/renderer/components/chats/preview.js';
import { conversation, fileContent, message, outboxEntry, pendingFile } from './chats-fixtures.js';

const names: Record<string, string> = { 'u-other': 'Wang Fang', 'u-admin': 'Admin Zhao' };
const ctx = {
  me: 'u-me',
  nameOf: (id: string) => names[id] ?? '',
  isOpen: false,
  outgoing: null,
};

describe('buildPreview', () => {
  it('shows the last message, on one line', () => {
    const c = conversation({ id: 'c1', lastMessage: message({ text: 'see you\n\n at  five' }) });
    expect(buildPreview(c, ctx)).toEqual({ kind: 'text', sender: null, text: 'see you at five' });
  });

  it('names the sender in groups, but not for my own messages', () => {
    const group = conversation({ id: 'g1', kind: 'group', lastMessage: message({ text: 'hi all' }) });
    expect(buildPreview(group, ctx)).toEqual({ kind: 'text', sender: 'Wang Fang', text: 'hi all' });
    const mine = { ...group, lastMessage: message({ senderId: 'u-me' as never }) };
    expect(buildPreview(mine, ctx)).toMatchObject({ kind: 'text', sender: null });
    const unknown = { ...group, lastMessage: message({ senderId: 'u-stranger' as never }) };
    expect(buildPreview(unknown, ctx)).toMatchObject({ sender: null });
  });

  it('puts a draft first, except in the open conversation', () => {
    const c = conversation({ id: 'c1', draft: ' half a\nthought ', lastMessage: message() });
    expect(buildPreview(c, ctx)).toEqual({ kind: 'draft', text: 'half a thought' });
    expect(buildPreview(c, { ...ctx, isOpen: true })).toMatchObject({ kind: 'text', text: 'hello' });
    expect(buildPreview({ ...c, draft: '   ' }, ctx)).toMatchObject({ kind: 'text' });
  });

  it('says who recalled a message', () => {
    const recalled = (by: string | null, sender = 'u-other') =>
      conversation({
        id: 'c1',
        lastMessage: message({
          text: null,
          senderId: sender as never,
          recalledAt: 5,
          recalledBy: by as never,
        }),
      });
    expect(buildPreview(recalled('u-me', 'u-me'), ctx)).toEqual({ kind: 'recalled', by: 'me', name: '' });
    expect(buildPreview(recalled('u-admin'), ctx)).toEqual({
      kind: 'recalled',
      by: 'someone',
      name: 'Admin Zhao',
    });
    expect(buildPreview(recalled(null), ctx)).toEqual({ kind: 'recalled', by: 'someone', name: 'Wang Fang' });
  });

  it('says a message expired when the server removed it (retention), naming no one', () => {
    const expired = conversation({
      id: 'c1',
      lastMessage: message({ text: null, recalledAt: 5, recalledBy: SYSTEM_USER_ID as never }),
    });
    expect(buildPreview(expired, ctx)).toEqual({ kind: 'expired' });
  });

  it('explains a conversation I can no longer write in', () => {
    const m = message();
    expect(buildPreview(conversation({ id: 'g', leftReason: 'left', lastMessage: m }), ctx)).toEqual({
      kind: 'left',
    });
    expect(buildPreview(conversation({ id: 'g', leftReason: 'removed' }), ctx)).toEqual({ kind: 'removed' });
    expect(buildPreview(conversation({ id: 'g', dissolvedAt: 9, lastMessage: m }), ctx)).toEqual({
      kind: 'dissolved',
    });
  });

  it('shows my unsent message when it is the newest', () => {
    const c = conversation({ id: 'c1', lastMessage: message({ createdAt: 1000 }), pendingCount: 1 });
    expect(buildPreview(c, { ...ctx, outgoing: outboxEntry('typed offline', 2000) })).toEqual({
      kind: 'text',
      sender: null,
      text: 'typed offline',
    });
    expect(buildPreview(c, { ...ctx, outgoing: outboxEntry('older', 500) })).toMatchObject({ text: 'hello' });
  });

  it('tags file messages by kind, with the sender in groups', () => {
    const withContent = (kind: 'image' | 'file' | 'voice' | 'video') =>
      conversation({
        id: 'g1',
        kind: 'group',
        lastMessage: { ...message(), content: fileContent(kind, { name: 'plan.xlsx' }) },
      });
    expect(buildPreview(withContent('image'), ctx)).toEqual({
      kind: 'file',
      sender: 'Wang Fang',
      tag: { kind: 'image' },
    });
    expect(buildPreview(withContent('file'), ctx)).toMatchObject({
      tag: { kind: 'file', name: 'plan.xlsx' },
    });
    expect(buildPreview(withContent('voice'), ctx)).toMatchObject({
      tag: { kind: 'voice', durationMs: 12_400 },
    });
    expect(buildPreview(withContent('video'), ctx)).toMatchObject({ tag: { kind: 'video' } });
  });

  it('tags my file still being sent when it is the newest', () => {
    const c = conversation({ id: 'c1', lastMessage: message({ createdAt: 1000 }), pendingCount: 1 });
    expect(buildPreview(c, { ...ctx, outgoing: pendingFile('file', 'notes.txt', 2000) })).toEqual({
      kind: 'file',
      sender: null,
      tag: { kind: 'file', name: 'notes.txt' },
    });
    expect(
      buildPreview(c, { ...ctx, outgoing: pendingFile('voice', 'voice.webm', 2000, { durationMs: 3000 }) }),
    ).toMatchObject({ tag: { kind: 'voice', durationMs: 3000 } });
  });

  it('says when there is nothing yet', () => {
    expect(buildPreview(conversation({ id: 'c1' }), ctx)).toEqual({ kind: 'empty' });
  });
});

describe('rowTime', () => {
  it('is the later of the last activity and my unsent message', () => {
    const c = conversation({ id: 'c1', lastActivityAt: 1000 });
    expect(rowTime(c, null)).toBe(1000);
    expect(rowTime(c, outboxEntry('x', 3000))).toBe(3000);
    expect(rowTime(c, outboxEntry('x', 10))).toBe(1000);
  });
});

describe('oneLine', () => {
  it('folds every kind of whitespace run into one space', () => {
    expect(oneLine('\ta\r\n b\u3000 c ')).toBe('a b c');
  });
});
