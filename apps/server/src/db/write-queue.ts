import type { Sql } from '@parley/db';

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit. Writes queued in the same turn of the event loop run in one
 * transaction, each in its own savepoint so one failing write does not undo the
 * others; every caller is answered only after the whole group is committed
 * (and, with synchronous=FULL, on disk). One fsync then covers many messages.
 */
export class WriteQueue {
  private pending: Job[] = [];
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly sql: Sql,
    private readonly maxBatch = 512,
    private readonly onCommit?: (ms: number, size: number) => void,
  ) {}

  /** Runs `fn` inside the next group's transaction; resolves with its result once committed. */
  write<T>(fn: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('write queue closed'));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.flush();
        });
      }
    });
  }

  /** Commits whatever is queued, now. */
  flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      const outcomes: { ok: boolean; value: unknown }[] = [];
      const started = performance.now();
      try {
        this.sql.tx(() => {
          for (const job of batch) {
            try {
              outcomes.push({ ok: true, value: this.sql.tx(job.run) });
            } catch (err) {
              outcomes.push({ ok: false, value: err });
            }
          }
        });
      } catch (err) {
        for (const job of batch) job.reject(err);
        continue;
      }
      this.onCommit?.(performance.now() - started, batch.length);
      batch.forEach((job, i) => {
        const outcome = outcomes[i];
        if (outcome?.ok) job.resolve(outcome.value);
        else job.reject(outcome?.value);
      });
    }
  }

  /** Commits what is queued and refuses further writes. */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
