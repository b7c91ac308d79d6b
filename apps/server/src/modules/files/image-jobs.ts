import type { Logger } from '../../logger.js';

/**
 * A small background queue for thumbnail work, keyed by blob sha256: at most `concurrency` jobs
 * run at once, a key queued twice runs once, and anyone may wait (for a while) until a key is done.
 */
export class ImageJobs {
  private readonly queued: string[] = [];
  private readonly waiting = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  private running = 0;
  private closed = false;
  private idle: (() => void) | undefined;

  constructor(
    private readonly concurrency: number,
    private readonly job: (sha256: string) => Promise<void>,
    private readonly log: Logger,
  ) {}

  enqueue(sha256: string): void {
    if (this.closed || this.waiting.has(sha256)) return;
    let resolve!: () => void;
    const promise = new Promise<void>((r) => {
      resolve = r;
    });
    this.waiting.set(sha256, { promise, resolve });
    this.queued.push(sha256);
    this.pump();
  }

  /** Resolves true once the key's job has finished (or none is queued), false after `timeoutMs`. */
  async settled(sha256: string, timeoutMs: number): Promise<boolean> {
    const entry = this.waiting.get(sha256);
    if (!entry) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        resolve(false);
      }, timeoutMs);
    });
    try {
      return await Promise.race([entry.promise.then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Takes no more work; resolves when the jobs already running have finished. */
  close(): Promise<void> {
    this.closed = true;
    this.queued.length = 0;
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle = resolve;
    });
  }

  private pump(): void {
    while (!this.closed && this.running < this.concurrency && this.queued.length > 0) {
      const sha256 = this.queued.shift();
      if (sha256 === undefined) break;
      this.running++;
      void this.job(sha256)
        .catch((err: unknown) => {
          this.log.error('image job failed', { sha256, err: String(err) });
        })
        .finally(() => {
          this.running--;
          this.waiting.get(sha256)?.resolve();
          this.waiting.delete(sha256);
          if (this.closed && this.running === 0) this.idle?.();
          this.pump();
        });
    }
  }
}
