import {
  type DiscoveredServer,
  LAN_SERVICE_DOMAIN,
  LanTxtRecord,
  normaliseFingerprint,
} from '@parley/shared';
import { EventEmitter } from 'node:events';
import type { BlockList } from 'node:net';
import { ApiClient } from '../sync/api-client.js';
import type { TlsPolicy } from '../tls/tls-policy.js';
import { candidateUrls, orderAddresses } from './address-order.js';
import { CacheLimits, type CachedService, DnsSdCache } from './dns-sd-cache.js';
import { interfacesKey, localSubnets, multicastInterfaces } from './interfaces.js';
import { MdnsSocket } from './mdns-socket.js';

export interface LanDiscoveryOptions {
  /** Interfaces to browse on (names as the OS shows them); all of them by default. */
  interfaces?: readonly string[];
  /** How often the link is asked again while browsing (ms). */
  queryIntervalMs?: number;
  /** How long one address may take to answer `/api/health` (ms). */
  healthTimeoutMs?: number;
  /** The clock; tests may move it. */
  now?: () => number;
  /**
   * The core's TLS rule, for https:// servers: the health check accepts the key the TXT record
   * announces (`fp`), only to learn whether the address answers; trusting it is the user's call.
   */
  tls?: TlsPolicy;
}

export interface LanDiscoveryEvents {
  changed: [servers: DiscoveredServer[]];
}

/** Queries right after starting (ms): responders answer the first, the others catch lost packets. */
const FIRST_QUERIES_MS = [0, 1_000, 3_000];
/** How often expired records are dropped and missing ones asked for (ms). */
const SWEEP_MS = 1_000;
/** The same missing record is asked for at most this often (ms). */
const ASK_AGAIN_MS = 3_000;
/** Addresses of one server tried for `/api/health`, best first. */
const PROBED_ADDRESSES = 4;

interface Probe {
  /** The URLs it tries: a server whose URLs change is probed again. */
  key: string;
  url: string | null;
  done: boolean;
}

/**
 * Finds Parley servers on the LAN while asked to (the sign-in screen starts and stops it): browses
 * `_parley._tcp` over mDNS on every interface, keeps what it hears in a DNS-SD cache with each
 * record's TTL, and lists the servers in it: one entry per server id (a server seen on two
 * interfaces or under two names is one entry), addresses best first, and as `url` the first
 * address whose `/api/health` answers. A goodbye removes a server at once; silence removes it when
 * its records expire.
 *
 * bonjour-service's own Browser is not used: it builds a service only from a packet that holds
 * every record, never refreshes addresses, expires services by the PTR's TTL (8 hours for
 * bonjour-service's responder) and only when asked, and knows nothing of server ids.
 *
 * Nothing a packet holds can throw out of here: what does not parse is ignored.
 */
export class LanDiscovery extends EventEmitter<LanDiscoveryEvents> {
  private readonly options: LanDiscoveryOptions;
  private readonly now: () => number;
  private cache: DnsSdCache | null = null;
  private sockets: MdnsSocket[] = [];
  private socketsKey = '';
  private subnets: BlockList = localSubnets();
  private timers: NodeJS.Timeout[] = [];
  private readonly asked = new Map<string, number>();
  private readonly probes = new Map<string, Probe>();
  private servers: DiscoveredServer[] = [];
  private listed = '[]';

  constructor(options: LanDiscoveryOptions = {}) {
    super();
    this.options = options;
    this.now = options.now ?? (() => Date.now());
  }

  get running(): boolean {
    return this.cache !== null;
  }

  /** Starts browsing; does nothing when already browsing. */
  start(): void {
    if (this.cache) return;
    this.cache = new DnsSdCache(LAN_SERVICE_DOMAIN);
    this.subnets = localSubnets();
    this.openSockets();
    for (const delay of FIRST_QUERIES_MS) {
      this.timers.push(setTimeout(() => this.guarded(() => this.queryRound()), delay));
    }
    this.timers.push(
      setInterval(() => this.guarded(() => this.queryRound()), this.options.queryIntervalMs ?? 15_000),
      setInterval(() => this.guarded(() => this.sweep()), SWEEP_MS),
    );
  }

  /** Stops browsing and forgets what it found; does nothing when not browsing. */
  stop(): void {
    if (!this.cache) return;
    this.cache = null;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    for (const s of this.sockets) s.close();
    this.sockets = [];
    this.socketsKey = '';
    this.asked.clear();
    this.probes.clear();
    this.servers = [];
    this.listed = '[]';
  }

  /** The servers found so far (empty when not browsing), sorted by name. */
  list(): DiscoveredServer[] {
    return this.servers;
  }

  private openSockets(): void {
    const interfaces = multicastInterfaces(this.options.interfaces);
    const key = interfacesKey(interfaces);
    if (key === this.socketsKey) return;
    for (const s of this.sockets) s.close();
    this.socketsKey = key;
    this.sockets = [];
    for (const iface of interfaces) {
      try {
        this.sockets.push(
          new MdnsSocket(
            iface,
            (packet, from) => {
              this.heard(packet, from.address);
            },
            // A socket that cannot bind or send finds nothing; the other interfaces still browse.
            () => undefined,
          ),
        );
      } catch {
        // As above: this interface is skipped.
      }
    }
  }

  private heard(packet: unknown, source: string): void {
    // A packet we cannot make sense of is one we did not hear.
    this.guarded(() => {
      this.cache?.ingest(packet, source, this.now());
      this.refresh();
    });
  }

  /** Runs work started by a packet or a timer, where a throw would end the process. */
  private guarded(work: () => void): void {
    try {
      work();
    } catch (err) {
      console.error('[discovery]', err);
    }
  }

  private queryRound(): void {
    if (!this.cache) return;
    this.subnets = localSubnets();
    this.openSockets();
    for (const s of this.sockets) s.query([{ name: LAN_SERVICE_DOMAIN, type: 'PTR' }]);
  }

  private sweep(): void {
    if (!this.cache) return;
    const now = this.now();
    this.refresh();
    const questions = this.cache
      .missing()
      .filter((q) => (this.asked.get(`${q.type} ${q.name.toLowerCase()}`) ?? -Infinity) <= now - ASK_AGAIN_MS)
      .slice(0, CacheLimits.questions);
    for (const q of questions) this.asked.set(`${q.type} ${q.name.toLowerCase()}`, now);
    for (const [key, at] of this.asked) if (at <= now - ASK_AGAIN_MS) this.asked.delete(key);
    for (const s of this.sockets) s.query(questions);
  }

  /** Rebuilds the list from the cache; emits `changed` when it differs from the last one. */
  private refresh(): void {
    if (!this.cache) return;
    this.cache.expire(this.now());
    const byId = new Map<
      string,
      { service: CachedService; txt: LanTxtRecord; addresses: Set<string>; from: Set<string> }
    >();
    for (const service of this.cache.services()) {
      const txt = LanTxtRecord.safeParse(Object.fromEntries(service.txt));
      if (!txt.success) continue;
      const seen = byId.get(txt.data.id);
      if (!seen) {
        byId.set(txt.data.id, {
          service,
          txt: txt.data,
          addresses: new Set(service.addresses),
          from: new Set(service.heardFrom),
        });
        continue;
      }
      for (const a of service.addresses) seen.addresses.add(a);
      for (const a of service.heardFrom) seen.from.add(a);
      if (service.txtAt > seen.service.txtAt) Object.assign(seen, { service, txt: txt.data });
    }

    const servers: DiscoveredServer[] = [];
    for (const [id, { service, txt, addresses, from }] of byId) {
      const ordered = orderAddresses(addresses, from, this.subnets);
      const urls = candidateUrls(ordered, service.port, txt.tls);
      const first = urls[0];
      if (first === undefined) continue;
      const probe = this.probe(id, urls, txt.fingerprint);
      servers.push({
        id,
        name: txt.name,
        version: txt.version,
        protocolVersion: txt.protocolVersion,
        addresses: ordered,
        port: service.port,
        tls: txt.tls,
        fingerprint: txt.fingerprint,
        url: probe.url ?? first,
        reachable: probe.done ? probe.url !== null : null,
      });
    }
    for (const id of this.probes.keys()) if (!byId.has(id)) this.probes.delete(id);
    servers.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));

    const listed = JSON.stringify(servers);
    this.servers = servers;
    if (listed === this.listed) return;
    this.listed = listed;
    this.emit('changed', servers);
  }

  /** Whether `/api/health` answers at `url` (over HTTPS, from the key announced). */
  private async health(url: string, fingerprint: string | null): Promise<void> {
    const tls = this.options.tls;
    const announced = fingerprint === null ? null : normaliseFingerprint(fingerprint);
    const policy =
      tls && announced !== null && url.startsWith('https:') ? tls.accepting(url, announced) : tls;
    try {
      await new ApiClient(url, this.options.healthTimeoutMs ?? 2_000, policy?.fetch).health();
    } finally {
      if (policy !== tls) policy?.close();
    }
  }

  /** The reachability check of a server's URLs: started when they are new, answered by `refresh` when done. */
  private probe(id: string, urls: readonly string[], fingerprint: string | null): Probe {
    const tried = urls.slice(0, PROBED_ADDRESSES);
    const key = `${tried.join(' ')} ${fingerprint ?? ''}`;
    const known = this.probes.get(id);
    if (known?.key === key) return known;
    const probe: Probe = { key, url: null, done: false };
    this.probes.set(id, probe);
    void (async () => {
      for (const url of tried) {
        try {
          await this.health(url, fingerprint);
          probe.url = url;
          break;
        } catch {
          // Not from here: try the next address.
        }
        if (this.probes.get(id) !== probe) return;
      }
      probe.done = true;
      if (this.probes.get(id) === probe) this.guarded(() => this.refresh());
    })();
    return probe;
  }
}
