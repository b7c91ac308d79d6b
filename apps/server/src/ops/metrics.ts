import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { processMetrics } from './process-metrics.js';

const seconds = (ms: number) => Math.max(0, ms) / 1000;

/** Metric names are part of the Grafana dashboard (resources/grafana/parley-dashboard.json): keep them. */
export class Metrics {
  /** This server's series; the process's own are added at scrape time. */
  readonly registry = new Registry();
  private readonly messagesSent: Counter;
  private readonly delivery: Histogram;
  private readonly rpcDuration: Histogram<'method'>;
  private readonly rpcRefusals: Counter<'code'>;
  private readonly catchUpEvents: Histogram<'stream'>;
  private readonly uploadBytes: Counter;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly dbCommit: Histogram;
  private readonly dbCommitWrites: Histogram;
  private readonly rateLimited: Counter<'limit'>;

  constructor(sources: { connectedSockets: () => number }) {
    const registers = [this.registry];
    new Gauge({
      name: 'parley_connected_sockets',
      help: 'Signed-in sockets connected right now',
      registers,
      collect() {
        this.set(sources.connectedSockets());
      },
    });
    this.messagesSent = new Counter({
      name: 'parley_messages_sent_total',
      help: 'Messages committed (a retried send of a stored message is not counted again)',
      registers,
    });
    this.delivery = new Histogram({
      name: 'parley_message_delivery_seconds',
      help: 'From a send request arriving to its message being committed and pushed to the members',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.rpcDuration = new Histogram({
      name: 'parley_rpc_duration_seconds',
      help: 'Socket RPCs, from arrival to ack, by method',
      labelNames: ['method'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.rpcRefusals = new Counter({
      name: 'parley_rpc_refusals_total',
      help: 'Socket RPCs answered with an error, by error code',
      labelNames: ['code'],
      registers,
    });
    this.catchUpEvents = new Histogram({
      name: 'parley_catch_up_events',
      help: 'Events returned per catch-up page (sync.conversation, sync.user)',
      labelNames: ['stream'],
      buckets: [0, 1, 5, 10, 25, 50, 100, 200, 500],
      registers,
    });
    this.uploadBytes = new Counter({
      name: 'parley_upload_bytes_total',
      help: 'File bytes received by uploads',
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'parley_http_request_duration_seconds',
      help: 'HTTP requests, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.dbCommit = new Histogram({
      name: 'parley_db_commit_seconds',
      help: 'Group commits of the write queue: the transaction and its fsync',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    this.dbCommitWrites = new Histogram({
      name: 'parley_db_commit_writes',
      help: 'Writes per group commit',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 512],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'parley_rate_limited_total',
      help: 'Requests refused by a rate limit, by limit',
      labelNames: ['limit'],
      registers,
    });
  }

  messageSent(deliveryMs: number | undefined): void {
    this.messagesSent.inc();
    if (deliveryMs !== undefined) this.delivery.observe(seconds(deliveryMs));
  }

  rpc(method: string, ms: number, errorCode: string | undefined): void {
    this.rpcDuration.observe({ method }, seconds(ms));
    if (errorCode !== undefined) this.rpcRefusals.inc({ code: errorCode });
  }

  catchUp(stream: 'conversation' | 'user', events: number): void {
    this.catchUpEvents.observe({ stream }, events);
  }

  uploaded(bytes: number): void {
    if (bytes > 0) this.uploadBytes.inc(bytes);
  }

  http(method: string, route: string, status: number, ms: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds(ms));
  }

  committed(ms: number, writes: number): void {
    this.dbCommit.observe(seconds(ms));
    this.dbCommitWrites.observe(writes);
  }

  refusedByLimit(limit: string): void {
    this.rateLimited.inc({ limit });
  }

  /** The text exposition: the process's metrics, then this server's. */
  async scrape(): Promise<string> {
    return (await processMetrics().metrics()) + '\n' + (await this.registry.metrics());
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
