import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/*
 * Machines on a LAN, made of Linux network namespaces joined by veth pairs: each namespace has its
 * own interfaces, addresses, routes and multicast, so mDNS between them crosses a real (virtual)
 * link. Needs root (CI runs as root). Namespaces are named parley-<pid>-<run>-<name>; ones left by
 * a test process that died are removed by the next run.
 */

const desktopDir = fileURLToPath(new URL('../..', import.meta.url));

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

/** Why namespaces cannot be made here, or null when they can. */
export function netnsUnavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces exist only on Linux';
  if (process.getuid?.() !== 0) return 'making network namespaces needs root (CI runs as root)';
  const probe = `parley-${process.pid}-probe`;
  try {
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
    return null;
  } catch (err) {
    return `this machine refuses network namespaces: ${(err as Error).message.split('\n')[0]}`;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Kills what runs in a namespace (only our own processes run there), then removes it. */
function removeNamespace(ns: string): void {
  try {
    for (const pid of ip('netns', 'pids', ns).split(/\s+/).filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    ip('netns', 'del', ns);
  } catch {
    // Already gone.
  }
}

function removeLeftovers(): void {
  for (const line of ip('netns', 'list').split('\n')) {
    const m = /^(parley-(\d+)-\S+)/.exec(line);
    if (m && !alive(Number(m[2]))) removeNamespace(m[1]!);
  }
}

/** A process started in a namespace, with its output as lines. */
export class NsProcess {
  readonly lines: string[] = [];
  private stderr = '';
  private ended = false;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly what: string,
    readonly child: ChildProcess,
  ) {
    let partial = '';
    child.stdout?.on('data', (d: Buffer) => {
      partial += d.toString();
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      this.lines.push(...parts.filter((l) => l !== ''));
      this.wake();
    });
    child.stderr?.on('data', (d: Buffer) => {
      this.stderr += d.toString();
      this.wake();
    });
    // 'close', not 'exit': by then every line of its output has arrived.
    child.on('close', () => {
      this.ended = true;
      this.wake();
    });
  }

  get errors(): string {
    return this.stderr;
  }

  get running(): boolean {
    return !this.ended;
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Waits until `check` finds something in the output so far; fails if the process ends first. */
  async until<T>(check: (p: NsProcess) => T | undefined, what: string): Promise<T> {
    for (;;) {
      const found = check(this);
      if (found !== undefined) return found;
      if (!this.running) {
        throw new Error(`${this.what} ended before ${what}:\n${this.lines.join('\n')}\n${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const w = () => {
          this.waiters.delete(w);
          resolve();
        };
        this.waiters.add(w);
      });
    }
  }

  /** The first stdout line, parsed as JSON, for which `match` returns something. */
  untilJson<T>(match: (json: Record<string, unknown>) => T | undefined, what: string): Promise<T> {
    return this.until((p) => {
      for (const line of p.lines) {
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          continue;
        }
        const found = match(json as Record<string, unknown>);
        if (found !== undefined) return found;
      }
      return undefined;
    }, what);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.running) return;
    const exited = new Promise<void>((resolve) => this.child.once('close', () => resolve()));
    this.child.kill(signal);
    await exited;
  }
}

export class NetnsLab {
  private readonly run = `${process.pid}-${randomBytes(2).toString('hex')}`;
  private readonly namespaces: string[] = [];
  private readonly withRoute = new Set<string>();
  private readonly processes: NsProcess[] = [];
  private links = 0;

  constructor() {
    removeLeftovers();
  }

  /** A new machine with only loopback; returns its namespace's name. */
  machine(name: string): string {
    const ns = `parley-${this.run}-${name}`;
    ip('netns', 'add', ns);
    this.namespaces.push(ns);
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    return ns;
  }

  /**
   * A cable between two machines: a veth pair on `subnet`.0/24, `subnet`.1 on the first and
   * `subnet`.2 on the second. The first link of each machine carries its multicast route.
   */
  link(first: string, second: string, subnet: string): { first: string; second: string } {
    this.links += 1;
    // Interface names are at most 15 characters.
    const tag = `p${this.run.slice(-4)}${this.links}`;
    const ends = { first: `${tag}a`, second: `${tag}b` };
    ip('link', 'add', ends.first, 'type', 'veth', 'peer', 'name', ends.second);
    for (const [ns, dev, host] of [
      [first, ends.first, 1],
      [second, ends.second, 2],
    ] as const) {
      ip('link', 'set', dev, 'netns', ns);
      ip('-n', ns, 'addr', 'add', `${subnet}.${host}/24`, 'dev', dev);
      ip('-n', ns, 'link', 'set', dev, 'up');
      if (!this.withRoute.has(ns)) {
        ip('-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', dev);
        this.withRoute.add(ns);
      }
    }
    return ends;
  }

  /** Starts `command` inside a machine's namespace. */
  spawn(ns: string, what: string, command: string[], env: NodeJS.ProcessEnv = {}): NsProcess {
    const child = spawn('ip', ['netns', 'exec', ns, ...command], {
      cwd: desktopDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const p = new NsProcess(what, child);
    this.processes.push(p);
    return p;
  }

  /** Stops every process, then removes the namespaces (and with them the veth pairs). */
  async close(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop('SIGKILL')));
    for (const ns of this.namespaces.splice(0)) removeNamespace(ns);
  }
}
