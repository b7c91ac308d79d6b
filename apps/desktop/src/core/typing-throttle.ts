/** How often my typing in one conversation is told to the others at most. */
export const TYPING_INTERVAL_MS = 3_000;

/** Decides when a typing notice goes out: at most one per conversation every TYPING_INTERVAL_MS. */
export class TypingThrottle {
  private readonly sentAt = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** Whether a notice may go out now; if so, it counts as sent. */
  take(conversationId: string): boolean {
    const now = this.now();
    const last = this.sentAt.get(conversationId);
    if (last !== undefined && now - last < TYPING_INTERVAL_MS) return false;
    this.sentAt.set(conversationId, now);
    return true;
  }
}
