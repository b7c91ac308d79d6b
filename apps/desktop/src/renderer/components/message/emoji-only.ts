const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const pictographic = /\p{Extended_Pictographic}/u;
const flag = /^\p{Regional_Indicator}{2}$/u;
const keycap = /^[#*0-9]\uFE0F?\u20E3$/u;

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
