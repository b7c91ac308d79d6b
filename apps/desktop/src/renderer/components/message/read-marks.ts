/** A member's positions in a conversation, as `conversations.receipts` gives them. */
export interface Receipt {
  userId: string;
  readSeq: number;
  deliveredSeq: number;
}

export type DeliveryMark = 'sent' | 'delivered' | 'read';

export interface MessageReceipt {
  mark: DeliveryMark;
  /** The others who have read the message (groups show "read by N" and list them). */
  readBy: string[];
  /** How many others there are to read it. */
  others: number;
}

/**
 * The mark on a message I sent at `seq`: read once every other member read up to it (in a direct
 * chat, the one other person), delivered once every other member's device has it, else sent.
 */
export function messageReceipt(seq: number, receipts: readonly Receipt[], meId: string): MessageReceipt {
  const others = receipts.filter((r) => r.userId !== meId);
  const readBy = others.filter((r) => r.readSeq >= seq).map((r) => r.userId);
  const delivered = others.filter((r) => r.readSeq >= seq || r.deliveredSeq >= seq).length;
  const mark: DeliveryMark =
    others.length === 0
      ? 'sent'
      : readBy.length === others.length
        ? 'read'
        : delivered === others.length
          ? 'delivered'
          : 'sent';
  return { mark, readBy, others: others.length };
}
