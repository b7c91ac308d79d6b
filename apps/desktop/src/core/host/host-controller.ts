import type { HostFailure, HostingSetting, HostStatus } from '@parley/shared';
import { EventEmitter } from 'node:events';
import type { HostChild, HostLauncher } from './host-child.js';
import { HostReport, type HostServerOverrides } from './host-messages.js';

/** Where the hosting setting is kept (the settings file in the app), so hosting starts again with it. */
export interface HostingPreference {
  get(): HostingSetting;
  set(next: HostingSetting): void;
}

export interface HostControllerOptions {
  launch: HostLauncher;
  /** The server's data folder (`<userData>/server` in the app). */
  dataDir: string;
  preference: HostingPreference;
  /** better-sqlite3's addon for the host process's runtime (Electron's ABI in the app). */
  nativeBinding?: string;
  server?: HostServerOverrides;
  /** How many of the server's connections are this app's own (its core signed in there): not counted as people. */
  ownConnections?: (server: { port: number; urls: readonly string[] }) => number;
  /** How often the host process checks the connected count and addresses. */
  statsIntervalMs?: number;
  /** Ports tried from the saved one up while they are taken. */
  portAttempts?: number;
  /** A start that has not answered by then is given up and its process killed. */
  startTimeoutMs?: number;
  /** A stop that has not ended the process by then kills it (the server waits up to 5 s for requests in flight). */
  stopTimeoutMs?: number;
}

export interface HostControllerEvents {
  changed: [status: HostStatus];
}

/** One host process, from launch to exit. */
interface Run {
  child: HostChild | null;
  /** Resolves when the start is decided: ready, refused, ended or timed out. */
  started: Promise<void>;
  decideStart: () => void;
  exited: Promise<void>;
  markExited: () => void;
}

const LOCALHOST = '127.0.0.1';

/**
 * Runs the Parley server in a process of its own and keeps track of it: start (from the saved port,
 * or the next free one), stop, the connected count and addresses it reports, and a crash. It knows
 * nothing of how the process is made (`launch`): the app uses Electron's utilityProcess, the tests
 * child_process.fork. Starts and stops run one at a time, in the order asked.
 */
export class HostController extends EventEmitter<HostControllerEvents> {
  private state: HostStatus['state'] = 'stopped';
  private run: Run | null = null;
  private name: string | null = null;
  private port: number | null = null;
  private urls: string[] = [];
  private sockets = 0;
  private fingerprint: string | null = null;
  private error: HostStatus['error'] = null;
  private lastSent = '';
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: HostControllerOptions) {
    super();
  }

  status(): HostStatus {
    const own =
      this.state === 'running' && this.port !== null
        ? (this.options.ownConnections?.({ port: this.port, urls: this.urls }) ?? 0)
        : 0;
    return {
      state: this.state,
      name: this.name,
      port: this.port,
      urls: [...this.urls],
      localUrl: this.port === null ? null : `http://${LOCALHOST}:${this.port}`,
      connected: Math.max(0, this.sockets - own),
      fingerprint: this.fingerprint,
      error: this.error,
    };
  }

  /**
   * Starts the server named `name` and resolves with the status once it runs, or once the start
   * failed (`error` says why). Hosting is remembered as on, with the port it got.
   */
  start(name: string): Promise<HostStatus> {
    return this.serially(async () => {
      if (this.run === null) await this.launch(name);
      return this.status();
    });
  }

  /** Stops the server (cutting off whoever is connected) and remembers hosting as off. */
  stop(): Promise<HostStatus> {
    return this.serially(async () => {
      const saved = this.options.preference.get();
      if (saved.enabled) this.options.preference.set({ ...saved, enabled: false });
      await this.halt();
      return this.status();
    });
  }

  /** Stops the server but leaves hosting on, so it starts again with the app (quitting). */
  shutdown(): Promise<void> {
    return this.serially(() => this.halt());
  }

  /** Starts the server again if hosting was on when the app last ran. */
  resume(): Promise<HostStatus> {
    const saved = this.options.preference.get();
    if (!saved.enabled || saved.name === null) return Promise.resolve(this.status());
    return this.start(saved.name);
  }

  /** Tells listeners again if the connected count changed because this app's own connection did. */
  recount(): void {
    this.changed();
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async launch(name: string): Promise<void> {
    const saved = this.options.preference.get();
    this.name = name;
    this.error = null;
    this.setState('starting');
    const run = newRun();
    this.run = run;
    try {
      run.child = this.options.launch({
        message: (raw) => {
          this.onMessage(run, raw);
        },
        exit: (code) => {
          this.onExit(run, code);
        },
      });
      run.child.postMessage({
        type: 'start',
        dataDir: this.options.dataDir,
        port: saved.port,
        portAttempts: this.options.portAttempts ?? 20,
        serverName: name,
        ...(this.options.nativeBinding === undefined ? {} : { nativeBinding: this.options.nativeBinding }),
        statsIntervalMs: this.options.statsIntervalMs ?? 1000,
        server: this.options.server ?? {},
      });
    } catch (err) {
      this.failStart(run, { reason: 'start-failed', message: (err as Error).message });
      return;
    }
    const timeoutMs = this.options.startTimeoutMs ?? 60_000;
    const timer = setTimeout(() => {
      this.failStart(run, {
        reason: 'start-failed',
        message: `The server did not start within ${Math.round(timeoutMs / 1000)} s.`,
      });
    }, timeoutMs);
    await run.started;
    clearTimeout(timer);
    if (this.run !== run) await run.exited;
  }

  /** The start failed: the process (if any) is ended and forgotten. */
  private failStart(run: Run, failure: { reason: HostFailure; message: string }): void {
    if (this.run !== run || this.state !== 'starting') return;
    this.run = null;
    this.error = failure;
    this.reset();
    if (run.child) run.child.kill();
    else run.markExited();
    run.decideStart();
  }

  private async halt(): Promise<void> {
    const run = this.run;
    if (!run?.child) return;
    this.setState('stopping');
    run.child.postMessage({ type: 'stop' });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => {
        resolve('late');
      }, this.options.stopTimeoutMs ?? 15_000);
    });
    if ((await Promise.race([run.exited, late])) === 'late') run.child.kill();
    clearTimeout(timer);
    await run.exited;
  }

  private onMessage(run: Run, raw: unknown): void {
    const parsed = HostReport.safeParse(raw);
    if (!parsed.success || this.run !== run) return;
    const report = parsed.data;
    switch (report.type) {
      case 'ready': {
        if (this.state !== 'starting') return;
        this.port = report.port;
        this.urls = report.urls;
        this.fingerprint = report.fingerprint;
        this.sockets = 0;
        this.options.preference.set({ enabled: true, port: report.port, name: this.name });
        this.setState('running');
        run.decideStart();
        return;
      }
      case 'stats':
        this.sockets = report.connectedSockets;
        this.urls = report.urls;
        this.changed();
        return;
      case 'error':
        // The process stays up until it is ended: a message sent just before exiting could be lost.
        this.failStart(run, { reason: report.reason, message: report.message });
        return;
      case 'stopped':
        run.child?.kill();
        return;
    }
  }

  private onExit(run: Run, code: number | null): void {
    run.markExited();
    if (this.run !== run) return;
    this.run = null;
    const how = code === null ? 'it was killed' : `exit code ${code}`;
    if (this.state === 'starting') {
      this.error = { reason: 'start-failed', message: `The server process ended while starting (${how}).` };
    } else if (this.state === 'running') {
      this.error = { reason: 'crashed', message: `The server stopped unexpectedly (${how}).` };
    }
    this.reset();
    run.decideStart();
  }

  private reset(): void {
    this.port = null;
    this.urls = [];
    this.sockets = 0;
    this.fingerprint = null;
    this.setState('stopped');
  }

  private setState(state: HostStatus['state']): void {
    this.state = state;
    this.changed();
  }

  /** Emits the status when it differs from the last one emitted. */
  private changed(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastSent) return;
    this.lastSent = key;
    this.emit('changed', status);
  }
}

function newRun(): Run {
  let decideStart: () => void = () => undefined;
  let markExited: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    decideStart = resolve;
  });
  const exited = new Promise<void>((resolve) => {
    markExited = resolve;
  });
  return { child: null, started, decideStart, exited, markExited };
}
