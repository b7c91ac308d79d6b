import type { Message, TimelineItem } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import { dayLabel } from '../../src/renderer/components/conversation/day-label.js';
import { timelineRows } from '../../src/renderer/components/conversation/timeline-rows.js';

const at = (day: number, h: number, m = 0) => new Date(2025, 2, day, h, m).getTime();

function msg(seq: number, senderId: string, createdAt: number, extra: Partial<Message> = {}): TimelineItem {
  return {
    kind: 'message',
    seq,
    message: {
      id: `id-${seq}`,
      conversationId: 'c',
      seq,
      senderId,
      clientMsgId: `cm-${seq}`,
      content: { kind: 'text', text: `m${seq}` },
      createdAt,
      editedAt: null,
      recalledAt: null,
      recalledBy: null,
      reactions: [],
      ...extra,
    } as Message,
  };
}

function system(seq: number, createdAt: number): TimelineItem {
  return {
    kind: 'system',
    seq,
    event: { type: 'conversation.renamed', conversationId: 'c', seq, actorId: 'a', createdAt, name: 'N' },
  } as TimelineItem;
}

function outgoing(id: string, createdAt: number): TimelineItem {
  return {
    kind: 'outgoing',
    entry: {
      clientMsgId: id,
      conversationId: 'c',
      content: { kind: 'text', text: 'x' },
      createdAt,
      state: 'pending',
      error: null,
      attempts: 0,
    },
  };
}

const shape = (rows: ReturnType<typeof timelineRows>) =>
  rows.map((r) => [r.key, r.dayStart, r.groupStart, r.groupEnd, r.unreadDivider, r.own]);

describe('timelineRows', () => {
  it('groups runs by one sender within five minutes and starts a new day with a separator', () => {
    const rows = timelineRows(
      [
        msg(1, 'a', at(1, 9, 0)),
        msg(2, 'a', at(1, 9, 4)),
        msg(3, 'a', at(1, 9, 10)),
        msg(4, 'b', at(1, 9, 11)),
        msg(5, 'b', at(2, 0, 1)),
      ],
      { meId: 'me', unreadAfterSeq: null },
    );
    expect(shape(rows)).toEqual([
      ['m:cm-1', true, true, false, false, false],
      ['m:cm-2', false, false, true, false, false],
      ['m:cm-3', false, true, true, false, false],
      ['m:cm-4', false, true, true, false, false],
      ['m:cm-5', true, true, true, false, false],
    ]);
  });

  it('lets system events and recalled messages stand alone', () => {
    const rows = timelineRows(
      [
        msg(1, 'a', at(1, 9)),
        system(2, at(1, 9)),
        msg(3, 'a', at(1, 9)),
        msg(4, 'a', at(1, 9), { recalledAt: at(1, 9), content: null }),
        msg(5, 'a', at(1, 9)),
      ],
      { meId: 'me', unreadAfterSeq: null },
    );
    expect(rows.map((r) => r.groupStart)).toEqual([true, true, true, true, true]);
    expect(rows[1]?.senderId).toBeNull();
  });

  it('puts the unread divider above the first message from someone else after my read position', () => {
    const rows = timelineRows(
      [msg(1, 'a', at(1, 9)), msg(2, 'me', at(1, 9)), msg(3, 'a', at(1, 9)), msg(4, 'a', at(1, 9))],
      { meId: 'me', unreadAfterSeq: 1 },
    );
    expect(rows.map((r) => r.unreadDivider)).toEqual([false, false, true, false]);
    // The divider breaks the run: the first unread message shows its sender again.
    expect(rows[2]?.groupStart).toBe(true);
    expect(rows.map((r) => r.own)).toEqual([false, true, false, false]);
  });

  it('groups my outgoing messages with my sent ones and keys them by their client id', () => {
    const rows = timelineRows([msg(1, 'me', at(1, 9)), outgoing('cm-x', at(1, 9, 1))], {
      meId: 'me',
      unreadAfterSeq: 0,
    });
    expect(shape(rows)).toEqual([
      ['m:cm-1', true, true, false, false, true],
      ['m:cm-x', false, false, true, false, true],
    ]);
  });
});

describe('dayLabel', () => {
  const words = { today: 'Today', yesterday: 'Yesterday' };
  const now = new Date(2025, 5, 15, 10).getTime();

  it('says today and yesterday by the calendar, not by 24 hours', () => {
    expect(dayLabel(new Date(2025, 5, 15, 0, 1).getTime(), now, 'en', words)).toBe('Today');
    expect(dayLabel(new Date(2025, 5, 14, 23, 59).getTime(), now, 'en', words)).toBe('Yesterday');
    expect(dayLabel(new Date(2025, 5, 13, 23, 59).getTime(), now, 'en', words)).toBe('Friday, June 13');
  });

  it('writes dates in the UI language and adds the year for other years', () => {
    expect(dayLabel(new Date(2025, 0, 3).getTime(), now, 'zh-CN', words)).toBe('1月3日星期五');
    expect(dayLabel(new Date(2023, 11, 31).getTime(), now, 'en', words)).toBe('December 31, 2023');
    expect(dayLabel(new Date(2023, 11, 31).getTime(), now, 'zh-CN', words)).toBe('2023年12月31日');
  });
});
