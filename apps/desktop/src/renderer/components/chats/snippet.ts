/** A piece of a search result's text, and whether it is part of the match. */
export interface TextPart {
  text: string;
  hit: boolean;
}

export interface Range {
  start: number;
  end: number;
}

/** Moves an offset off the second half of a surrogate pair, so no character is cut in two. */
function safe(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * The part of a message a result shows: about `max` characters around the first match, with "…"
 * where text was left out, split into matched and unmatched parts, on one line.
 */
export function snippetParts(text: string, ranges: readonly Range[], max = 120, before = 24): TextPart[] {
  const sorted = ranges
    .filter((r) => r.end > r.start && r.start >= 0 && r.end <= text.length)
    .sort((a, b) => a.start - b.start);
  const first = sorted[0];
  let start = first && first.start > before ? safe(text, first.start - before) : 0;
  let end = Math.min(text.length, start + max);
  if (end === text.length) start = Math.max(0, safe(text, end - max));
  end = safe(text, end);
  const parts: TextPart[] = [];
  const push = (s: string, hit: boolean) => {
    const line = s.replace(/\s+/g, ' ');
    if (line !== '') parts.push({ text: line, hit });
  };
  let at = start;
  for (const r of sorted) {
    if (r.end <= at || r.start >= end) continue;
    const from = Math.max(r.start, at);
    push(text.slice(at, from), false);
    const to = Math.min(r.end, end);
    push(text.slice(from, to), true);
    at = to;
  }
  push(text.slice(at, end), false);
  const head = parts[0];
  if (head && !head.hit) head.text = head.text.trimStart();
  const tail = parts[parts.length - 1];
  if (tail && !tail.hit) tail.text = tail.text.trimEnd();
  if (start > 0) parts.unshift({ text: '…', hit: false });
  if (end < text.length) parts.push({ text: '…', hit: false });
  return parts.filter((p) => p.text !== '');
}
