import type { Transfer } from '@parley/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TransferEvents } from '../src/core/files/transfer-events.js';

const transfer = (bytesDone: number, state: Transfer['state'] = 'active'): Transfer => ({
  id: 't1',
  direction: 'upload',
  conversationId: 'c1',
  fileId: null,
  name: 'a.bin',
  size: 100,
  bytesDone,
  state,
  error: null,
});

let now: Transfer;
let sent: Transfer[];
let events: TransferEvents;
beforeEach(() => {
  vi.useFakeTimers();
  now = transfer(0);
  sent = [];
  events = new TransferEvents(
    () => now,
    (ts) => sent.push(...ts),
    200,
    () => Date.now(),
  );
});
afterEach(() => {
  events.close();
  vi.useRealTimers();
});

describe('transfer events', () => {
  it('sends progress at most once per interval per transfer, ending with the latest value', () => {
    for (let i = 1; i <= 50; i++) {
      now = transfer(i);
      events.progressed('t1');
    }
    expect(sent.map((t) => t.bytesDone)).toEqual([1]);
    vi.advanceTimersByTime(200);
    expect(sent.map((t) => t.bytesDone)).toEqual([1, 50]);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
  });

  it('sends a change of state at once, and what is gone as it was last', () => {
    now = transfer(10);
    events.progressed('t1');
    now = transfer(20);
    events.progressed('t1');
    now = transfer(20, 'paused');
    events.changed('t1');
    expect(sent.map((t) => [t.bytesDone, t.state])).toEqual([
      [10, 'active'],
      [20, 'paused'],
    ]);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
    events.changed('t1', transfer(20, 'cancelled'));
    expect(sent.at(-1)?.state).toBe('cancelled');
  });
});
