import { describe, expect, it } from 'vitest';
import { messageReceipt } from '../../src/renderer/components/message/read-marks.js';

describe('messageReceipt', () => {
  it('in a direct chat: sent, then delivered, then read by the other person', () => {
    const r = (deliveredSeq: number, readSeq: number) => [
      { userId: 'me', readSeq: 99, deliveredSeq: 99 },
      { userId: 'bob', readSeq, deliveredSeq },
    ];
    expect(messageReceipt(10, r(9, 5), 'me').mark).toBe('sent');
    expect(messageReceipt(10, r(10, 5), 'me').mark).toBe('delivered');
    expect(messageReceipt(10, r(10, 10), 'me')).toEqual({ mark: 'read', readBy: ['bob'], others: 1 });
    // A read position past the message counts as delivered too.
    expect(messageReceipt(10, r(0, 12), 'me').mark).toBe('read');
  });

  it('in a group: lists who read it, and is read only when everyone has', () => {
    const receipts = [
      { userId: 'me', readSeq: 0, deliveredSeq: 0 },
      { userId: 'a', readSeq: 20, deliveredSeq: 20 },
      { userId: 'b', readSeq: 3, deliveredSeq: 20 },
      { userId: 'c', readSeq: 10, deliveredSeq: 10 },
    ];
    expect(messageReceipt(10, receipts, 'me')).toEqual({ mark: 'delivered', readBy: ['a', 'c'], others: 3 });
    expect(messageReceipt(15, receipts, 'me')).toEqual({ mark: 'sent', readBy: ['a'], others: 3 });
    expect(messageReceipt(3, receipts, 'me').mark).toBe('read');
  });

  it('is sent while no receipts are known', () => {
    expect(messageReceipt(1, [], 'me')).toEqual({ mark: 'sent', readBy: [], others: 0 });
  });
});
