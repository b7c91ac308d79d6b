import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT } from '../src/runtime/heap-tuning.js';
import { tempDir } from './support/server.js';

const serverRoot = fileURLToPath(new URL('..', import.meta.url));
const probe = fileURLToPath(new URL('./support/heap-limit-probe.ts', import.meta.url));

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * The factor V8 grew the old generation's limit by at the probe's own full collection (reason
 * "testing"), read from V8's trace, in the server's process started with `nodeFlags`.
 */
function growingFactorAfterStart(nodeFlags: string[] = []): number {
  const dataDir = tempDir();
  dirs.push(dataDir);
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--trace-gc', '--trace-gc-verbose', ...nodeFlags, '--import', 'tsx', probe, dataDir],
    { cwd: serverRoot, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
  expect(run.status, run.stderr).toBe(0);
  const lines = run.stdout.split('\n');
  const forced = lines.findIndex((line) => /Mark-Compact .*\btesting\b/.test(line));
  expect(forced, 'the probe’s full collection in the trace').toBeGreaterThan(0);
  const isolate = /^\[\d+:0x[0-9a-f]+\]/.exec(lines[forced] ?? '')?.[0];
  const limit = lines
    .slice(0, forced)
    .filter((line) => line.startsWith(isolate ?? '?') && line.includes('[HeapController] Limit:'))
    .at(-1);
  const factor = /\(([\d.]+)\)\s*$/.exec(limit ?? '')?.[1];
  expect(factor, `a limit line before the forced collection: ${limit}`).toBeDefined();
  return Number(factor);
}

describe('the server process’s heap', () => {
  // Without it V8 grows the limit by 1.1 after a quiet full collection, and uploads start a full
  // collection every 8 MiB (runtime/heap-tuning.ts has the why, docs/benchmarks.md the figures).
  it('grows the old generation’s limit to three times the live heap once the server has started', () => {
    expect(growingFactorAfterStart()).toBe(1 + HEAP_GROWING_PERCENT / 100);
  }, 90_000);

  it('leaves a growing factor the operator passed to node alone', () => {
    expect(growingFactorAfterStart(['--heap-growing-percent=50'])).toBe(1.5);
  }, 90_000);
});
