import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isMessage } from './ipc.js';

type Tagged = { type: string };
type ReplyOf<R extends Tagged, T extends R['type']> = Extract<R, { type: T }>;

interface Waiter<R> {
  type: string;
  resolve: (message: R) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * A bench process forked with tsx, spoken to over IPC. Replies are matched by `type` in the
 * order they arrive; an `{ type: 'error' }` message, or the process exiting, fails every wait.
 */
export class BenchChild<Req extends Tagged, Rep extends Tagged> {
  private readonly queue: Rep[] = [];
  private waiters: Waiter<Rep>[] = [];
  private failure: Error | null = null;
  private readonly exited: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly proc: ChildProcess,
  ) {
    proc.on('message', (message: unknown) => {
      if (isMessage<Rep>(message)) this.receive(message);
    });
    this.exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        this.fail(new Error(`${name} exited (${signal ?? `code ${code}`})`));
        resolve();
      });
    });
  }

  /** Forks `file` (relative to bench/) with tsx loaded, plus `nodeArgs`. */
  static start<Req extends Tagged, Rep extends Tagged>(
    name: string,
    file: string,
    nodeArgs: string[] = [],
  ): BenchChild<Req, Rep> {
    const path = fileURLToPath(new URL(file, import.meta.url));
    const proc = fork(path, [], {
      execArgv: ['--import', 'tsx', ...nodeArgs],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new BenchChild<Req, Rep>(name, proc);
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  send(message: Req): void {
    if (this.proc.connected) this.proc.send(message);
  }

  /** The next message of the given type (queued or yet to come). */
  next<T extends Rep['type']>(type: T, timeoutMs: number): Promise<ReplyOf<Rep, T>> {
    const queued = this.queue.findIndex((m) => m.type === type);
    if (queued >= 0) return Promise.resolve(this.queue.splice(queued, 1)[0] as ReplyOf<Rep, T>);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const waiter: Waiter<Rep> = {
        type,
        resolve: (message) => {
          resolve(message as ReplyOf<Rep, T>);
        },
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`${this.name}: no "${type}" within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  request<T extends Rep['type']>(message: Req, type: T, timeoutMs: number): Promise<ReplyOf<Rep, T>> {
    const reply = this.next(type, timeoutMs);
    this.send(message);
    return reply;
  }

  /** Waits for the process to exit; kills it if it has not within `timeoutMs`. */
  async exit(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        resolve(true);
      }, timeoutMs);
    });
    const late = await Promise.race([this.exited.then(() => false), timedOut]);
    clearTimeout(timer);
    if (late) {
      this.proc.kill('SIGKILL');
      await this.exited;
    }
  }

  /** Kills the process at once (used when the whole run is aborted). */
  kill(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }

  private receive(message: Rep): void {
    if (message.type === 'error') {
      const text = (message as Tagged & { message?: unknown }).message;
      this.fail(new Error(`${this.name}: ${typeof text === 'string' ? text : 'error'}`));
      return;
    }
    const i = this.waiters.findIndex((w) => w.type === message.type);
    if (i < 0) {
      this.queue.push(message);
      return;
    }
    const [waiter] = this.waiters.splice(i, 1);
    clearTimeout(waiter!.timer);
    waiter!.resolve(message);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      clearTimeout(w.timer);
      w.reject(err);
    }
  }
}
