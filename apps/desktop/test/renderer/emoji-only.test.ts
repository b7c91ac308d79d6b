import { describe, expect, it } from 'vitest';
import { emojiOnlyCount, emojiRuns } from '../../src/renderer/components/message/emoji-only.js';

describe('emojiOnlyCount', () => {
  it('counts one to three emoji, spaces allowed', () => {
    expect(emojiOnlyCount('😀')).toBe(1);
    expect(emojiOnlyCount(' 👍 🎉 ')).toBe(2);
    expect(emojiOnlyCount('❤️🔥😂')).toBe(3);
  });

  it('counts a multi-codepoint emoji (family, skin tone, flag, keycap) as one', () => {
    expect(emojiOnlyCount('👨‍👩‍👧‍👦')).toBe(1);
    expect(emojiOnlyCount('👋🏽')).toBe(1);
    expect(emojiOnlyCount('🇨🇳🇬🇧')).toBe(2);
    expect(emojiOnlyCount('1️⃣')).toBe(1);
  });

  it('is 0 with any text, digits, more than three emoji, or nothing', () => {
    expect(emojiOnlyCount('ok 👍')).toBe(0);
    expect(emojiOnlyCount('好😀')).toBe(0);
    expect(emojiOnlyCount('123')).toBe(0);
    expect(emojiOnlyCount('😀😀😀😀')).toBe(0);
    expect(emojiOnlyCount('   ')).toBe(0);
  });
});

describe('emojiRuns', () => {
  it('cuts running text into emoji and text, keeping sequences whole', () => {
    expect(emojiRuns('马上到，五分钟😀')).toEqual([
      { text: '马上到，五分钟', emoji: false },
      { text: '😀', emoji: true },
    ]);
    expect(emojiRuns('hi 👋🏽 and 👨‍👩‍👧 🇨🇳 1️⃣ ❤️!')).toEqual([
      { text: 'hi ', emoji: false },
      { text: '👋🏽', emoji: true },
      { text: ' and ', emoji: false },
      { text: '👨‍👩‍👧', emoji: true },
      { text: ' ', emoji: false },
      { text: '🇨🇳', emoji: true },
      { text: ' ', emoji: false },
      { text: '1️⃣', emoji: true },
      { text: ' ', emoji: false },
      { text: '❤️', emoji: true },
      { text: '!', emoji: false },
    ]);
  });

  it('leaves text-style symbols, digits and plain text alone', () => {
    expect(emojiRuns('© 2026 ☺ #1 ok')).toEqual([{ text: '© 2026 ☺ #1 ok', emoji: false }]);
    expect(emojiRuns('')).toEqual([]);
  });
});
