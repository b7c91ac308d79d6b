const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const pictographic = /\p{Extended_Pictographic}/u;
const flag = /^\p{Regional_Indicator}{2}$/u;
const keycap = /^[#*0-9]\uFE0F?\u20E3$/u;
/** Every emoji isEmojiGrapheme takes has one of these: a code point past the BMP, VS16 or a keycap mark. */
const mayHoldEmoji = /[\u{10000}-\u{10FFFF}]|\uFE0F|\u20E3/u;

/**
 * How many emoji a message consists of, when it is nothing but 1 to `max` emoji (spaces allowed
 * between them); 0 otherwise. Such messages are shown large, as chat apps do.
 */
export function emojiOnlyCount(text: string, max = 3): number {
  let n = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (/^\s+$/u.test(segment)) continue;
    if (!(pictographic.test(segment) || flag.test(segment) || keycap.test(segment))) return 0;
    if (++n > max) return 0;
  }
  return n;
}

/** Drawn as colour emoji in running text: a pictograph outside the BMP, anything asking for emoji presentation (VS16), a flag or a keycap. */
function isEmojiGrapheme(segment: string): boolean {
  if (flag.test(segment) || keycap.test(segment)) return true;
  if (!pictographic.test(segment)) return false;
  return segment.includes('\uFE0F') || (segment.codePointAt(0) ?? 0) >= 0x1f000;
}

/**
 * Plain text cut into runs of emoji and of everything else, so the emoji can be drawn with a
 * colour font: in running text the text fonts come first, and one of them (DejaVu Sans on Linux)
 * would otherwise draw some as outlines. Text-style symbols (©, ☺ without VS16) stay text.
 */
export function emojiRuns(text: string): { text: string; emoji: boolean }[] {
  // Most text has none: skip cutting it into graphemes (this runs for every text part rendered).
  if (!mayHoldEmoji.test(text)) return text === '' ? [] : [{ text, emoji: false }];
  const runs: { text: string; emoji: boolean }[] = [];
  for (const { segment } of graphemes.segment(text)) {
    const emoji = isEmojiGrapheme(segment);
    const last = runs.at(-1);
    if (last?.emoji === emoji) last.text += segment;
    else runs.push({ text: segment, emoji });
  }
  return runs;
}
