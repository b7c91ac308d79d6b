/**
 * `npm run bench:server`: the bare Socket.IO relay, then Parley, each in its own server process,
 * driven by a load-generator process with the same clients, topology and offered rates.
 * See docs/benchmarks.md.
 */
import { parseOptions, usage, type BenchOptions } from './options.js';
import { runPhase } from './phase.js';
import { environment, summary, type PhaseResult } from './report.js';
import { runBench } from './entrypoint.js';

const log = (line: string): void => {
  console.log(line);
};

/** Every child process started, so that a failed or timed-out run leaves none behind. */
const children: { kill(): void }[] = [];

async function main(options: BenchOptions): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${options.timeoutS} s; giving up`);
    for (const child of children) child.kill();
    process.exit(2);
  }, options.timeoutS * 1000);
  watchdog.unref();

  for (const line of environment(options)) log(line);
  const phases: PhaseResult[] = [];
  for (const target of options.targets) {
    log('');
    phases.push(
      await runPhase(target, options, {
        log,
        started: (child) => children.push(child),
      }),
    );
  }
  for (const line of summary(phases, options)) log(line);
  if (options.json) log(JSON.stringify({ options, phases }, null, 2));
}

await runBench({ parseOptions, usage, main, children });
