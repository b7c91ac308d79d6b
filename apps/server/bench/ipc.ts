import type { Arrival, TargetKind } from './options.js';

/** Resource use of one process, cumulative since it started (rssMaxBytes: since the last reset). */
export interface ProcessStats {
  rssBytes: number;
  rssMaxBytes: number;
  cpuUserMicros: number;
  cpuSystemMicros: number;
  atMs: number;
}

/** Parent → server (Parley or bare relay) process. */
export type TargetRequest =
  | { type: 'stats'; resetMax: boolean }
  | { type: 'profile'; action: 'start' }
  | { type: 'profile'; action: 'stop'; file: string }
  | { type: 'stop' };

/** Server process → parent. */
export type TargetReply =
  | { type: 'ready'; url: string }
  | { type: 'stats'; stats: ProcessStats }
  | { type: 'profiling' }
  | { type: 'profiled'; file: string }
  | { type: 'stopped'; stats: ProcessStats }
  | { type: 'error'; message: string };

export interface GeneratorConfig {
  target: TargetKind;
  url: string;
  clients: number;
  groupSize: number;
}

export interface StepSpec {
  rate: number;
  durationMs: number;
  drainMs: number;
  arrival: Arrival;
  textSize: number;
}

export interface SetupInfo {
  ms: number;
  clients: number;
  directConversations: number;
  groups: number;
  /** Deliveries to other members per message, averaged over the conversations a sender is in. */
  meanRecipients: number;
}

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface StepResult {
  rate: number;
  durationMs: number;
  sent: number;
  acked: number;
  /** Acks with ok:false, by error code. */
  failed: Record<string, number>;
  /** Messages the server never answered within the step and its drain. */
  unanswered: number;
  deliveries: number;
  expectedDeliveries: number;
  /** Acked messages per second over the time acks kept arriving (at least the sending window). */
  ackedPerSec: number;
  deliveriesPerSec: number;
  /** Scheduled send → delivery at another member's socket, ms. */
  deliver: Percentiles;
  /** Scheduled send → ack, ms. */
  ack: Percentiles;
  /** How late the generator emitted sends compared with their schedule, ms. */
  lag: Percentiles;
  /** The step was cut short because the backlog of unanswered sends grew past a few seconds' worth. */
  aborted: boolean;
  /** Reasons of the sockets that dropped during the step (they are not reconnected). */
  disconnects: string[];
  /** How long after the drain acks and pushes kept trickling in before the next step could start. */
  settleMs: number;
  generator: { before: ProcessStats; after: ProcessStats };
}

/** Parent → load generator process. */
export type GeneratorRequest =
  | { type: 'init'; config: GeneratorConfig }
  | { type: 'step'; spec: StepSpec }
  /** Parley only: read every conversation's lastSeq back from the server. */
  | { type: 'count' }
  | { type: 'stop' };

/** Load generator process → parent. */
export type GeneratorReply =
  | { type: 'ready'; setup: SetupInfo }
  /** The step started sending / its drain ended: the parent samples the server then. */
  | { type: 'mark'; at: 'start' | 'end' }
  | { type: 'step'; result: StepResult }
  | { type: 'counted'; lastSeqTotal: number }
  | { type: 'stopped' }
  | { type: 'error'; message: string };

export function isMessage<T extends { type: string }>(value: unknown): value is T {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Resource use of the calling process. */
export function processStats(rssMaxBytes: number): ProcessStats {
  const cpu = process.cpuUsage();
  return {
    rssBytes: process.memoryUsage.rss(),
    rssMaxBytes,
    cpuUserMicros: cpu.user,
    cpuSystemMicros: cpu.system,
    atMs: performance.timeOrigin + performance.now(),
  };
}

/** Share of one core used between two samples, 0..(cores). */
export function cpuShare(before: ProcessStats, after: ProcessStats): number {
  const wallMicros = (after.atMs - before.atMs) * 1000;
  if (wallMicros <= 0) return 0;
  const used = after.cpuUserMicros - before.cpuUserMicros + (after.cpuSystemMicros - before.cpuSystemMicros);
  return used / wallMicros;
}
