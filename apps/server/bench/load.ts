import type { ConversationEvent, RpcResponse, RpcResult } from '@parley/shared';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchClient, EventSink, Fleet } from './clients.js';
import { processStats, type StepResult, type StepSpec } from './ipc.js';
import { Samples } from './stats.js';

interface Sent {
  /** When the send was scheduled (performance.now()); latencies count from here, not from the emit. */
  at: number;
  answered: boolean;
}

/** Backlog, in seconds of offered load, past which a step is failing anyway and is cut short. */
const BACKLOG_LIMIT_S = 3;
const POLL_MS = 20;

function messageText(size: number): string {
  const filler = 'The quick brown fox jumps over the lazy dog. ';
  return (
    filler
      .repeat(Math.ceil(size / filler.length))
      .slice(0, size)
      .trim() || 'x'
  );
}

/**
 * One open-loop load step: sends are scheduled at the offered rate (Poisson or evenly spaced)
 * regardless of whether earlier ones were answered, each from a client picked at random (or in
 * turn), to that client's conversation. Counts acks and the deliveries to every member other
 * than the sender, and times both from the scheduled send.
 */
class LoadStep implements EventSink {
  private readonly sent = new Map<string, Sent>();
  private readonly text: string;
  private readonly gapMs: number;
  private sentCount = 0;
  private answered = 0;
  private acked = 0;
  private readonly failed: Record<string, number> = {};
  private deliveries = 0;
  private expectedDeliveries = 0;
  private readonly ackMs = new Samples();
  private readonly deliverMs = new Samples();
  private readonly lagMs = new Samples();
  private startAt = 0;
  private sendEndAt = 0;
  private lastAckAt = 0;
  private lastDeliveryAt = 0;
  private lastActivityAt = 0;
  private nextAt = 0;
  private turn = 0;
  private aborted = false;
  private closed = false;
  private disconnectsBefore = 0;

  constructor(
    private readonly fleet: Fleet,
    private readonly spec: StepSpec,
    private readonly mark: (at: 'start' | 'end') => void,
  ) {
    this.text = messageText(spec.textSize);
    this.gapMs = 1000 / spec.rate;
  }

  onConversationEvent(client: BenchClient, event: ConversationEvent, receivedAt: number): void {
    this.lastActivityAt = receivedAt;
    if (this.closed || event.type !== 'message.created') return;
    if (event.message.senderId === client.userId) return;
    const sent = this.sent.get(event.message.clientMsgId);
    if (!sent) return;
    this.deliveries++;
    this.deliverMs.add(receivedAt - sent.at);
    this.lastDeliveryAt = receivedAt;
  }

  async run(): Promise<Omit<StepResult, 'generator' | 'settleMs'>> {
    const { rate, durationMs, drainMs } = this.spec;
    this.fleet.sink = this;
    this.disconnectsBefore = this.fleet.disconnects.length;
    this.mark('start');
    this.startAt = performance.now();
    this.nextAt = this.startAt + this.nextGap();
    const endAt = this.startAt + durationMs;

    while (this.nextAt < endAt && !this.aborted) {
      const now = performance.now();
      while (this.nextAt <= now && this.nextAt < endAt) {
        this.send(this.nextAt);
        this.nextAt += this.nextGap();
      }
      if (this.backlogged()) this.aborted = true;
      await sleep(Math.max(0, Math.min(this.nextAt - performance.now(), 10)));
    }
    this.sendEndAt = Math.min(performance.now(), endAt);

    const drainUntil = this.sendEndAt + drainMs;
    while (performance.now() < drainUntil && !this.complete()) await sleep(POLL_MS);
    this.closed = true;
    this.mark('end');

    const sendingMs = this.sendEndAt - this.startAt;
    const ackSpanS = Math.max(sendingMs, this.lastAckAt - this.startAt) / 1000;
    const deliverySpanS = Math.max(sendingMs, this.lastDeliveryAt - this.startAt) / 1000;
    return {
      rate,
      durationMs: sendingMs,
      sent: this.sentCount,
      acked: this.acked,
      failed: this.failed,
      unanswered: this.sentCount - this.answered,
      deliveries: this.deliveries,
      expectedDeliveries: this.expectedDeliveries,
      ackedPerSec: this.acked / ackSpanS,
      deliveriesPerSec: this.deliveries / deliverySpanS,
      deliver: this.deliverMs.percentiles(),
      ack: this.ackMs.percentiles(),
      lag: this.lagMs.percentiles(),
      aborted: this.aborted,
      disconnects: this.fleet.disconnects.slice(this.disconnectsBefore),
    };
  }

  /**
   * Waits until nothing has arrived for `quietMs` (late acks and pushes of a failed step), at
   * most `maxMs`; returns how long that took.
   */
  async settle(quietMs: number, maxMs: number): Promise<number> {
    const started = performance.now();
    this.lastActivityAt = Math.max(this.lastActivityAt, started);
    while (performance.now() - this.lastActivityAt < quietMs && performance.now() < started + maxMs) {
      await sleep(50);
    }
    if (this.fleet.sink === this) this.fleet.sink = null;
    return performance.now() - started;
  }

  private nextGap(): number {
    return this.spec.arrival === 'poisson' ? -Math.log(1 - Math.random()) * this.gapMs : this.gapMs;
  }

  private pickClient(): BenchClient {
    const clients = this.fleet.clients;
    const i =
      this.spec.arrival === 'poisson'
        ? Math.floor(Math.random() * clients.length)
        : this.turn++ % clients.length;
    return clients[i]!;
  }

  private send(scheduledAt: number): void {
    const client = this.pickClient();
    const clientMsgId = randomUUID();
    const record: Sent = { at: scheduledAt, answered: false };
    this.sent.set(clientMsgId, record);
    this.sentCount++;
    this.expectedDeliveries += client.recipients;
    this.lagMs.add(performance.now() - scheduledAt);
    client.socket.emit(
      'messages.send',
      { conversationId: client.conversationId, clientMsgId, content: { kind: 'text', text: this.text } },
      (result) => {
        this.onAck(record, result);
      },
    );
  }

  private onAck(record: Sent, result: RpcResult<RpcResponse<'messages.send'>>): void {
    const now = performance.now();
    this.lastActivityAt = now;
    if (this.closed || record.answered) return;
    record.answered = true;
    this.answered++;
    if (result.ok) {
      this.acked++;
      this.ackMs.add(now - record.at);
      this.lastAckAt = now;
    } else {
      this.failed[result.error.code] = (this.failed[result.error.code] ?? 0) + 1;
    }
  }

  private backlogged(): boolean {
    const limit = this.spec.rate * BACKLOG_LIMIT_S + 100;
    const meanRecipients = this.sentCount === 0 ? 0 : this.expectedDeliveries / this.sentCount;
    return (
      this.sentCount - this.answered > limit ||
      this.expectedDeliveries - this.deliveries > limit * Math.max(1, meanRecipients)
    );
  }

  private complete(): boolean {
    return this.answered === this.sentCount && this.deliveries === this.expectedDeliveries;
  }
}

/**
 * Runs one step, then waits for the stragglers to stop arriving so the next step starts clean.
 * `mark` is told when the step starts sending and when its drain ends.
 */
export async function runStep(
  fleet: Fleet,
  spec: StepSpec,
  mark: (at: 'start' | 'end') => void,
): Promise<StepResult> {
  const step = new LoadStep(fleet, spec, mark);
  const before = processStats(process.memoryUsage.rss());
  const result = await step.run();
  const after = processStats(process.memoryUsage.rss());
  const settleMs = await step.settle(500, 20_000);
  return { ...result, generator: { before, after }, settleMs };
}
