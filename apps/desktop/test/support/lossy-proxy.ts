import { connect, createServer, type Server, type Socket } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

/** What to do with one text frame the server sent: let it through, lose it, or hand it over late. */
export type Verdict = 'pass' | 'drop' | { delayMs: number };

/**
 * A TCP proxy in front of a Parley server that behaves like a bad network: it can lose or delay
 * single WebSocket frames going to the client, cut every connection at once (also after a given
 * number of bytes), and stall what clients send. It counts the bytes each way. HTTP requests and
 * everything the client sends pass through otherwise untouched.
 *
 * The filter sees the text of each server-to-client frame, an Engine.IO packet such as
 * `42["conv.event",{…}]` (a Socket.IO event) or `43…` (an acknowledgement).
 */
export class LossyProxy {
  filter: (frame: string) => Verdict = () => 'pass';
  /** Holds back every plain HTTP response (REST calls) this long: a slow server. */
  httpDelayMs = 0;
  dropped: string[] = [];
  delayed: string[] = [];
  /** Bytes that went from clients to the server, and back, over every connection so far. */
  bytesUp = 0;
  bytesDown = 0;
  /**
   * Cuts every connection as the bytes gone up in all pass each of these totals, in order (each once);
   * `cutsMade` records where each cut fell.
   */
  cutsAtBytesUp: number[] = [];
  readonly cutsMade: number[] = [];
  /** Cuts every connection once this many bytes have gone down in all; then clears itself. */
  cutAtBytesDown: number | null = null;
  /**
   * Holds every client's bytes back once this many have gone up (a link that stalls without
   * closing) until release(); then clears itself.
   */
  stallAtBytesUp: number | null = null;
  /** The same for what the server sends. */
  stallAtBytesDown: number | null = null;
  /** Flips the last byte of every plain HTTP response chunk after the head: a link that corrupts bodies. */
  corruptBodies = false;
  private stalled: (() => void)[] | null = null;
  /** While true, every connection is closed as soon as it opens: the network is down. */
  private down = false;
  private readonly links = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** The bytes are not plain HTTP (TLS): relayed as they come, with no frame to look at. */
    private readonly opaque = false,
  ) {}

  static async start(
    target: { host: string; port: number },
    options: { opaque?: boolean } = {},
  ): Promise<LossyProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy did not bind');
    const proxy = new LossyProxy(
      server,
      `${options.opaque ? 'https' : 'http'}://127.0.0.1:${address.port}`,
      options.opaque,
    );
    server.on('connection', (client) => {
      proxy.link(client, target);
    });
    return proxy;
  }

  /** Drops every open connection, as a network that goes away for a moment. */
  cut(): void {
    for (const s of this.links) s.destroy();
    this.links.clear();
  }

  /** The network goes away and stays away: open connections drop, new ones are closed at once. */
  goOffline(): void {
    this.down = true;
    this.cut();
  }

  /** Lets stalled bytes go on. */
  release(): void {
    const waiting = this.stalled ?? [];
    this.stalled = null;
    for (const go of waiting) go();
  }

  /** Whether the link is stalled (stallAtBytesUp was reached and not released). */
  get isStalled(): boolean {
    return this.stalled !== null;
  }

  /** The network is back: new connections go through again. */
  goOnline(): void {
    this.down = false;
  }

  get offline(): boolean {
    return this.down;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.release();
    this.cut();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }

  private link(client: Socket, target: { host: string; port: number }): void {
    if (this.down) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    this.links.add(client);
    this.links.add(upstream);
    const done = () => {
      client.destroy();
      upstream.destroy();
      this.links.delete(client);
      this.links.delete(upstream);
    };
    client.on('error', done).on('close', done);
    upstream.on('error', done).on('close', done);
    client.pipe(this.upCounter()).pipe(upstream);

    // Server to client: the HTTP head as it is; after a 101, WebSocket frames one by one.
    let buffer = Buffer.alloc(0);
    let phase: 'head' | 'frames' | 'raw' = this.opaque ? 'raw' : 'head';
    upstream.on('data', (chunk: Buffer) => {
      this.bytesDown += chunk.length;
      if (this.cutAtBytesDown !== null && this.bytesDown >= this.cutAtBytesDown) {
        this.cutAtBytesDown = null;
        this.cut();
        return;
      }
      if (this.stallAtBytesDown !== null && this.bytesDown >= this.stallAtBytesDown) {
        this.stallAtBytesDown = null;
        this.stalled ??= [];
      }
      if (this.stalled) {
        upstream.pause();
        this.stalled.push(() => upstream.resume());
      }
      if (phase === 'raw') {
        if (this.corruptBodies && chunk.length > 0) chunk[chunk.length - 1] = (chunk.at(-1) ?? 0) ^ 0xff;
        this.later(client, chunk, this.httpDelayMs);
        return;
      }
      buffer = Buffer.concat([buffer, chunk]);
      if (phase === 'head') {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end + 4);
        phase = head.toString('latin1').startsWith('HTTP/1.1 101') ? 'frames' : 'raw';
        buffer = buffer.subarray(end + 4);
        if (phase === 'raw') {
          this.later(client, Buffer.concat([head, buffer]), this.httpDelayMs);
          buffer = Buffer.alloc(0);
          return;
        }
        client.write(head);
      }
      for (;;) {
        const frame = nextFrame(buffer);
        if (!frame) return;
        buffer = buffer.subarray(frame.bytes.length);
        this.forward(client, frame);
      }
    });
  }

  /** Counts what a client sends; cuts or stalls the link at the thresholds set. */
  private upCounter(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, done: TransformCallback) => {
        this.bytesUp += chunk.length;
        const nextCut = this.cutsAtBytesUp[0];
        if (nextCut !== undefined && this.bytesUp >= nextCut) {
          this.cutsAtBytesUp.shift();
          this.cutsMade.push(this.bytesUp);
          done();
          this.cut();
          return;
        }
        if (this.stallAtBytesUp !== null && this.bytesUp >= this.stallAtBytesUp) {
          this.stallAtBytesUp = null;
          this.stalled = [];
        }
        if (this.stalled) this.stalled.push(() => done(null, chunk));
        else done(null, chunk);
      },
    });
  }

  private forward(client: Socket, frame: { bytes: Buffer; text: string | null }): void {
    const verdict = frame.text === null ? 'pass' : this.filter(frame.text);
    if (verdict === 'pass') {
      client.write(frame.bytes);
    } else if (verdict === 'drop') {
      this.dropped.push(frame.text ?? '');
    } else {
      this.delayed.push(frame.text ?? '');
      this.later(client, frame.bytes, verdict.delayMs);
    }
  }

  private later(client: Socket, bytes: Buffer, delayMs: number): void {
    if (delayMs <= 0) {
      client.write(bytes);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!client.destroyed) client.write(bytes);
    }, delayMs);
    this.timers.add(timer);
  }
}

/** The first complete (unmasked, server-to-client) WebSocket frame in `buf`, if there is one. */
function nextFrame(buf: Buffer): { bytes: Buffer; text: string | null } | null {
  if (buf.length < 2) return null;
  const b0 = buf.readUInt8(0);
  const b1 = buf.readUInt8(1);
  let length = b1 & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buf.length < 4) return null;
    length = buf.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buf.length < 10) return null;
    length = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  if (b1 & 0x80) offset += 4; // a mask key; servers do not mask, but be safe
  if (buf.length < offset + length) return null;
  const bytes = buf.subarray(0, offset + length);
  const textFrame = (b0 & 0x0f) === 1 && (b0 & 0x80) !== 0 && (b1 & 0x80) === 0;
  return { bytes, text: textFrame ? bytes.subarray(offset).toString('utf8') : null };
}

/** The conversation event a frame carries, if it is a `conv.event` push. */
export function convEventOf(frame: string): { conversationId: string; seq: number; type: string } | null {
  if (!frame.startsWith('42["conv.event"')) return null;
  const [, event] = JSON.parse(frame.slice(2)) as [
    string,
    { conversationId: string; seq: number; type: string },
  ];
  return event;
}
