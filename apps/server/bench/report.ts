import { cpus, platform, release, totalmem } from 'node:os';
import type { Percentiles, SetupInfo } from './ipc.js';
import { BUSY_CORES, probeFsync } from './machine.js';
import type { BenchOptions, TargetKind } from './options.js';
import type { SearchResult, StepOutcome } from './search.js';
import { MAX_P99_MS, MIN_COMPLETED } from './search.js';

export interface Persisted {
  sent: number;
  acked: number;
  streamEvents: number;
}

export interface PhaseResult {
  target: TargetKind;
  setup: SetupInfo;
  search: SearchResult;
  /** Server RSS after setup, before the first load step. */
  idleRssBytes: number;
  /** Highest server RSS seen during any load step. */
  peakRssBytes: number;
  /** Parley: acked messages against what the conversation streams grew by over all steps. */
  persisted: Persisted | null;
  /** Hottest functions of the server's CPU profile, with --cpu-prof. */
  profile: string[];
}

const names: Record<TargetKind, string> = { bare: 'bare Socket.IO relay', parley: 'Parley' };

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
const pct = (share: number): string => `${(share * 100).toFixed(0)}%`;
const int = (n: number): string => Math.round(n).toString();

function ms(n: number): string {
  if (!Number.isFinite(n)) return '–';
  return n < 10 ? n.toFixed(1) : n.toFixed(0);
}

const pair = (p: Percentiles): string => `${ms(p.p50)} / ${ms(p.p99)}`;

export function environment(options: BenchOptions): string[] {
  const cpu = cpus();
  const fsync = probeFsync();
  return [
    `machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${mib(totalmem())} MiB RAM, ${platform()} ${release()}`,
    `node ${process.version}; loopback (127.0.0.1) only; Parley's data in ${fsync.dir}, where a 4 KiB ` +
      `append + fsync takes ${fsync.p50.toFixed(2)} ms (p99 ${fsync.p99.toFixed(2)} ms)`,
    `load: ${options.clients} clients, half in 1:1 pairs, half in groups of ${options.groupSize}; ` +
      `${options.arrival} arrivals; ${options.durationS} s steps + ${options.drainS} s drain; ` +
      `${options.textSize}-character texts`,
    `sustained = ≥${MIN_COMPLETED * 100}% of sends acked and of deliveries made within the step and its drain, ` +
      `send-to-deliver p99 < ${MAX_P99_MS} ms`,
  ];
}

export function setupLine(target: TargetKind, setup: SetupInfo, idleRssBytes: number): string {
  return (
    `[${target}] set up ${setup.clients} clients (${setup.directConversations} 1:1, ${setup.groups} groups, ` +
    `${setup.meanRecipients.toFixed(1)} recipients per message on average) in ${(setup.ms / 1000).toFixed(1)} s; ` +
    `server RSS ${mib(idleRssBytes)} MiB`
  );
}

export function persistedLine(target: TargetKind, p: Persisted): string {
  const verdict =
    p.streamEvents >= p.acked ? 'every acked message is in its stream' : 'ACKED MESSAGES ARE MISSING';
  return (
    `[${target}] over all steps: ${p.sent} sent, ${p.acked} acked in time; the conversation streams grew by ` +
    `${p.streamEvents} events: ${verdict}`
  );
}

export function stepLine(target: TargetKind, o: StepOutcome): string {
  const r = o.result;
  const settled = r.settleMs > 1000 ? ` (stragglers for ${(r.settleMs / 1000).toFixed(1)} s after)` : '';
  const verdict = (o.sustained ? 'sustained' : `NOT sustained (${o.reasons.join('; ')})`) + settled;
  return (
    `[${target}] offered ${int(r.rate)} msg/s: acked ${int(r.ackedPerSec)}/s, deliveries ${int(r.deliveriesPerSec)}/s, ` +
    `deliver p50/p99 ${pair(r.deliver)} ms, ack p50/p99 ${pair(r.ack)} ms, send lag p99 ${ms(r.lag.p99)} ms, ` +
    `CPU server ${pct(o.serverCpu)} generator ${pct(o.generatorCpu)} rest of machine ${pct(o.otherCpu)}, server RSS ${mib(o.serverRssMaxBytes)} MiB: ${verdict}`
  );
}

function markdownTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
}

function row(phase: PhaseResult, o: StepOutcome, label: string, clients: number): string[] {
  const r = o.result;
  return [
    `${names[phase.target]}${label}`,
    String(clients),
    int(r.rate),
    int(r.ackedPerSec),
    int(r.deliveriesPerSec),
    pair(r.deliver),
    pair(r.ack),
    `${pct(o.serverCpu)} / ${pct(o.generatorCpu)} / ${pct(o.otherCpu)}`,
    mib(o.serverRssMaxBytes),
  ];
}

/** Both targets side by side at every offered rate both were run at (the last run of each). */
function equalRates(phases: PhaseResult[]): string[] {
  const bare = phases.find((p) => p.target === 'bare');
  const parley = phases.find((p) => p.target === 'parley');
  if (!bare || !parley) return [];
  const byRate = (p: PhaseResult): Map<number, StepOutcome> =>
    new Map(p.search.steps.map((s) => [s.result.rate, s]));
  const parleyAt = byRate(parley);
  const rows: string[][] = [];
  for (const [rate, b] of [...byRate(bare)].sort((x, y) => x[0] - y[0])) {
    const p = parleyAt.get(rate);
    if (!p) continue;
    const cell = (o: StepOutcome): string =>
      `${int(o.result.ackedPerSec)}/s, ${pair(o.result.deliver)} ms${o.sustained ? '' : ' ✗'}`;
    rows.push([int(rate), cell(b), cell(p), `${pct(b.serverCpu)} / ${pct(p.serverCpu)}`]);
  }
  if (rows.length === 0) return [];
  const header = [
    'offered msg/s',
    'bare: acked, deliver p50 / p99',
    'Parley: acked, deliver p50 / p99',
    'server CPU bare / Parley',
  ];
  return ['At the same offered rates (✗: not sustained):', '', ...markdownTable(header, rows), ''];
}

/** The summary: each target's highest sustained step (and the first failed one), then the ratios. */
export function summary(phases: PhaseResult[], options: BenchOptions): string[] {
  const header = [
    'target',
    'clients',
    'offered msg/s',
    'acked msg/s',
    'deliveries/s',
    'deliver p50 / p99 ms',
    'ack p50 / p99 ms',
    'CPU server / gen. / other',
    'server RSS MiB',
  ];
  const rows: string[][] = [];
  for (const phase of phases) {
    const { best, ceiling } = phase.search;
    if (best) rows.push(row(phase, best, '', options.clients));
    if (ceiling) rows.push(row(phase, ceiling, ' (first rate not sustained)', options.clients));
  }
  const out = ['', ...markdownTable(header, rows), ''];

  out.push(...equalRates(phases));
  for (const phase of phases) {
    out.push(
      `${names[phase.target]}: ` +
        (phase.search.best
          ? `sustained up to ${int(phase.search.best.result.rate)} msg/s`
          : 'no rate was sustained') +
        `; peak server RSS under load ${mib(phase.peakRssBytes)} MiB (idle after setup ${mib(phase.idleRssBytes)} MiB)`,
    );
  }
  const shown = phases.flatMap((p) => [p.search.best, p.search.ceiling]);
  const busy = shown.filter((s) => s !== null && s.otherCpu >= BUSY_CORES).length;
  if (busy > 0) {
    out.push(
      `warning: other processes kept ${BUSY_CORES} cores or more busy during ${busy} of the steps above; ` +
        'their figures are not reliable',
    );
  }
  const bare = phases.find((p) => p.target === 'bare')?.search.best;
  const parley = phases.find((p) => p.target === 'parley')?.search.best;
  if (bare && parley) {
    const ratio = (a: number, b: number): string => (b > 0 ? (a / b).toFixed(2) : '–');
    out.push(
      `ratio Parley / bare relay: acked msg/s ${ratio(parley.result.ackedPerSec, bare.result.ackedPerSec)}, ` +
        `deliveries/s ${ratio(parley.result.deliveriesPerSec, bare.result.deliveriesPerSec)}, ` +
        `sustained offered rate ${ratio(parley.result.rate, bare.result.rate)}`,
    );
  }
  for (const phase of phases) {
    if (phase.profile.length === 0) continue;
    out.push(
      '',
      `${names[phase.target]}: hottest functions in the server process (self time)`,
      ...phase.profile,
    );
  }
  return out;
}
