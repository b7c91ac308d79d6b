import { describe, expect, it } from 'vitest';
import { emojiOnlyCount } from '../../src/renderer/components/message/emoji-only.js';

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
