import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Cores other processes may keep busy before a step starts… */
export const QUIET_CORES = 0.25;
/** …and during one before its figures are suspect. */
export const BUSY_CORES = 0.3;

export interface CpuTimes {
  busyMs: number;
  totalMs: number;
}

/** Cumulative CPU time of the whole machine, all cores. */
export function machineCpu(): CpuTimes {
  let busyMs = 0;
  let totalMs = 0;
  for (const { times } of cpus()) {
    const total = times.user + times.nice + times.sys + times.idle + times.irq;
    totalMs += total;
    busyMs += total - times.idle;
  }
  return { busyMs, totalMs };
}

/** Cores kept busy between two samples, by anything (0..number of cores). */
export function coresBusy(before: CpuTimes, after: CpuTimes): number {
  const total = after.totalMs - before.totalMs;
  if (total <= 0) return 0;
  return ((after.busyMs - before.busyMs) / total) * cpus().length;
}

/**
 * Waits until the machine has been quiet (under `maxCores` busy) for half a second, at most
 * `maxMs`; returns the cores that were busy in the last sample. Bench processes between steps
 * are idle, so what is measured here is other work on the machine.
 */
export async function waitForQuiet(maxCores: number, maxMs: number): Promise<number> {
  const giveUpAt = performance.now() + maxMs;
  for (;;) {
    const before = machineCpu();
    await sleep(500);
    const busy = coresBusy(before, machineCpu());
    if (busy < maxCores || performance.now() >= giveUpAt) return busy;
  }
}

/** Median and p99 time, in ms, of appending 4 KiB to a file in the temp directory and fsyncing it. */
export function probeFsync(samples = 200): { p50: number; p99: number; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-fsync-'));
  const fd = openSync(join(dir, 'probe'), 'w');
  const page = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      writeSync(fd, page, 0, page.length, i * page.length);
      const started = performance.now();
      fsyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { p50: at(0.5), p99: at(0.99), dir: tmpdir() };
}
