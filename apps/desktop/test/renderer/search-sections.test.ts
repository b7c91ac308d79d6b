import { describe, expect, it } from 'vitest';
import {
  groupsSection,
  knownContacts,
  peopleSection,
} from '../../src/renderer/components/chats/search-sections.js';
import { conversation, member, user } from './chats-fixtures.js';

const li = user('u-li', 'Li Lei', 'lilei');
const han = user('u-han', 'Han Meimei', 'hmm');
const wang = user('u-wang', '王芳', 'wangfang');
const me = user('u-me', 'Lily Me', 'lily');

describe('peopleSection', () => {
  it('matches contacts by display name or username, best match first', () => {
    expect(peopleSection('li', [han, li, me], [], 'u-me').map((p) => p.user.id)).toEqual(['u-li']);
    expect(peopleSection('mei', [li, han], [], 'u-me').map((p) => p.user.id)).toEqual(['u-han']);
    expect(peopleSection('HMM', [li, han], [], null).map((p) => p.user.id)).toEqual(['u-han']);
    expect(peopleSection('芳', [li, wang], [], null).map((p) => p.user.id)).toEqual(['u-wang']);
  });

  it('adds the server’s people after my contacts, once each, never me', () => {
    const found = peopleSection('l', [li], [li, user('u-lu', 'Lu Xun'), me], 'u-me');
    expect(found).toEqual([
      { user: li, contact: true },
      { user: user('u-lu', 'Lu Xun'), contact: false },
    ]);
  });

  it('is empty for an empty query', () => {
    expect(peopleSection('  ', [li], [li], null)).toEqual([]);
  });
});

describe('groupsSection', () => {
  const groups = [
    conversation({ id: 'g1', kind: 'group', title: 'Design review', lastActivityAt: 1 }),
    conversation({ id: 'g2', kind: 'group', title: 'Product design', lastActivityAt: 5 }),
    conversation({ id: 'g3', kind: 'group', title: '设计组', lastActivityAt: 3 }),
    conversation({ id: 'd1', kind: 'direct', title: 'Designer Dan', lastActivityAt: 9 }),
  ];

  it('finds groups by name, prefix matches before other matches, then the most recent', () => {
    expect(groupsSection('design', groups).map((c) => c.id)).toEqual(['g1', 'g2']);
    expect(groupsSection('设计', groups).map((c) => c.id)).toEqual(['g3']);
    expect(groupsSection('e', groups).map((c) => c.id)).toEqual(['g2', 'g1']);
  });
});

describe('knownContacts', () => {
  it('is my friends plus the other person of each direct chat', () => {
    const chats = [
      conversation({ id: 'd1', kind: 'direct', members: [member('u-me'), member('u-wang')] }),
      conversation({ id: 'd2', kind: 'direct', members: [member('u-me'), member('u-li')] }),
      conversation({ id: 'g1', kind: 'group', members: [member('u-me'), member('u-han')] }),
    ];
    const users = { 'u-wang': wang, 'u-li': li, 'u-han': han };
    expect(knownContacts([li], chats, users, 'u-me').map((u) => u.id)).toEqual(['u-li', 'u-wang']);
  });
});
