import type { PublicUser } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import {
  compareUsers,
  groupByInitial,
  initialOf,
  matchesQuery,
} from '../../src/renderer/components/people/friend-groups.js';

function user(displayName: string, username = displayName.toLowerCase()): PublicUser {
  return {
    id: `id-${username}` as PublicUser['id'],
    username,
    displayName,
    bio: '',
    avatarFileId: null,
    createdAt: 0,
  };
}

describe('initialOf', () => {
  it('files Latin names under their first letter, ignoring case, accents and leading spaces', () => {
    expect(initialOf('Alice')).toBe('A');
    expect(initialOf('bob')).toBe('B');
    expect(initialOf('Émile')).toBe('E');
    expect(initialOf('  zoë')).toBe('Z');
  });

  it('files Chinese names under the pinyin initial of their first character', () => {
    const cases: [string, string][] = [
      ['阿明', 'A'],
      ['白雪', 'B'],
      ['陈晨', 'C'],
      ['丁一', 'D'],
      ['鄂尔', 'E'],
      ['方芳', 'F'],
      ['郭靖', 'G'],
      ['黄蓉', 'H'],
      ['金庸', 'J'],
      ['康熙', 'K'],
      ['李娜', 'L'],
      ['吕布', 'L'],
      ['罗成', 'L'],
      ['马云', 'M'],
      ['倪妮', 'N'],
      ['欧阳锋', 'O'],
      ['潘安', 'P'],
      ['钱钟书', 'Q'],
      ['阮籍', 'R'],
      ['孙悟空', 'S'],
      ['唐僧', 'T'],
      ['王五', 'W'],
      ['谢霆锋', 'X'],
      ['杨过', 'Y'],
      ['张三', 'Z'],
    ];
    for (const [name, letter] of cases) expect(initialOf(name), name).toBe(letter);
  });

  it('files names that start with a digit, a symbol or an emoji under "#"', () => {
    expect(initialOf('42')).toBe('#');
    expect(initialOf('_admin')).toBe('#');
    expect(initialOf('😀 Happy')).toBe('#');
    expect(initialOf('   ')).toBe('#');
  });
});

describe('groupByInitial', () => {
  it('puts Chinese and Latin names in shared letter sections, A to Z, with "#" last', () => {
    const people = [
      user('张三', 'zhangsan'),
      user('Zoe'),
      user('123 Bot', 'bot'),
      user('李娜', 'lina'),
      user('Alice'),
      user('阿明', 'aming'),
      user('Leo'),
    ];
    const sections = groupByInitial(people, (u) => u);
    expect(sections.map((s) => s.initial)).toEqual(['A', 'L', 'Z', '#']);
    const names = (initial: string) =>
      new Set(sections.find((s) => s.initial === initial)?.items.map((u) => u.displayName));
    expect(names('A')).toEqual(new Set(['Alice', '阿明']));
    expect(names('L')).toEqual(new Set(['李娜', 'Leo']));
    expect(names('Z')).toEqual(new Set(['张三', 'Zoe']));
    expect(names('#')).toEqual(new Set(['123 Bot']));
  });

  it('orders Chinese names by pinyin within a section, not by code point', () => {
    // By code point the order would be 刘 李 林 罗 (U+5218, U+674E, U+6797, U+7F57); pinyin says li < lin < liu < luo.
    const people = [user('罗成', 'luo'), user('刘备', 'liu'), user('林冲', 'lin'), user('李逵', 'li')];
    const [section] = groupByInitial(people, (u) => u);
    expect(section?.items.map((u) => u.displayName)).toEqual(['李逵', '林冲', '刘备', '罗成']);
  });

  it('orders Latin names without regard to case and breaks ties by username', () => {
    const people = [user('bob', 'bob2'), user('Anna'), user('Bob', 'bob1'), user('adam')];
    const sorted = groupByInitial(people, (u) => u).flatMap((s) => s.items.map((u) => u.username));
    expect(sorted).toEqual(['adam', 'anna', 'bob1', 'bob2']);
  });

  it('works on any item given how to reach its person', () => {
    const friends = [{ user: user('Zed') }, { user: user('Amy') }];
    expect(groupByInitial(friends, (f) => f.user).map((s) => s.items[0]?.user.displayName)).toEqual([
      'Amy',
      'Zed',
    ]);
  });
});

describe('compareUsers', () => {
  it('sorts "#" names after every letter', () => {
    const sorted = [user('9lives'), user('Zz'), user('啊')].sort(compareUsers);
    expect(sorted.map((u) => u.displayName)).toEqual(['啊', 'Zz', '9lives']);
  });
});

describe('matchesQuery', () => {
  it('matches the display name or the username, ignoring case; an empty query matches all', () => {
    const u = user('Alice Wong', 'awong');
    expect(matchesQuery(u, 'alice')).toBe(true);
    expect(matchesQuery(u, 'AWO')).toBe(true);
    expect(matchesQuery(u, 'bob')).toBe(false);
    expect(matchesQuery(u, '  ')).toBe(true);
    expect(matchesQuery(user('张三', 'zs'), '张')).toBe(true);
  });
});
