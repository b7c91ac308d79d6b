import type { TimelineItem } from '@parley/shared';

/** One row of the message list: a timeline item and how it sits among its neighbours. */
export interface TimelineRow {
  key: string;
  item: TimelineItem;
  /** The sender of a message (or outgoing message); null for a system event. */
  senderId: string | null;
  createdAt: number;
  own: boolean;
  /** The first row of a calendar day: a day separator goes above it. */
  dayStart: boolean;
  /** The first of consecutive messages by one sender: avatar and name are shown once. */
  groupStart: boolean;
  /** The last of such a run: the next row starts something else. */
  groupEnd: boolean;
  /** Where I left off: the "New messages" divider goes above this row. */
  unreadDivider: boolean;
}

/** Messages by one sender closer together than this share one avatar and name. */
export const groupWindowMs = 5 * 60 * 1000;

export function rowKey(item: TimelineItem): string {
  if (item.kind === 'outgoing') return `m:${item.entry.clientMsgId}`;
  // An acknowledged message keeps the key of its outgoing row, so the row is not rebuilt on send.
  if (item.kind === 'message') return `m:${item.message.clientMsgId}`;
  return `s:${item.seq}`;
}

export function itemSeq(item: TimelineItem): number | null {
  return item.kind === 'outgoing' ? null : item.seq;
}

function senderOf(item: TimelineItem, meId: string): string | null {
  if (item.kind === 'outgoing') return meId;
  if (item.kind === 'message') return item.message.senderId;
  return null;
}

function timeOf(item: TimelineItem): number {
  if (item.kind === 'outgoing') return item.entry.createdAt;
  if (item.kind === 'message') return item.message.createdAt;
  return item.event.createdAt;
}

/** A recalled message is shown as a centred notice, so it stands alone like a system event. */
function standsAlone(item: TimelineItem): boolean {
  return item.kind === 'system' || (item.kind === 'message' && item.message.recalledAt !== null);
}

export function sameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/**
 * Lays out a timeline: day separators, sender runs and the unread divider. `unreadAfterSeq` is my
 * read position when I opened the conversation (null: no divider); the divider goes above the
 * first message from someone else after it.
 */
export function timelineRows(
  items: readonly TimelineItem[],
  options: { meId: string; unreadAfterSeq: number | null },
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let dividerPlaced = options.unreadAfterSeq === null;
  for (const item of items) {
    const senderId = senderOf(item, options.meId);
    const createdAt = timeOf(item);
    const seq = itemSeq(item);
    let unreadDivider = false;
    if (
      !dividerPlaced &&
      item.kind === 'message' &&
      seq !== null &&
      options.unreadAfterSeq !== null &&
      seq > options.unreadAfterSeq &&
      senderId !== options.meId
    ) {
      unreadDivider = true;
      dividerPlaced = true;
    }
    const prev = rows.at(-1);
    const dayStart = !prev || !sameDay(prev.createdAt, createdAt);
    const groupStart =
      !prev ||
      dayStart ||
      unreadDivider ||
      standsAlone(item) ||
      standsAlone(prev.item) ||
      prev.senderId !== senderId ||
      createdAt - prev.createdAt > groupWindowMs;
    if (prev && groupStart) prev.groupEnd = true;
    rows.push({
      key: rowKey(item),
      item,
      senderId,
      createdAt,
      own: senderId === options.meId,
      dayStart,
      groupStart,
      groupEnd: true,
      unreadDivider,
    });
    if (prev && !groupStart) prev.groupEnd = false;
  }
  return rows;
}
