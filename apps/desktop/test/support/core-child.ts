import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const desktopDir = fileURLToPath(new URL('../..', import.meta.url));

/** The state a core process reports for one conversation (see core-process.ts). */
export interface ChildState {
  messages: { id: string; seq: number; senderId: string; clientMsgId: string; text: string | null }[];
  outbox: string[];
  syncedSeq: number;
}

/** Drives test/support/core-process.ts: a desktop core in its own process, to be killed. */
export class CoreChild {
  readonly lines: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<void>;
  /** SIGKILL the process the moment it prints a line this says yes to. */
  killOn: ((line: string) => boolean) | null = null;
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.lines.push(line);
      if (this.killOn?.(line) && this.alive) this.child.kill('SIGKILL');
      for (const w of this.waiters) w();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr.push(chunk.toString());
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        resolve();
      });
    });
  }

  static spawn(dataDir: string): CoreChild {
    return new CoreChild(
      spawn(process.execPath, ['--import', 'tsx', 'test/support/core-process.ts', dataDir], {
        cwd: desktopDir,
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  command(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** The first line at index `from` or later that matches, waiting for it if need be. */
  async waitFor(
    pattern: RegExp,
    from = 0,
    timeoutMs = 20_000,
  ): Promise<{ match: RegExpMatchArray; index: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = from; i < this.lines.length; i++) {
        const match = pattern.exec(this.lines[i]!);
        if (match) return { match, index: i };
      }
      if (!this.alive)
        throw new Error(`core process exited while waiting for ${pattern}: ${this.stderr.join('')}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${pattern}; got ${this.lines.slice(-5).join(' | ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 200));
        const waiters = this.waiters;
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        waiters.add(done);
      });
    }
  }

  /** Asks for the state of a conversation and waits for the answer. */
  async state(conversationId: string): Promise<ChildState> {
    const from = this.lines.length;
    this.command(`state ${conversationId}`);
    const { match } = await this.waitFor(/^state (.*)$/, from);
    return JSON.parse(match[1]!) as ChildState;
  }

  /** SIGKILL: no clean-up, no last writes. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await this.exited;
  }
}
