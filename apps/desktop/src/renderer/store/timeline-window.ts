import type { TimelineItem } from '@parley/shared';

/*
 * The part of a conversation the renderer holds: a run of timeline items with no holes, older and
 * newer pages added at its ends as the user scrolls. Every page from the core is complete for the
 * seq range it spans, so merging replaces that range wholesale (which also drops messages deleted
 * on this device).
 */

const seqOf = (i: TimelineItem): number | null => (i.kind === 'outgoing' ? null : i.seq);

const sequenced = (items: readonly TimelineItem[]) =>
  items.filter((i): i is Exclude<TimelineItem, { kind: 'outgoing' }> => i.kind !== 'outgoing');

export function firstSeq(items: readonly TimelineItem[]): number | null {
  for (const i of items) {
    const s = seqOf(i);
    if (s !== null) return s;
  }
  return null;
}

export function lastSeq(items: readonly TimelineItem[]): number | null {
  for (let k = items.length - 1; k >= 0; k--) {
    const i = items[k];
    const s = i ? seqOf(i) : null;
    if (s !== null) return s;
  }
  return null;
}

/** Adds an older page above the window; returns how many items went in above the old first one. */
export function prependOlder(
  items: readonly TimelineItem[],
  page: readonly TimelineItem[],
): { items: TimelineItem[]; added: number } {
  const first = firstSeq(items);
  const older = sequenced(page).filter((i) => first === null || i.seq < first);
  return { items: [...older, ...items], added: older.length };
}

/**
 * Drops the newest items beyond `max` (my outbox with them): a reader far up in a long history
 * keeps a bounded window, and the rows below come back as newer pages on the way down.
 */
export function trimNewest(
  items: readonly TimelineItem[],
  max: number,
): { items: TimelineItem[]; trimmed: boolean } {
  if (items.length <= max) return { items: [...items], trimmed: false };
  return { items: sequenced(items).slice(0, max), trimmed: true };
}

/** Adds a newer page below the window (before my unacknowledged messages, which stay last). */
export function appendNewer(items: readonly TimelineItem[], page: readonly TimelineItem[]): TimelineItem[] {
  const last = lastSeq(items);
  const newer = sequenced(page).filter((i) => last === null || i.seq > last);
  return [...sequenced(items), ...newer, ...items.filter((i) => i.kind === 'outgoing')];
}

/**
 * Lays the newest page (as `conversations.timeline` gives it: up to `limit` sequenced items, then
 * my outbox) over the bottom of the window. `gap` is true when more arrived than one page holds,
 * so items between the window and the page may be missing: the caller then loads them as newer pages.
 */
export function mergeTail(
  items: readonly TimelineItem[],
  page: { items: readonly TimelineItem[]; hasOlder: boolean },
): { items: TimelineItem[]; gap: boolean } {
  const fresh = sequenced(page.items);
  const outbox = page.items.filter((i) => i.kind === 'outgoing');
  const from = fresh[0]?.seq;
  const last = lastSeq(items);
  if (from === undefined) {
    // Nothing sequenced in the newest page: the conversation holds nothing (else it would).
    return { items: page.hasOlder ? [...sequenced(items), ...outbox] : outbox, gap: false };
  }
  if (page.hasOlder && last !== null && from > last + 1) return { items: sequenced(items), gap: true };
  const kept = sequenced(items).filter((i) => i.seq < from);
  return { items: [...kept, ...fresh, ...outbox], gap: false };
}

/**
 * Lays a page from the middle of the conversation (a refresh of what is on screen) over the
 * window, within the window's bounds: the window never grows here, only at its ends.
 */
export function mergeRange(items: readonly TimelineItem[], page: readonly TimelineItem[]): TimelineItem[] {
  const fresh = sequenced(page);
  const lo = fresh[0]?.seq;
  const hi = fresh.at(-1)?.seq;
  const first = firstSeq(items);
  const last = lastSeq(items);
  if (lo === undefined || hi === undefined || first === null || last === null) return [...items];
  const from = Math.max(lo, first);
  const to = Math.min(hi, last);
  if (from > to) return [...items];
  const inside = (s: number) => s >= from && s <= to;
  const before = items.filter((i) => {
    const s = seqOf(i);
    return s !== null && s < from;
  });
  const after = items.filter((i) => {
    const s = seqOf(i);
    return s === null || s > to;
  });
  return [...before, ...fresh.filter((i) => inside(i.seq)), ...after];
}
