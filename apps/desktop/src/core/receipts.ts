import type { Receipt } from './types.js';

const higher = (r: Receipt, held: Receipt | undefined): Receipt => ({
  userId: r.userId,
  readSeq: Math.max(r.readSeq, held?.readSeq ?? 0),
  deliveredSeq: Math.max(r.deliveredSeq, held?.deliveredSeq ?? 0),
});

/**
 * Members' read and delivered positions per conversation: what `conversations.receipts` last said,
 * raised by `receipt` pushes since. Kept in memory only, since the server gives them again; a
 * position never goes down, so a push and an answer crossing each other cannot undo one another.
 */
export class ReceiptBook {
  private readonly byConversation = new Map<string, Map<string, Receipt>>();

  /** Takes the server's list for a conversation: members who left drop out. */
  replace(conversationId: string, receipts: readonly Receipt[]): void {
    const held = this.byConversation.get(conversationId);
    this.byConversation.set(
      conversationId,
      new Map(receipts.map((r) => [r.userId, higher(r, held?.get(r.userId))])),
    );
  }

  /** Applies a pushed position; returns whether it moved. */
  raise(conversationId: string, receipt: Receipt): boolean {
    let held = this.byConversation.get(conversationId);
    if (!held) this.byConversation.set(conversationId, (held = new Map<string, Receipt>()));
    const before = held.get(receipt.userId);
    const after = higher(receipt, before);
    held.set(receipt.userId, after);
    return before?.readSeq !== after.readSeq || before.deliveredSeq !== after.deliveredSeq;
  }

  /** The positions held for a conversation, without `except`'s (mine). */
  of(conversationId: string, except: string | null): Receipt[] {
    return [...(this.byConversation.get(conversationId)?.values() ?? [])].filter((r) => r.userId !== except);
  }
}
