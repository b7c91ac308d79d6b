import { bigrams, pieces } from './tokenizer.js';

/** A user's query as the index understands it. */
export interface ParsedQuery {
  /** The FTS5 MATCH expression: every term quoted, so nothing the user typed is read as syntax. */
  match: string;
  /** Folded words, each matched as a prefix unless it is a single character. */
  words: string[];
  /** Folded characters of each CJK run, each matched as a substring. */
  runs: string[][];
}

// Bounds the work one query can ask for; nobody searches with more.
const MAX_TERMS = 16;
const MAX_RUN = 64;

/** Whether a query word matches the words it starts, or only itself. */
export const isPrefix = (word: string) => Array.from(word).length > 1;

const quote = (token: string) => `"${token.replaceAll('"', '""')}"`;

/** Null when the query holds nothing searchable (only spaces, punctuation, emoji, FTS syntax). */
export function parseQuery(query: string): ParsedQuery | null {
  const words = new Set<string>();
  const runs = new Map<string, string[]>();
  for (const p of pieces(query)) {
    if (words.size + runs.size >= MAX_TERMS) break;
    if (p.kind === 'word') words.add(p.unit.folded);
    else {
      const chars = p.units.slice(0, MAX_RUN).map((u) => u.folded);
      runs.set(chars.join(''), chars);
    }
  }
  if (words.size === 0 && runs.size === 0) return null;
  const terms = [
    // A one-letter prefix matches nearly every message and costs a scan of the whole vocabulary.
    ...[...words].map((w) => (isPrefix(w) ? `${quote(w)}*` : quote(w))),
    // 1 and 2 characters are tokens of their own; longer runs are a phrase of consecutive bigrams.
    ...[...runs.values()].map((chars) =>
      quote(chars.length <= 2 ? chars.join('') : bigrams(chars).join(' ')),
    ),
  ];
  return { match: terms.join(' AND '), words: [...words], runs: [...runs.values()] };
}
