import { describe, expect, it } from 'vitest';
import { switcherMatches } from '../../src/renderer/components/chats/switcher-match.js';
import { fold, matchRank } from '../../src/renderer/components/chats/text-match.js';
import { conversation } from './chats-fixtures.js';

const list = [
  conversation({ id: 'a', title: 'Marketing', lastActivityAt: 10 }),
  conversation({ id: 'b', title: 'Mark Chen', lastActivityAt: 20 }),
  conversation({ id: 'c', title: 'Q3 marketing plan', lastActivityAt: 30 }),
  conversation({ id: 'd', title: 'Remarkable team', lastActivityAt: 40 }),
  conversation({ id: 'e', title: '市场部', lastActivityAt: 50, pinned: true }),
];
const ids = (q: string) => switcherMatches(q, list).map((c) => c.id);

describe('switcherMatches', () => {
  it('offers everything, most recent first, when nothing is typed', () => {
    expect(ids('')).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('ranks title prefixes, then word prefixes, then substrings; recent first within each', () => {
    expect(ids('mark')).toEqual(['b', 'a', 'c', 'd']);
    expect(ids('MARK c')).toEqual(['b']);
  });

  it('matches CJK titles by substring', () => {
    expect(ids('场')).toEqual(['e']);
  });

  it('drops what does not match, and stops at the limit', () => {
    expect(ids('zz')).toEqual([]);
    expect(switcherMatches('', list, 2).map((c) => c.id)).toEqual(['e', 'd']);
  });
});

describe('text matching', () => {
  it('ignores case, accents and full-width forms', () => {
    expect(fold('José ＡＢＣ')).toBe('jose abc');
    expect(matchRank('Zoë Li', fold('zoe'))).toBe(0);
    expect(matchRank('team_zoe', fold('zoe'))).toBe(1);
    expect(matchRank('Chloe', fold('loe'))).toBe(2);
    expect(matchRank('Chloe', fold('x'))).toBeNull();
  });
});
