/** A piece of a message's text as it is shown: plain text, a link, or an @mention. */
export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'mention'; text: string; userId: string | null; me: boolean };

export interface MentionName {
  userId: string;
  name: string;
}

export interface TextPartsOptions {
  /** The people the message mentions, with the names the text calls them by. */
  mentions?: readonly MentionName[];
  mentionsAll?: boolean;
  meId?: string | null;
}

/** The words that stand for "everyone" in either language. */
export const everyoneWords = ['all', '所有人'] as const;

// Stops at whitespace, quotes, angle brackets and full-width punctuation, which never end a URL.
const linkPattern = /\b(?:https?:\/\/|mailto:|www\.)[^\s<>"'“”‘’，。！？、；：（）【】《》「」]+/giu;
const trailing = /[.,;:!?'"*_~]+$/u;

/** Trims punctuation that ends a sentence rather than the link; keeps ")" when the link opened one. */
function trimLink(raw: string): string {
  let s = raw.replace(trailing, '');
  while (s.endsWith(')') && count(s, '(') < count(s, ')')) s = s.slice(0, -1).replace(trailing, '');
  return s;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

function hrefOf(text: string): string {
  return /^www\./i.test(text) ? `https://${text}` : text;
}

interface Span {
  start: number;
  end: number;
  part: TextPart;
}

function linkSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(linkPattern)) {
    const link = trimLink(m[0]);
    // "http://" alone or "www." alone is no link.
    if (/^(?:https?:\/\/|mailto:|www\.)$/i.test(link)) continue;
    spans.push({
      start: m.index,
      end: m.index + link.length,
      part: { kind: 'link', text: link, href: hrefOf(link) },
    });
  }
  return spans;
}

function mentionSpans(text: string, options: TextPartsOptions, taken: Span[]): Span[] {
  const targets: { word: string; userId: string | null }[] = [
    ...(options.mentions ?? []).filter((m) => m.name !== '').map((m) => ({ word: m.name, userId: m.userId })),
    ...(options.mentionsAll ? everyoneWords.map((word) => ({ word, userId: null })) : []),
  ].sort((a, b) => b.word.length - a.word.length);
  if (targets.length === 0) return [];
  const spans: Span[] = [];
  const free = (start: number, end: number) =>
    ![...taken, ...spans].some((s) => start < s.end && end > s.start);
  for (let i = text.indexOf('@'); i !== -1; i = text.indexOf('@', i + 1)) {
    const rest = text.slice(i + 1);
    const target = targets.find(
      (t) =>
        rest.startsWith(t.word) &&
        // "@allen" is not "@all": an ASCII word must end where the name ends.
        !(/[A-Za-z0-9_]$/.test(t.word) && /^[A-Za-z0-9_]/.test(rest.slice(t.word.length))),
    );
    if (!target) continue;
    const end = i + 1 + target.word.length;
    if (!free(i, end)) continue;
    spans.push({
      start: i,
      end,
      part: {
        kind: 'mention',
        text: text.slice(i, end),
        userId: target.userId,
        me: target.userId === null || (options.meId != null && target.userId === options.meId),
      },
    });
  }
  return spans;
}

/** Splits a message's text into plain text, links (http, https, mailto, bare www.) and @mentions. */
export function textParts(text: string, options: TextPartsOptions = {}): TextPart[] {
  const links = linkSpans(text);
  const spans = [...links, ...mentionSpans(text, options, links)].sort((a, b) => a.start - b.start);
  const parts: TextPart[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start > at) parts.push({ kind: 'text', text: text.slice(at, s.start) });
    parts.push(s.part);
    at = s.end;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
  return parts;
}
