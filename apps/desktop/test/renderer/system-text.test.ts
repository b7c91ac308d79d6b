import { SYSTEM_USER_ID } from '@parley/shared/system';
import type { SystemEvent } from '@parley/shared';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { peopleOf } from '../../src/renderer/components/conversation/people-of.js';
import { systemText, type Who } from '../../src/renderer/components/conversation/system-text.js';
import { en } from '../../src/renderer/i18n/locales/en/index.js';
import { zhCN } from '../../src/renderer/i18n/locales/zh-CN/index.js';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: 'en', resources: { en, 'zh-CN': zhCN }, interpolation: { escapeValue: false } });
});

const names: Record<string, string> = { me: '', a: 'Ann', b: 'Bob', c: 'Cai' };

function sentence(
  language: 'en' | 'zh-CN',
  event: Omit<SystemEvent, 'conversationId' | 'seq' | 'createdAt'>,
) {
  const t = i18n.getFixedT(language, 'conversation');
  const who: Who = (id, role) =>
    id === 'me'
      ? t(role === 'subject' ? 'system.youSubject' : 'system.youObject')
      : t('system.person', { name: names[id] ?? '?' });
  const list = new Intl.ListFormat(language, { type: 'conjunction' });
  return systemText(t, { conversationId: 'c', seq: 1, createdAt: 0, ...event } as SystemEvent, who, (n) =>
    list.format(n),
  );
}

describe('system lines', () => {
  it('say who did what, with "You"/"you" for me, in English', () => {
    expect(sentence('en', { type: 'members.added', actorId: 'a', userIds: ['b', 'me'] } as never)).toBe(
      'Ann added Bob and you',
    );
    expect(sentence('en', { type: 'members.added', actorId: 'c', userIds: ['c'] } as never)).toBe(
      'Cai joined the group',
    );
    expect(sentence('en', { type: 'member.removed', actorId: 'me', userId: 'b' } as never)).toBe(
      'You removed Bob',
    );
    expect(sentence('en', { type: 'member.role', actorId: 'a', userId: 'b', role: 'admin' } as never)).toBe(
      'Ann made Bob an admin',
    );
    expect(
      sentence('en', {
        type: 'conversation.created',
        actorId: 'me',
        kind: 'group',
        name: 'Ops',
        memberIds: [],
      } as never),
    ).toBe('You created the group “Ops”');
  });

  it('quote names the way Chinese chat apps do, and say 你 plainly', () => {
    expect(
      sentence('zh-CN', { type: 'members.added', actorId: 'me', userIds: ['a', 'b', 'c'] } as never),
    ).toBe('你邀请“Ann”、“Bob”和“Cai”加入了群聊');
    expect(sentence('zh-CN', { type: 'member.left', actorId: 'b', userId: 'b' } as never)).toBe(
      '“Bob”退出了群聊',
    );
    expect(sentence('zh-CN', { type: 'conversation.renamed', actorId: 'a', name: '周报' } as never)).toBe(
      '“Ann”修改群名为“周报”',
    );
    expect(
      sentence('zh-CN', {
        type: 'conversation.ownerChanged',
        actorId: 'a',
        fromUserId: 'a',
        toUserId: 'me',
      } as never),
    ).toBe('“Ann”已将群主转让给你');
  });

  it('say who changed or removed the group photo, in both languages', () => {
    const changed = { type: 'conversation.avatarChanged', actorId: 'a', avatarFileId: 'f1' } as never;
    const removed = { type: 'conversation.avatarChanged', actorId: 'me', avatarFileId: null } as never;
    expect(sentence('en', changed)).toBe('Ann changed the group photo');
    expect(sentence('en', removed)).toBe('You removed the group photo');
    expect(sentence('zh-CN', changed)).toBe('“Ann”更换了群头像');
    expect(sentence('zh-CN', removed)).toBe('你移除了群头像');
  });

  it('name everyone a page of the timeline needs a profile for', () => {
    const ids = peopleOf([
      { kind: 'system', seq: 1, event: { type: 'member.removed', actorId: 'a', userId: 'b' } },
      {
        kind: 'message',
        seq: 2,
        message: {
          senderId: 'c',
          recalledBy: null,
          content: { kind: 'text', text: 'hi @D', mentions: ['d'] },
          reactions: [{ emoji: '👍', userIds: ['e'] }],
        },
      },
      {
        kind: 'message',
        seq: 3,
        message: { senderId: 'f', recalledBy: null, content: { kind: 'image', file: {} }, reactions: [] },
      },
    ] as never);
    expect(ids.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('never ask for a profile of the server itself (messages it removed after the retention period)', () => {
    const ids = peopleOf([
      {
        kind: 'message',
        seq: 1,
        message: { senderId: 'a', recalledBy: SYSTEM_USER_ID, content: null, reactions: [] },
      },
      {
        kind: 'message',
        seq: 2,
        message: { senderId: 'b', recalledBy: 'c', content: null, reactions: [] },
      },
    ] as never);
    expect(ids.sort()).toEqual(['a', 'b', 'c']);
  });
});
