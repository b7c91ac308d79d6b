import type { StepResult } from './ipc.js';
import type { BenchOptions } from './options.js';

/** Sustained: at least this share of sends acked and of deliveries made within the step and its drain… */
export const MIN_COMPLETED = 0.95;
/** …and send-to-deliver p99 under this many ms. */
export const MAX_P99_MS = 1000;

export interface StepOutcome {
  result: StepResult;
  /** Share of one core the server process used while the step ran. */
  serverCpu: number;
  generatorCpu: number;
  /** Cores kept busy by everything else on the machine (the kernel's share of networking included). */
  otherCpu: number;
  serverRssMaxBytes: number;
  sustained: boolean;
  /** Why it was not sustained. */
  reasons: string[];
}

export function judge(result: StepResult): { sustained: boolean; reasons: string[] } {
  const reasons: string[] = [];
  const ackedShare = result.sent === 0 ? 0 : result.acked / result.sent;
  const deliveredShare = result.expectedDeliveries === 0 ? 1 : result.deliveries / result.expectedDeliveries;
  if (result.aborted) reasons.push('backlog grew past 3 s of load');
  if (ackedShare < MIN_COMPLETED) reasons.push(`${(ackedShare * 100).toFixed(1)}% acked`);
  if (deliveredShare < MIN_COMPLETED) reasons.push(`${(deliveredShare * 100).toFixed(1)}% delivered`);
  if (!(result.deliver.p99 < MAX_P99_MS)) reasons.push(`deliver p99 ${result.deliver.p99.toFixed(0)} ms`);
  if (result.disconnects.length > 0) {
    const why = [...new Set(result.disconnects)].join(', ');
    reasons.push(`${result.disconnects.length} sockets dropped (${why})`);
  }
  const failures = Object.entries(result.failed);
  if (failures.length > 0) reasons.push(`errors: ${failures.map(([code, n]) => `${code}×${n}`).join(', ')}`);
  return { sustained: reasons.length === 0, reasons };
}

export interface SearchResult {
  steps: StepOutcome[];
  /** The highest offered rate that was sustained. */
  best: StepOutcome | null;
  /** The lowest offered rate that was not. */
  ceiling: StepOutcome | null;
}

/**
 * Finds the highest sustained offered rate: multiplies the rate by `stepFactor` from `rate` until
 * a step fails (or divides it while the first ones fail), then bisects (geometrically) between the
 * last sustained and the first failed rate `refineSteps` times. Stops early when the next step
 * would not fit in `budgetS`. With `fixed`, runs the one step at `rate`.
 */
export async function searchSustainedRate(
  options: BenchOptions,
  step: (rate: number) => Promise<StepOutcome>,
): Promise<SearchResult> {
  // One object, so that updates made inside run() are seen by the loops below.
  const found: SearchResult = { steps: [], best: null, ceiling: null };
  const stepCostMs = (options.durationS + options.drainS + 1.5) * 1000;
  const deadline = performance.now() + options.budgetS * 1000;
  const fits = (): boolean => performance.now() + stepCostMs <= deadline;

  const run = async (rate: number): Promise<StepOutcome> => {
    const outcome = await step(Math.round(rate));
    found.steps.push(outcome);
    if (outcome.sustained) {
      if (!found.best || outcome.result.rate > found.best.result.rate) found.best = outcome;
    } else if (!found.ceiling || outcome.result.rate < found.ceiling.result.rate) {
      found.ceiling = outcome;
    }
    return outcome;
  };

  let rate = Math.min(options.rate, options.maxRate);
  let outcome = await run(rate);
  if (options.fixed) return found;

  while (outcome.sustained && rate * options.stepFactor <= options.maxRate && fits()) {
    rate *= options.stepFactor;
    outcome = await run(rate);
  }
  for (let downs = 0; !found.best && downs < 4 && rate / options.stepFactor >= 10 && fits(); downs++) {
    rate /= options.stepFactor;
    await run(rate);
  }
  for (let i = 0; i < options.refineSteps && fits(); i++) {
    const { best: low, ceiling: high } = found;
    if (!low || !high) break;
    const mid = Math.round(Math.sqrt(low.result.rate * high.result.rate));
    if (mid <= low.result.rate * 1.03 || mid >= high.result.rate * 0.97) break;
    await run(mid);
  }
  return found;
}
