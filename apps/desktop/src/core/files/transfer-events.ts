import type { Transfer } from '@parley/shared';

/**
 * Hands transfer changes on: a change of state at once, progress at most once per `intervalMs` per
 * transfer (the latest value goes out at the end of the interval), so a fast upload does not flood
 * the renderer with events.
 */
export class TransferEvents {
  private readonly lastSent = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    /** The transfer as it is now, or null when it is gone. */
    private readonly current: (id: string) => Transfer | null,
    private readonly emit: (transfers: Transfer[]) => void,
    private readonly intervalMs = 200,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The transfer's state (or anything but its progress) changed. */
  changed(id: string, gone?: Transfer): void {
    this.clearTimer(id);
    const t = gone ?? this.current(id);
    if (!t) return;
    this.send(t);
    if (gone) this.lastSent.delete(id);
  }

  /** Its progress moved. */
  progressed(id: string): void {
    if (this.timers.has(id)) return;
    const wait = (this.lastSent.get(id) ?? -Infinity) + this.intervalMs - this.now();
    if (wait <= 0) {
      const t = this.current(id);
      if (t) this.send(t);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(id);
      const t = this.current(id);
      if (t) this.send(t);
    }, wait);
    timer.unref();
    this.timers.set(id, timer);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private clearTimer(id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
  }

  private send(t: Transfer): void {
    this.lastSent.set(t.id, this.now());
    this.emit([t]);
  }
}
