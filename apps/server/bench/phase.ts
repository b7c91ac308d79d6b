import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchChild } from './child.js';
import {
  cpuShare,
  type GeneratorReply,
  type GeneratorRequest,
  type StepSpec,
  type TargetReply,
  type TargetRequest,
} from './ipc.js';
import { BUSY_CORES, coresBusy, machineCpu, QUIET_CORES, waitForQuiet } from './machine.js';
import type { BenchOptions, TargetKind } from './options.js';
import { summarizeProfile } from './profile-summary.js';
import { persistedLine, setupLine, stepLine, type PhaseResult } from './report.js';
import { judge, searchSustainedRate, type StepOutcome } from './search.js';

type Target = BenchChild<TargetRequest, TargetReply>;
type Generator = BenchChild<GeneratorRequest, GeneratorReply>;

const files: Record<TargetKind, string> = { bare: './bare-relay.ts', parley: './server-process.ts' };

export interface PhaseHooks {
  log(line: string): void;
  /** Every child started, so an aborted run can kill them. */
  started(child: { kill(): void }): void;
}

/** A step failed while other processes kept BUSY_CORES busy is run again, at most this many times. */
const RETRIES_WHEN_BUSY = 1;

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

async function runStep(target: Target, generator: Generator, spec: StepSpec): Promise<StepOutcome> {
  const stepTimeoutMs = spec.durationMs + spec.drainMs + 30_000;
  generator.send({ type: 'step', spec });
  await generator.next('mark', 30_000);
  const machineBefore = machineCpu();
  const before = (await target.request({ type: 'stats', resetMax: true }, 'stats', 10_000)).stats;
  await generator.next('mark', stepTimeoutMs);
  const machineAfter = machineCpu();
  const after = (await target.request({ type: 'stats', resetMax: true }, 'stats', 10_000)).stats;
  const { result } = await generator.next('step', 60_000);
  const serverCpu = cpuShare(before, after);
  const generatorCpu = cpuShare(result.generator.before, result.generator.after);
  return {
    result,
    serverCpu,
    generatorCpu,
    otherCpu: Math.max(0, coresBusy(machineBefore, machineAfter) - serverCpu - generatorCpu),
    serverRssMaxBytes: after.rssMaxBytes,
    ...judge(result),
  };
}

/** Everything after setup: the profiler (if asked), the search, and the persistence check. */
async function measure(
  kind: TargetKind,
  target: Target,
  generator: Generator,
  options: BenchOptions,
  hooks: PhaseHooks,
): Promise<Omit<PhaseResult, 'setup' | 'idleRssBytes'>> {
  const countStreams = async (): Promise<number | null> =>
    kind === 'parley' ? (await generator.request({ type: 'count' }, 'counted', 60_000)).lastSeqTotal : null;
  const seqsBefore = await countStreams();
  const profileFile = options.cpuProf
    ? join(mkdtempSync(join(tmpdir(), 'parley-bench-prof-')), `${kind}-server.cpuprofile`)
    : null;
  if (profileFile) await target.request({ type: 'profile', action: 'start' }, 'profiling', 10_000);

  const attempts: StepOutcome[] = [];
  const search = await searchSustainedRate(options, async (rate) => {
    const spec: StepSpec = {
      rate,
      durationMs: options.durationS * 1000,
      drainMs: options.drainS * 1000,
      arrival: options.arrival,
      textSize: options.textSize,
    };
    for (let attempt = 1; ; attempt++) {
      const busy = await waitForQuiet(QUIET_CORES, 30_000);
      if (busy >= QUIET_CORES)
        hooks.log(`[${kind}] the machine is busy (${busy.toFixed(2)} cores) and stays so`);
      const outcome = await runStep(target, generator, spec);
      attempts.push(outcome);
      hooks.log(stepLine(kind, outcome));
      // Other work on the machine can fail a step that would have passed: run it again.
      if (outcome.sustained || outcome.otherCpu < BUSY_CORES || attempt > RETRIES_WHEN_BUSY) return outcome;
      hooks.log(
        `[${kind}] other processes used ${outcome.otherCpu.toFixed(2)} cores during that step: again`,
      );
    }
  });

  let profile: string[] = [];
  if (profileFile) {
    await target.request({ type: 'profile', action: 'stop', file: profileFile }, 'profiled', 60_000);
    hooks.log(`[${kind}] CPU profile of the server during the load steps: ${profileFile}`);
    profile = summarizeProfile(profileFile, 15);
  }
  const seqsAfter = await countStreams();
  const persisted =
    seqsBefore === null || seqsAfter === null
      ? null
      : {
          sent: sum(attempts.map((s) => s.result.sent)),
          acked: sum(attempts.map((s) => s.result.acked)),
          streamEvents: seqsAfter - seqsBefore,
        };
  if (persisted) hooks.log(persistedLine(kind, persisted));
  const peakRssBytes = Math.max(0, ...search.steps.map((s) => s.serverRssMaxBytes));
  return { target: kind, search, peakRssBytes, persisted, profile };
}

/**
 * One target: starts its server process, then the load-generator process, sets up the clients,
 * measures, and stops both.
 */
export async function runPhase(
  kind: TargetKind,
  options: BenchOptions,
  hooks: PhaseHooks,
): Promise<PhaseResult> {
  const target: Target = BenchChild.start(`${kind} server`, files[kind]);
  hooks.started(target);
  try {
    const { url } = await target.next('ready', 60_000);
    const generator: Generator = BenchChild.start(`${kind} load generator`, './generator-process.ts');
    hooks.started(generator);
    try {
      generator.send({
        type: 'init',
        config: { target: kind, url, clients: options.clients, groupSize: options.groupSize },
      });
      const { setup } = await generator.next('ready', 300_000);
      const idle = (await target.request({ type: 'stats', resetMax: true }, 'stats', 10_000)).stats;
      hooks.log(setupLine(kind, setup, idle.rssBytes));
      return {
        ...(await measure(kind, target, generator, options, hooks)),
        setup,
        idleRssBytes: idle.rssBytes,
      };
    } finally {
      generator.send({ type: 'stop' });
      await generator.exit(10_000);
    }
  } finally {
    target.send({ type: 'stop' });
    await target.next('stopped', 30_000).catch((err: unknown) => {
      hooks.log(`[${kind}] ${err instanceof Error ? err.message : String(err)}`);
    });
    await target.exit(30_000);
  }
}
