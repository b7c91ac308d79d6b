import { parseArgs } from 'node:util';

export type Arrival = 'poisson' | 'fixed';
export type TargetKind = 'bare' | 'parley';

export interface BenchOptions {
  clients: number;
  groupSize: number;
  /** Offered rate of the first step (or the only one with `fixed`), total messages/s. */
  rate: number;
  /** Seconds of sending per step. */
  durationS: number;
  /** Seconds after the sending stops during which acks and deliveries still count. */
  drainS: number;
  arrival: Arrival;
  /** Run one step at `rate` instead of searching for the highest sustained rate. */
  fixed: boolean;
  stepFactor: number;
  refineSteps: number;
  maxRate: number;
  /** Seconds of load steps per target before the search stops where it is. */
  budgetS: number;
  textSize: number;
  targets: TargetKind[];
  cpuProf: boolean;
  json: boolean;
  /** Wall-clock limit of the whole invocation, seconds. */
  timeoutS: number;
}

export const usage = `Usage: npm run bench:server -- -- [options]
       (or, in apps/server: npx tsx bench/run.ts [options])

Starts the bare Socket.IO relay and then the Parley server, each in its own process on
127.0.0.1, drives both from a load-generator process with the same clients, topology and
offered rates, and prints throughput, latency and memory side by side.

  --clients N        connected clients (default 200)
  --group-size N     members per group; half of the clients are in 1:1 pairs, half in groups (50)
  --rate R           offered messages/s of the first step, summed over all clients (2000)
  --fixed            run a single step at --rate instead of searching for the sustained maximum
  --duration S       seconds of sending per step (10)
  --drain S          seconds after a step during which acks and deliveries still count (2)
  --arrival A        poisson | fixed inter-arrival times (poisson)
  --step-factor F    rate multiplier while searching upwards (2)
  --refine N         bisection steps between the last sustained and the first failed rate (3)
  --max-rate R       never offer more than this (64000)
  --budget S         seconds of load steps per target before the search stops (75)
  --text-size N      characters per message text (64)
  --only T           bare | parley: run one target only
  --cpu-prof         profile each server process during the load steps (V8 sampling profiler, costs
                     a few % of throughput) and print where its CPU time went
  --json             also print the results as JSON
  --timeout S        abort the whole run after this many seconds (600)
  -h, --help         this text
`;

function positive(name: string, raw: string, integer: boolean): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
  }
  return value;
}

/** Parses the command line; returns null when help was asked for. */
export function parseOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      clients: { type: 'string', default: '200' },
      'group-size': { type: 'string', default: '50' },
      rate: { type: 'string', default: '2000' },
      fixed: { type: 'boolean', default: false },
      duration: { type: 'string', default: '10' },
      drain: { type: 'string', default: '2' },
      arrival: { type: 'string', default: 'poisson' },
      'step-factor': { type: 'string', default: '2' },
      refine: { type: 'string', default: '3' },
      'max-rate': { type: 'string', default: '64000' },
      budget: { type: 'string', default: '75' },
      'text-size': { type: 'string', default: '64' },
      only: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '600' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;

  const arrival = values.arrival;
  if (arrival !== 'poisson' && arrival !== 'fixed') throw new Error('--arrival must be poisson or fixed');
  const only = values.only;
  if (only !== undefined && only !== 'bare' && only !== 'parley')
    throw new Error('--only must be bare or parley');
  const clients = positive('clients', values.clients, true);
  if (clients < 2) throw new Error('--clients must be at least 2');
  const groupSize = positive('group-size', values['group-size'], true);
  if (groupSize < 3 || groupSize > 500) throw new Error('--group-size must be between 3 and 500');
  const stepFactor = positive('step-factor', values['step-factor'], false);
  if (stepFactor <= 1) throw new Error('--step-factor must be greater than 1');
  const refine = Number(values.refine);
  if (!Number.isInteger(refine) || refine < 0) throw new Error('--refine must be a non-negative integer');

  return {
    clients,
    groupSize,
    rate: positive('rate', values.rate, false),
    durationS: positive('duration', values.duration, false),
    drainS: positive('drain', values.drain, false),
    arrival,
    fixed: values.fixed,
    stepFactor,
    refineSteps: refine,
    maxRate: positive('max-rate', values['max-rate'], false),
    budgetS: positive('budget', values.budget, false),
    textSize: positive('text-size', values['text-size'], true),
    targets: only === undefined ? ['bare', 'parley'] : [only],
    cpuProf: values['cpu-prof'],
    json: values.json,
    timeoutS: positive('timeout', values.timeout, false),
  };
}
