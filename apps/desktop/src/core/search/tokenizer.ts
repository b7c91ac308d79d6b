/** One searchable piece of a text: a word, or a single Han/Kana/Hangul character. */
export interface Unit {
  /** UTF-16 range in the original text. */
  start: number;
  end: number;
  /** Case-, width- and accent-folded: what the index holds and queries compare. */
  folded: string;
  cjk: boolean;
}

// Scripts written without spaces between words (Hangul has spaces, but its words inflect, so
// characters and pairs find more than whole words would). 々, 〆 and ー sit between them.
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3005\\u3006\\u30fc';
const UNIT = new RegExp(`([${CJK}])|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');
const ASCII = /^[\0-\x7f]*$/;
// Accents on Latin, Greek and Cyrillic letters, and emoji variation selectors; the marks of scripts
// such as Thai or Devanagari are letters' vowels and are kept. The class holds ranges of lone marks.
// eslint-disable-next-line no-misleading-character-class
const ACCENTS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f]/gu;
// Only these need a dictionary to find word boundaries; everything else splits on spaces and punctuation.
const NEEDS_DICTIONARY = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Folds one code point of a word: compatibility forms, accents and case. */
export function foldCodePoint(cp: string): string {
  return cp.normalize('NFKD').replace(ACCENTS, '').toLowerCase().replace('ς', 'σ');
}

function foldWord(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  let out = '';
  for (const cp of word) out += foldCodePoint(cp);
  return out;
}

/** Half-width kana and compatibility ideographs become their usual forms; the rest is kept as is. */
function foldCjk(ch: string): string {
  return (ch.codePointAt(0) ?? 0) >= 0xf900 ? ch.normalize('NFKC') : ch;
}

/** The words and CJK characters of a text, in order; emoji, punctuation and spaces are skipped. */
export function units(text: string): Unit[] {
  const out: Unit[] = [];
  const push = (start: number, piece: string, cjk: boolean) => {
    const folded = cjk ? foldCjk(piece) : foldWord(piece);
    if (folded !== '') out.push({ start, end: start + piece.length, folded, cjk });
  };
  for (const m of text.matchAll(UNIT)) {
    const piece = m[0];
    const start = m.index;
    if (m[1] !== undefined) push(start, piece, true);
    else if (NEEDS_DICTIONARY.test(piece)) {
      for (const s of segmenter.segment(piece)) if (s.isWordLike) push(start + s.index, s.segment, false);
    } else push(start, piece, false);
  }
  return out;
}

/** A word, or a run of adjacent CJK characters (each folded). */
export type Piece = { kind: 'word'; unit: Unit } | { kind: 'cjk'; units: Unit[] };

/** Groups units into words and runs of CJK characters not separated by anything. */
export function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let run: Unit[] | null = null;
  for (const u of units(text)) {
    if (!u.cjk) {
      run = null;
      out.push({ kind: 'word', unit: u });
    } else if (run && run[run.length - 1]?.end === u.start) {
      run.push(u);
    } else {
      run = [u];
      out.push({ kind: 'cjk', units: run });
    }
  }
  return out;
}

/** Adjacent pairs of a run's characters: what 2-character (and, chained, longer) queries look up. */
export function bigrams(chars: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < chars.length; i++) out.push(`${chars[i - 1]}${chars[i]}`);
  return out;
}

/**
 * The text as the index holds it: space-separated tokens. A CJK run gives its bigrams first, in
 * order (so a longer query is a phrase of consecutive bigrams), then each character on its own.
 */
export function indexTokens(text: string): string {
  const out: string[] = [];
  for (const p of pieces(text)) {
    if (p.kind === 'word') out.push(p.unit.folded);
    else {
      const chars = p.units.map((u) => u.folded);
      out.push(...bigrams(chars), ...chars);
    }
  }
  return out.join(' ');
}

/** The single token naming a conversation in the index's `conversation` column. */
export function conversationToken(conversationId: string): string {
  return `c${conversationId.toLowerCase().replace(/[^0-9a-z]/g, '')}`;
}
