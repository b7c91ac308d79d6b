/**
 * Tells the server how far this device has stored each conversation (`conversations.markDelivered`),
 * so senders see "delivered". One call at a time per conversation: positions that come in while
 * one is on its way fold into a single call with the newest.
 */
export class DeliveredMarks {
  /** The newest position still to tell, per conversation. */
  private readonly pending = new Map<string, number>();
  private readonly told = new Map<string, number>();
  private readonly busy = new Set<string>();

  constructor(
    private readonly send: (conversationId: string, seq: number) => Promise<unknown>,
    /** Whether a failed call is worth trying again (after the next connect). */
    private readonly retryable: (err: unknown) => boolean,
  ) {}

  mark(conversationId: string, seq: number): void {
    if (seq <= Math.max(this.told.get(conversationId) ?? 0, this.pending.get(conversationId) ?? 0)) return;
    this.pending.set(conversationId, seq);
    this.drain(conversationId);
  }

  /** Tries again what a lost link kept from being told. */
  retry(): void {
    for (const conversationId of this.pending.keys()) this.drain(conversationId);
  }

  private drain(conversationId: string): void {
    if (this.busy.has(conversationId)) return;
    this.busy.add(conversationId);
    void this.sendPending(conversationId).finally(() => {
      this.busy.delete(conversationId);
    });
  }

  private async sendPending(conversationId: string): Promise<void> {
    for (
      let seq = this.pending.get(conversationId);
      seq !== undefined;
      seq = this.pending.get(conversationId)
    ) {
      try {
        await this.send(conversationId, seq);
      } catch (err) {
        if (!this.retryable(err)) this.pending.delete(conversationId);
        return;
      }
      this.told.set(conversationId, Math.max(seq, this.told.get(conversationId) ?? 0));
      if (this.pending.get(conversationId) === seq) this.pending.delete(conversationId);
    }
  }
}
