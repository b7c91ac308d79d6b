import { Bonjour, type ServiceConfig } from 'bonjour-service';
import type { EventEmitter } from 'node:events';
import type { RemoteInfo } from 'node:dgram';
import type { MulticastInterface } from './interfaces.js';

/** The multicast-dns socket inside bonjour-service: what we use of it. */
interface Mdns extends EventEmitter {
  query(query: { questions: { name: string; type: string }[] }, callback?: (err: Error | null) => void): void;
}

function isMdns(value: unknown): value is Mdns {
  const v = value as Partial<Mdns> | null;
  return typeof v?.on === 'function' && typeof v.query === 'function';
}

/**
 * mDNS on one network interface: bonjour-service's multicast-dns socket, joined to the mDNS group
 * on that interface and sending from it, bound to 0.0.0.0:5353 beside any other responder on the
 * machine. One socket per interface, because one socket sends its queries only where the routing
 * table points multicast: a desktop on two networks would ask on one of them.
 */
export class MdnsSocket {
  private readonly bonjour: Bonjour;
  private readonly mdns: Mdns;
  private closed = false;

  constructor(
    readonly iface: MulticastInterface,
    onResponse: (packet: unknown, from: RemoteInfo) => void,
    onError: (err: Error) => void,
  ) {
    const options = { interface: iface.address, bind: '0.0.0.0' } as Partial<ServiceConfig>;
    this.bonjour = new Bonjour(options, onError);
    // bonjour-service keeps the socket private; its Browser cannot do what discovery needs (see discovery.ts).
    const mdns = (this.bonjour as unknown as { server?: { mdns?: unknown } }).server?.mdns;
    if (!isMdns(mdns)) throw new Error('bonjour-service no longer exposes its multicast-dns socket');
    this.mdns = mdns;
    // A bind failure (EADDRINUSE, EACCES) is an 'error' event: without a listener it would crash the process.
    this.mdns.on('error', onError);
    this.mdns.on('response', onResponse);
  }

  /** Asks the link; a query that cannot be sent is one nobody answers. */
  query(questions: { name: string; type: string }[]): void {
    if (this.closed || questions.length === 0) return;
    this.mdns.query({ questions }, () => undefined);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.mdns.removeAllListeners('response');
    this.bonjour.destroy();
  }
}
