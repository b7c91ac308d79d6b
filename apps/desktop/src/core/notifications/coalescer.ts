import type { NotifyRequest } from '../desktop-core.js';

/** Timers, injectable so tests move time by hand instead of sleeping. */
export interface NotifyClock {
  /** Runs `fn` once after `ms`; the returned function cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const systemClock: NotifyClock = {
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    // A pending follow-up must not keep the process alive.
    timer.unref();
    return () => {
      clearTimeout(timer);
    };
  },
};

/** A message the policy lets through (muted, focused, own and do-not-disturb are already filtered out). */
export interface Arrival {
  conversationId: string;
  messageId: string;
  senderId: string;
  seq: number;
  mention: boolean;
}

/** What has piled up for one conversation since its last notification. */
export interface Batch {
  conversationId: string;
  /** The newest message of the batch: the one the notification shows. */
  latest: Arrival;
  count: number;
  /** Whether any message of the batch mentions me. */
  mention: boolean;
}

export interface CoalescerOptions {
  emit: (request: NotifyRequest) => void;
  /**
   * Asked just before a held batch goes out: whether it is still worth showing (the user may have
   * opened, read or muted the conversation, or turned on do-not-disturb, in the meantime).
   */
  wanted?: (batch: Batch) => boolean;
  clock?: NotifyClock;
  /** How long a conversation stays "recently notified": what arrives meanwhile goes into one follow-up. */
  windowMs?: number;
  /** After a catch-up, more conversations with news than this get one summary instead. */
  summaryAbove?: number;
}

export const NOTIFY_WINDOW_MS = 1_500;
export const SUMMARY_ABOVE = 3;

interface Window {
  pending: Batch | null;
  cancel: () => void;
}

/**
 * Turns a stream of notifiable messages into few notifications, the way chat apps do:
 *
 * - Live: the first message of a quiet conversation notifies at once. The conversation then stays
 *   in a window of `windowMs`; what arrives inside it is held and goes out as one follow-up at the
 *   window's end (the latest message, the count, a mention if any message had one), which opens
 *   the next window. A window that ends with nothing held closes, and the conversation is quiet.
 * - Catch-up: between beginCatchUp() and endCatchUp() everything is held per conversation. At the
 *   end each conversation gets one notification, or, when more than `summaryAbove` conversations
 *   have news, a single summary for all of them.
 *
 * A mention is never dropped: it marks the merged notification (or the summary) as a mention.
 */
export class NotificationCoalescer {
  private readonly windows = new Map<string, Window>();
  private readonly held = new Map<string, Batch>();
  private catchUps = 0;
  private readonly clock: NotifyClock;
  private readonly windowMs: number;
  private readonly summaryAbove: number;

  constructor(private readonly options: CoalescerOptions) {
    this.clock = options.clock ?? systemClock;
    this.windowMs = options.windowMs ?? NOTIFY_WINDOW_MS;
    this.summaryAbove = options.summaryAbove ?? SUMMARY_ABOVE;
  }

  get catchingUp(): boolean {
    return this.catchUps > 0;
  }

  add(arrival: Arrival): void {
    if (this.catchingUp) {
      this.held.set(arrival.conversationId, merge(this.held.get(arrival.conversationId), arrival));
      return;
    }
    const window = this.windows.get(arrival.conversationId);
    if (window) {
      window.pending = merge(window.pending, arrival);
      return;
    }
    this.emitBatch(merge(null, arrival));
    this.openWindow(arrival.conversationId);
  }

  beginCatchUp(): void {
    this.catchUps += 1;
  }

  endCatchUp(): void {
    if (this.catchUps === 0) return;
    this.catchUps -= 1;
    if (this.catchUps > 0) return;
    const batches = [...this.held.values()].filter((b) => this.wanted(b));
    this.held.clear();
    if (batches.length > this.summaryAbove) {
      this.options.emit({
        kind: 'summary',
        conversationIds: batches.map((b) => b.conversationId),
        messageCount: batches.reduce((n, b) => n + b.count, 0),
        mention: batches.some((b) => b.mention),
      });
      // The summary stands for each of them: what follows at once joins a follow-up.
      for (const b of batches) if (!this.windows.has(b.conversationId)) this.openWindow(b.conversationId);
      return;
    }
    for (const b of batches) {
      const window = this.windows.get(b.conversationId);
      if (window) {
        window.pending = window.pending ? mergeBatches(window.pending, b) : b;
      } else {
        this.emitBatch(b);
        this.openWindow(b.conversationId);
      }
    }
  }

  /** Forgets everything held and stops every timer (sign-out, close). */
  clear(): void {
    for (const w of this.windows.values()) w.cancel();
    this.windows.clear();
    this.held.clear();
    this.catchUps = 0;
  }

  private openWindow(conversationId: string): void {
    const window: Window = {
      pending: null,
      cancel: this.clock.after(this.windowMs, () => {
        if (this.windows.get(conversationId) !== window) return;
        this.windows.delete(conversationId);
        const pending = window.pending;
        if (pending && this.wanted(pending)) {
          this.emitBatch(pending);
          this.openWindow(conversationId);
        }
      }),
    };
    this.windows.set(conversationId, window);
  }

  private wanted(batch: Batch): boolean {
    return this.options.wanted ? this.options.wanted(batch) : true;
  }

  private emitBatch(b: Batch): void {
    this.options.emit({
      kind: 'message',
      conversationId: b.conversationId,
      messageId: b.latest.messageId,
      senderId: b.latest.senderId,
      count: b.count,
      mention: b.mention,
    });
  }
}

function merge(batch: Batch | null | undefined, a: Arrival): Batch {
  if (!batch) return { conversationId: a.conversationId, latest: a, count: 1, mention: a.mention };
  return {
    conversationId: batch.conversationId,
    latest: a.seq >= batch.latest.seq ? a : batch.latest,
    count: batch.count + 1,
    mention: batch.mention || a.mention,
  };
}

function mergeBatches(a: Batch, b: Batch): Batch {
  return {
    conversationId: a.conversationId,
    latest: b.latest.seq >= a.latest.seq ? b.latest : a.latest,
    count: a.count + b.count,
    mention: a.mention || b.mention,
  };
}
