import type { TimelineItem } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import {
  appendNewer,
  mergeRange,
  mergeTail,
  prependOlder,
  trimNewest,
} from '../../src/renderer/store/timeline-window.js';

const m = (seq: number, text = `m${seq}`): TimelineItem =>
  ({
    kind: 'message',
    seq,
    message: { id: `id${seq}`, seq, content: { kind: 'text', text }, clientMsgId: `c${seq}` },
  }) as TimelineItem;

const out = (id: string): TimelineItem =>
  ({ kind: 'outgoing', entry: { clientMsgId: id, createdAt: 0 } }) as TimelineItem;

const seqs = (items: TimelineItem[]) =>
  items.map((i) => (i.kind === 'outgoing' ? i.entry.clientMsgId : i.seq));

const text = (i: TimelineItem | undefined) =>
  i?.kind === 'message' && i.message.content?.kind === 'text' ? i.message.content.text : null;

describe('the timeline window', () => {
  it('prepends an older page and says how many items went in above', () => {
    const r = prependOlder([m(10), m(11), out('x')], [m(7), m(9), m(10)]);
    expect(seqs(r.items)).toEqual([7, 9, 10, 11, 'x']);
    expect(r.added).toBe(2);
  });

  it('trims the newest items, outbox too, once the window holds more than its bound', () => {
    expect(trimNewest([m(1), m(2), out('x')], 3)).toEqual({ items: [m(1), m(2), out('x')], trimmed: false });
    const r = trimNewest([m(1), m(2), m(3), out('x')], 2);
    expect(seqs(r.items)).toEqual([1, 2]);
    expect(r.trimmed).toBe(true);
  });

  it('appends a newer page before my unacknowledged messages', () => {
    expect(seqs(appendNewer([m(1), m(2), out('x')], [m(2), m(3)]))).toEqual([1, 2, 3, 'x']);
  });

  it('lays the newest page over the bottom: new, changed and deleted items, and the outbox', () => {
    const window = [m(1), m(2), m(3), m(4), out('old')];
    const r = mergeTail(window, { items: [m(3, 'edited'), m(5), out('new')], hasOlder: true });
    expect(r.gap).toBe(false);
    // 4 was deleted on this device; 3 was edited; "old" was acknowledged (it is in the page as a message).
    expect(seqs(r.items)).toEqual([1, 2, 3, 5, 'new']);
    expect(text(r.items[2])).toBe('edited');
  });

  it('reports a gap when a full page starts past the window, and keeps the window as it is', () => {
    const r = mergeTail([m(1), m(2), out('x')], { items: [m(9), m(10)], hasOlder: true });
    expect(r).toEqual({ items: [m(1), m(2)], gap: true });
    // The same page with nothing older: it holds everything, so there is no gap.
    expect(mergeTail([m(1), m(2)], { items: [m(9), m(10)], hasOlder: false }).gap).toBe(false);
    // The next seq follows on directly.
    expect(mergeTail([m(1), m(2)], { items: [m(3)], hasOlder: true }).gap).toBe(false);
  });

  it('empties the window when the newest page says the conversation holds nothing', () => {
    expect(seqs(mergeTail([m(1), out('x')], { items: [out('x')], hasOlder: false }).items)).toEqual(['x']);
  });

  it('refreshes a middle range without growing the window', () => {
    const window = [m(5), m(6), m(7), m(8), out('x')];
    const r = mergeRange(window, [m(3), m(4), m(5), m(6, 'reacted'), m(7)]);
    // 3 and 4 lie above the window (it has not loaded them), so they stay out.
    expect(seqs(r)).toEqual([5, 6, 7, 8, 'x']);
    expect(text(r[1])).toBe('reacted');
    // 7 gone from a page spanning 6..8: deleted.
    expect(seqs(mergeRange(window, [m(6), m(8)]))).toEqual([5, 6, 8, 'x']);
  });
});
