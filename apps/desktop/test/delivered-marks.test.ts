import { describe, expect, it } from 'vitest';
import { DeliveredMarks } from '../src/core/sync/delivered-marks.js';

/*
 * How delivered positions are coalesced: the calls are recorded and answered by hand, so what
 * happens while one is on its way is certain. (test/ui-live.test.ts covers them on a real server.)
 */

interface Call {
  conversationId: string;
  seq: number;
  answer: () => void;
  fail: (err: Error) => void;
}

function recorder() {
  const calls: Call[] = [];
  const marks = new DeliveredMarks(
    (conversationId, seq) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ conversationId, seq, answer: resolve, fail: reject });
      }),
    (err) => (err as Error).message === 'link lost',
  );
  return { calls, marks };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const sent = (calls: Call[]) => calls.map((c) => `${c.conversationId}:${c.seq}`);

describe('delivered marks', () => {
  it('send one call at a time per conversation, the newest position next', async () => {
    const { calls, marks } = recorder();
    marks.mark('c1', 3);
    marks.mark('c1', 4);
    marks.mark('c1', 9);
    marks.mark('c2', 2);
    expect(sent(calls)).toEqual(['c1:3', 'c2:2']);

    calls[0]!.answer();
    await settle();
    expect(sent(calls)).toEqual(['c1:3', 'c2:2', 'c1:9']);
    calls[2]!.answer();
    await settle();
    // Told already, or lower: nothing to send.
    marks.mark('c1', 9);
    marks.mark('c1', 5);
    await settle();
    expect(calls).toHaveLength(3);
  });

  it('keep a position a lost link kept from the server until the next retry, and drop a refused one', async () => {
    const { calls, marks } = recorder();
    marks.mark('c1', 3);
    calls[0]!.fail(new Error('link lost'));
    await settle();
    marks.retry();
    expect(sent(calls)).toEqual(['c1:3', 'c1:3']);

    calls[1]!.fail(new Error('not a member any more'));
    await settle();
    marks.retry();
    await settle();
    expect(calls).toHaveLength(2);
  });
});
