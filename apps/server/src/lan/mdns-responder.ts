import { Bonjour, type Service, type ServiceConfig } from 'bonjour-service';
import type { EventEmitter } from 'node:events';
import { networkInterfaces } from 'node:os';
import type { MulticastInterface } from './interfaces.js';

/** A DNS resource record as multicast-dns (dns-packet) decodes it. */
export interface MdnsRecord {
  name: string;
  type: string;
  ttl?: number;
  data?: unknown;
}

export interface MdnsPacket {
  answers?: MdnsRecord[];
  additionals?: MdnsRecord[];
}

type Respond = (response: MdnsRecord[] | MdnsPacket, ...rest: unknown[]) => void;

/** The multicast-dns socket inside bonjour-service: what we use of it. */
interface Mdns extends EventEmitter {
  query(query: { questions: { name: string; type: string }[] }, callback?: (err: Error | null) => void): void;
  respond: Respond;
}

function isMdns(value: unknown): value is Mdns {
  const v = value as Partial<Mdns> | null;
  return typeof v?.on === 'function' && typeof v.query === 'function' && typeof v.respond === 'function';
}

/** The addresses of one interface now (it may have several, and IPv6 ones). */
function addressesOf(ifaceName: string): Set<string> {
  return new Set((networkInterfaces()[ifaceName] ?? []).map((i) => i.address));
}

/**
 * bonjour-service puts every address of the machine in every answer. Filtered here, what goes out
 * of an interface names only that interface's addresses: a browser on one network is not sent to
 * an address on another (Avahi resolves to one of the addresses it is given, whichever).
 */
function ownAddressesOnly(mdns: Mdns, ifaceName: string): void {
  const respond = mdns.respond.bind(mdns);
  const keep = (own: Set<string>) => (r: MdnsRecord) =>
    (r.type !== 'A' && r.type !== 'AAAA') || (typeof r.data === 'string' && own.has(r.data));
  mdns.respond = (response, ...rest) => {
    const own = addressesOf(ifaceName);
    const filtered = Array.isArray(response)
      ? response.filter(keep(own))
      : {
          ...response,
          ...(response.answers && { answers: response.answers.filter(keep(own)) }),
          ...(response.additionals && { additionals: response.additionals.filter(keep(own)) }),
        };
    respond(filtered, ...rest);
  };
}

/**
 * mDNS on one network interface: a bonjour-service instance whose socket joins the mDNS group on
 * that interface only and sends from it (multicast-dns `interface`), bound to 0.0.0.0:5353 so it
 * hears the group. One socket for all interfaces would send only where the routing table points
 * multicast, so a server with two networks would be heard on one of them.
 */
export class MdnsResponder {
  private readonly bonjour: Bonjour;
  /** bonjour-service keeps its multicast-dns socket private; we need it to hear probe answers and its errors. */
  readonly mdns: Mdns;
  private closed = false;

  constructor(
    readonly iface: MulticastInterface,
    onError: (err: Error) => void,
  ) {
    const options = { interface: iface.address, bind: '0.0.0.0' } as Partial<ServiceConfig>;
    // Without the callback, a failed send (an interface that cannot multicast) throws from a socket callback.
    this.bonjour = new Bonjour(options, onError);
    const mdns = (this.bonjour as unknown as { server?: { mdns?: unknown } }).server?.mdns;
    if (!isMdns(mdns)) throw new Error('bonjour-service no longer exposes its multicast-dns socket');
    this.mdns = mdns;
    ownAddressesOnly(mdns, iface.name);
    // A bind failure (EADDRINUSE, EACCES) is an 'error' event nothing else listens to: it would crash the process.
    this.mdns.on('error', onError);
  }

  publish(config: ServiceConfig): Service {
    return this.bonjour.publish({ ...config, probe: false });
  }

  query(name: string, type: string): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) {
        resolve();
        return;
      }
      // A query that cannot be sent is the same as one nobody answered.
      this.mdns.query({ questions: [{ name, type }] }, () => {
        resolve();
      });
    });
  }

  /** Sends goodbyes (every record again with TTL 0) when `goodbye`, then closes the socket. */
  async close(goodbye: boolean): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (goodbye) {
      await new Promise<void>((resolve) => {
        this.bonjour.unpublishAll(() => {
          resolve();
        });
      });
    }
    await new Promise<void>((resolve) => {
      this.bonjour.destroy(() => {
        resolve();
      });
    });
  }
}
