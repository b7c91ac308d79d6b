import { describe, expect, it } from 'vitest';
import {
  activeMentionQuery,
  insertMention,
  matchMentions,
  mentionsInText,
} from '../../src/renderer/components/composer/mentions.js';

const people = [
  { userId: '1', displayName: 'Alice Zhang', username: 'alice' },
  { userId: '2', displayName: 'Bob', username: 'bzhang' },
  { userId: '3', displayName: '张伟', username: 'zw' },
  { userId: '4', displayName: 'Al', username: 'al2' },
];

describe('activeMentionQuery', () => {
  it('finds the "@word" being typed at the caret', () => {
    expect(activeMentionQuery('hi @al', 6)).toEqual({ start: 3, query: 'al' });
    expect(activeMentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(activeMentionQuery('你好@张', 4)).toEqual({ start: 2, query: '张' });
  });

  it('is null after a space, in an email address, or with the caret before the "@"', () => {
    expect(activeMentionQuery('@al ice', 7)).toBeNull();
    expect(activeMentionQuery('bob@example', 11)).toBeNull();
    expect(activeMentionQuery('hi @al', 2)).toBeNull();
  });
});

describe('matchMentions', () => {
  it('ranks name prefixes, then username prefixes, then containing matches', () => {
    expect(matchMentions(people, 'al').map((p) => p.userId)).toEqual(['4', '1']);
    expect(matchMentions(people, 'zhang').map((p) => p.userId)).toEqual(['1', '2']);
    expect(matchMentions(people, 'bz').map((p) => p.userId)).toEqual(['2']);
    expect(matchMentions(people, '张').map((p) => p.userId)).toEqual(['3']);
    expect(matchMentions(people, '').map((p) => p.userId)).toEqual(['4', '1', '2', '3']);
    expect(matchMentions(people, 'x')).toEqual([]);
  });
});

describe('insertMention and mentionsInText', () => {
  it('replaces the query with "@Name " and reports only the names still in the text', () => {
    const { text, caret } = insertMention('hi @al and', 3, 6, 'Alice Zhang');
    expect(text).toBe('hi @Alice Zhang  and');
    expect(caret).toBe(16);
    const picked = new Map([
      ['1', 'Alice Zhang'],
      ['2', 'Bob'],
    ]);
    expect(mentionsInText(text, picked, ['all', '所有人'])).toEqual({ mentions: ['1'], mentionsAll: false });
    expect(mentionsInText('@所有人 开会', picked, ['all', '所有人']).mentionsAll).toBe(true);
    expect(mentionsInText('ping @all', picked, ['all']).mentionsAll).toBe(true);
    expect(mentionsInText('ping @allen or me@all', picked, ['all']).mentionsAll).toBe(false);
  });
});
