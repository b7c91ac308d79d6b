import { isIP } from 'node:net';
import { decodeTxt } from './txt.js';

/** Bounds that keep a hostile responder from filling memory or keeping a fake forever. */
export const CacheLimits = {
  /**
   * Service instances held at once. When full, a new one takes the place of the oldest that still
   * lacks its SRV or TXT (a flood of names that never resolve cannot keep real servers out); when
   * all are complete, new ones wait until some expire.
   */
  instances: 64,
  /** Questions asked for missing records in one go. */
  questions: 16,
  /** Addresses held per host name. */
  addressesPerHost: 16,
  /** Records read from one packet. */
  recordsPerPacket: 256,
  /** TTLs above this (seconds) count as this much. */
  ttlSeconds: 4500,
  /** An SRV target longer than a DNS name can be is not one. */
  nameLength: 255,
} as const;

/** A service instance with everything needed to list it, as the cache holds it right now. */
export interface CachedService {
  fqdn: string;
  port: number;
  target: string;
  txt: ReadonlyMap<string, string>;
  /** When its TXT record last arrived: the newest of two instances of one server wins. */
  txtAt: number;
  addresses: string[];
  /** Source addresses of the packets that carried its records. */
  heardFrom: string[];
}

interface Instance {
  fqdn: string;
  ptrExpires: number;
  srv: { target: string; port: number; expires: number } | null;
  txt: { values: Map<string, string>; at: number; expires: number } | null;
  heardFrom: Map<string, number>;
}

interface Address {
  expires: number;
  at: number;
}

interface RawRecord {
  name: string;
  type: string;
  ttl: number;
  flush: boolean;
  data: unknown;
}

/** A record from multicast-dns, checked field by field: a crafted packet can hold anything. */
function asRecord(value: unknown): RawRecord | null {
  const r = value as Partial<Record<keyof RawRecord, unknown>> | null;
  if (typeof r !== 'object' || r === null) return null;
  if (typeof r.name !== 'string' || typeof r.type !== 'string') return null;
  if (typeof r.ttl !== 'number' || !Number.isInteger(r.ttl) || r.ttl < 0) return null;
  return {
    name: r.name,
    type: r.type,
    ttl: Math.min(r.ttl, CacheLimits.ttlSeconds),
    flush: r.flush === true,
    data: r.data,
  };
}

function recordsOf(packet: unknown): RawRecord[] {
  const p = packet as { answers?: unknown; additionals?: unknown } | null;
  if (typeof p !== 'object' || p === null) return [];
  const all = [
    ...(Array.isArray(p.answers) ? (p.answers as unknown[]) : []),
    ...(Array.isArray(p.additionals) ? (p.additionals as unknown[]) : []),
  ];
  return all
    .slice(0, CacheLimits.recordsPerPacket)
    .map(asRecord)
    .filter((r) => r !== null);
}

const lower = (name: string) => name.toLowerCase();

/**
 * The DNS-SD records of one service type heard on the link (RFC 6763): PTR (which instances
 * exist), SRV (port and host), TXT, and the host's A/AAAA records, each until its TTL runs out. A
 * record with TTL 0 is a goodbye and removes what it names at once. A cache-flush record replaces
 * the older records of its set (RFC 6762 §10.2). Records for names nobody pointed us to are
 * ignored, so a responder cannot make us hold anything but Parley instances and their hosts.
 */
export class DnsSdCache {
  private readonly instances = new Map<string, Instance>();
  private readonly hosts = new Map<string, Map<string, Address>>();
  private readonly domain: string;

  constructor(serviceDomain: string) {
    this.domain = lower(serviceDomain);
  }

  /** Takes in one response packet that came from `source`, at `now` (ms). */
  ingest(packet: unknown, source: string, now: number): void {
    const records = recordsOf(packet);
    const expires = (r: RawRecord) => now + r.ttl * 1000;

    for (const r of records) {
      if (r.type !== 'PTR' || lower(r.name) !== this.domain || typeof r.data !== 'string') continue;
      const key = lower(r.data);
      if (!key.endsWith(`.${this.domain}`)) continue;
      if (r.ttl === 0) {
        this.instances.delete(key);
        continue;
      }
      let instance = this.instances.get(key);
      if (!instance) {
        if (this.instances.size >= CacheLimits.instances && !this.evictIncomplete()) continue;
        instance = { fqdn: r.data, ptrExpires: 0, srv: null, txt: null, heardFrom: new Map() };
        this.instances.set(key, instance);
      }
      instance.ptrExpires = expires(r);
    }

    for (const r of records) {
      if (r.type !== 'SRV' && r.type !== 'TXT') continue;
      const instance = this.instances.get(lower(r.name));
      if (!instance) continue;
      if (r.type === 'SRV') {
        const srv = r.data as { port?: unknown; target?: unknown } | null;
        const port = srv?.port;
        const target = srv?.target;
        if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) continue;
        if (typeof target !== 'string' || target === '' || target.length > CacheLimits.nameLength) continue;
        instance.srv = r.ttl === 0 ? null : { target, port, expires: expires(r) };
      } else {
        const values = decodeTxt(r.data);
        if (values === null) continue;
        instance.txt = r.ttl === 0 ? null : { values, at: now, expires: expires(r) };
      }
      if (r.ttl > 0) instance.heardFrom.set(source, expires(r));
    }

    const targets = new Set<string>();
    for (const i of this.instances.values()) if (i.srv) targets.add(lower(i.srv.target));
    const flushed = new Set<string>();
    for (const r of records) {
      const family = r.type === 'A' ? 4 : r.type === 'AAAA' ? 6 : 0;
      const host = lower(r.name);
      if (family === 0 || !targets.has(host) || typeof r.data !== 'string' || isIP(r.data) !== family)
        continue;
      let addresses = this.hosts.get(host);
      if (!addresses) this.hosts.set(host, (addresses = new Map<string, Address>()));
      if (r.flush && !flushed.has(`${host}/${family}`)) {
        flushed.add(`${host}/${family}`);
        // Older than a second: from an earlier answer, not this burst (RFC 6762 §10.2).
        for (const [a, held] of addresses)
          if (isIP(a) === family && held.at < now - 1000) addresses.delete(a);
      }
      if (r.ttl === 0) addresses.delete(r.data);
      else if (addresses.has(r.data) || addresses.size < CacheLimits.addressesPerHost)
        addresses.set(r.data, { expires: expires(r), at: now });
    }
  }

  /** Drops the oldest instance still lacking its SRV or TXT; false when there is none. */
  private evictIncomplete(): boolean {
    for (const [key, i] of this.instances) {
      if (i.srv && i.txt) continue;
      this.instances.delete(key);
      return true;
    }
    return false;
  }

  /** Drops what has expired by `now`, and hosts no instance points to any more. */
  expire(now: number): void {
    for (const [key, i] of this.instances) {
      if (i.ptrExpires <= now) {
        this.instances.delete(key);
        continue;
      }
      if (i.srv && i.srv.expires <= now) i.srv = null;
      if (i.txt && i.txt.expires <= now) i.txt = null;
      for (const [a, until] of i.heardFrom) if (until <= now) i.heardFrom.delete(a);
    }
    const targets = new Set<string>();
    for (const i of this.instances.values()) if (i.srv) targets.add(lower(i.srv.target));
    for (const [host, addresses] of this.hosts) {
      for (const [a, held] of addresses) if (held.expires <= now) addresses.delete(a);
      if (addresses.size === 0 || !targets.has(host)) this.hosts.delete(host);
    }
  }

  /** The instances that have a PTR, an SRV and a TXT record alive (call `expire` first). */
  services(): CachedService[] {
    const out: CachedService[] = [];
    for (const i of this.instances.values()) {
      if (!i.srv || !i.txt) continue;
      out.push({
        fqdn: i.fqdn,
        port: i.srv.port,
        target: i.srv.target,
        txt: i.txt.values,
        txtAt: i.txt.at,
        addresses: [...(this.hosts.get(lower(i.srv.target))?.keys() ?? [])],
        heardFrom: [...i.heardFrom.keys()],
      });
    }
    return out;
  }

  /** What to ask for: instances without SRV or TXT, hosts without addresses. */
  missing(): { name: string; type: string }[] {
    const questions: { name: string; type: string }[] = [];
    for (const i of this.instances.values()) {
      if (!i.srv) questions.push({ name: i.fqdn, type: 'SRV' });
      if (!i.txt) questions.push({ name: i.fqdn, type: 'TXT' });
      if (i.srv && !this.hosts.get(lower(i.srv.target))?.size)
        questions.push({ name: i.srv.target, type: 'A' });
    }
    return questions;
  }
}
