import { isPrefix, type ParsedQuery } from './query.js';
import { foldCodePoint, pieces, type Unit } from './tokenizer.js';

export interface Range {
  /** UTF-16 offsets in the original text, end exclusive. */
  start: number;
  end: number;
}

/** Where in the original text the first `length` folded characters of a word end. */
function prefixEnd(text: string, unit: Unit, length: number): number {
  if (unit.folded.length === length) return unit.end;
  let folded = 0;
  let at = unit.start;
  for (const cp of text.slice(unit.start, unit.end)) {
    at += cp.length;
    folded += foldCodePoint(cp).length;
    if (folded >= length) break;
  }
  return at;
}

function merge(ranges: Range[]): Range[] {
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/**
 * The parts of `text` the query matched, and whether every CJK run of the query occurs in it as is
 * (the index only knows the run's pairs are there, in order).
 */
export function findMatches(text: string, query: ParsedQuery): { ranges: Range[]; complete: boolean } {
  const ranges: Range[] = [];
  const found = new Set<string[]>();
  for (const p of pieces(text)) {
    if (p.kind === 'word') {
      for (const w of query.words) {
        if (isPrefix(w) ? p.unit.folded.startsWith(w) : p.unit.folded === w)
          ranges.push({ start: p.unit.start, end: prefixEnd(text, p.unit, w.length) });
      }
      continue;
    }
    for (const run of query.runs) {
      for (let i = 0; i + run.length <= p.units.length; i++) {
        if (run.every((ch, j) => p.units[i + j]?.folded === ch)) {
          ranges.push({ start: p.units[i]?.start ?? 0, end: p.units[i + run.length - 1]?.end ?? 0 });
          found.add(run);
        }
      }
    }
  }
  return { ranges: merge(ranges), complete: found.size === query.runs.length };
}
