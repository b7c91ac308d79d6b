import { describe, expect, it } from 'vitest';
import en from 'emojibase-data/en/compact.json';
import zh from 'emojibase-data/zh/compact.json';
import { normalizeEmoji, searchEmoji, toEntries } from '../../src/renderer/emoji/emoji-search.js';
import { withRecent } from '../../src/renderer/emoji/recent-emoji.js';

describe('emoji data and search', () => {
  const english = toEntries(en);
  const chinese = toEntries(zh);

  it('keeps the pickable emoji in order, without skin swatches or bare regional letters', () => {
    expect(english[0]?.emoji).toBe('😀');
    expect(english.some((e) => e.emoji === '🏻' || e.emoji === '🇦')).toBe(false);
    expect(english.length).toBeGreaterThan(1500);
    expect(chinese.length).toBe(english.length);
  });

  it('finds emoji by English names and keywords, exact keyword first', () => {
    const found = searchEmoji(english, 'thumbs').map((e) => e.emoji);
    expect(found.slice(0, 2)).toEqual(['👍', '👎']);
    expect(searchEmoji(english, 'Heart').map((e) => e.emoji)).toContain('❤️');
    expect(searchEmoji(english, 'cat')[0]?.emoji).toBe('🐈');
  });

  it('drops a redundant emoji presentation selector, keeps a needed one', () => {
    expect(normalizeEmoji('👍\uFE0F')).toBe('👍');
    expect(normalizeEmoji('❤\uFE0F')).toBe('❤\uFE0F');
    expect(english.find((e) => e.label === 'thumbs up')?.emoji).toBe('👍');
  });

  it('finds emoji by Chinese names and keywords', () => {
    expect(searchEmoji(chinese, '猫').map((e) => e.emoji)).toContain('🐱');
    expect(searchEmoji(chinese, '你好').map((e) => e.emoji)).toContain('👋');
    expect(searchEmoji(chinese, '   ')).toEqual([]);
  });

  it('keeps recently used emoji newest first, without repeats', () => {
    expect(withRecent(['a', 'b', 'c'], 'c', 3)).toEqual(['c', 'a', 'b']);
    expect(withRecent(['a', 'b', 'c'], 'd', 3)).toEqual(['d', 'a', 'b']);
  });
});
