import { BlockList } from 'node:net';
import { describe, expect, it } from 'vitest';
import { candidateUrls, orderAddresses } from '../src/core/lan/address-order.js';
import { CacheLimits, DnsSdCache } from '../src/core/lan/dns-sd-cache.js';
import { decodeTxt } from '../src/core/lan/txt.js';

/*
 * The DNS-SD cache, TXT decoding and address order on their own, with records as multicast-dns
 * decodes them and the clock given by hand: TTLs, goodbyes and floods without waiting. The same
 * behaviour over a real link is in lan-netns.test.ts.
 */

const SERVICE = '_parley._tcp.local';
const T0 = 1_000_000;

const ptr = (instance: string, ttl = 4500) => ({
  name: SERVICE,
  type: 'PTR',
  ttl,
  data: `${instance}.${SERVICE}`,
});
const srv = (instance: string, target: string, ttl = 120, port = 7400) => ({
  name: `${instance}.${SERVICE}`,
  type: 'SRV',
  ttl,
  data: { port, target, priority: 0, weight: 0 },
});
const txt = (instance: string, strings: string[], ttl = 4500) => ({
  name: `${instance}.${SERVICE}`,
  type: 'TXT',
  ttl,
  data: strings.map((s) => Buffer.from(s)),
});
const a = (host: string, address: string, ttl = 120, flush = false) => ({
  name: host,
  type: 'A',
  ttl,
  flush,
  data: address,
});
const full = (instance: string, host: string, address: string) => ({
  answers: [ptr(instance)],
  additionals: [srv(instance, host), txt(instance, ['id=1']), a(host, address)],
});

function cacheWith(...packets: unknown[]): DnsSdCache {
  const cache = new DnsSdCache(SERVICE);
  for (const p of packets) cache.ingest(p, '10.0.0.9', T0);
  return cache;
}

describe('the DNS-SD cache', () => {
  it('builds a service from PTR, SRV, TXT and address records, noting where they came from', () => {
    const cache = cacheWith(full('Office', 'office.local', '10.0.0.9'));
    expect(cache.services()).toEqual([
      {
        fqdn: `Office.${SERVICE}`,
        port: 7400,
        target: 'office.local',
        txt: new Map([['id', '1']]),
        txtAt: T0,
        addresses: ['10.0.0.9'],
        heardFrom: ['10.0.0.9'],
      },
    ]);
  });

  it('puts together records that arrive in separate packets, asking for what is missing', () => {
    const cache = new DnsSdCache(SERVICE);
    cache.ingest({ answers: [ptr('Office')] }, '10.0.0.9', T0);
    expect(cache.missing()).toEqual([
      { name: `Office.${SERVICE}`, type: 'SRV' },
      { name: `Office.${SERVICE}`, type: 'TXT' },
    ]);
    cache.ingest({ answers: [srv('Office', 'office.local'), txt('Office', ['id=1'])] }, '10.0.0.9', T0);
    expect(cache.missing()).toEqual([{ name: 'office.local', type: 'A' }]);
    expect(cache.services()[0]?.addresses).toEqual([]);
    cache.ingest({ answers: [a('OFFICE.local', '10.0.0.9')] }, '10.0.0.9', T0);
    expect(cache.missing()).toEqual([]);
    expect(cache.services()[0]?.addresses).toEqual(['10.0.0.9']);
  });

  it('drops a service at once on a goodbye (TTL 0)', () => {
    const cache = cacheWith(full('Office', 'office.local', '10.0.0.9'));
    cache.ingest({ answers: [ptr('Office', 0)] }, '10.0.0.9', T0 + 10);
    expect(cache.services()).toEqual([]);
    expect(cache.missing()).toEqual([]);
  });

  it('lets records expire with their TTL, and caps the TTL a responder may claim', () => {
    const cache = cacheWith(full('Office', 'office.local', '10.0.0.9'));
    cache.expire(T0 + 119_000);
    expect(cache.services()).toHaveLength(1);
    // SRV and A live 120 s: the service is incomplete, and asked for again.
    cache.expire(T0 + 120_000);
    expect(cache.services()).toEqual([]);
    expect(cache.missing()).toContainEqual({ name: `Office.${SERVICE}`, type: 'SRV' });

    const forever = cacheWith({
      answers: [
        ptr('Forever', 2 ** 31),
        srv('Forever', 'f.local', 2 ** 31),
        txt('Forever', ['id=2'], 2 ** 31),
      ],
      additionals: [a('f.local', '10.0.0.8', 2 ** 31)],
    });
    forever.expire(T0 + CacheLimits.ttlSeconds * 1000 - 1);
    expect(forever.services()).toHaveLength(1);
    forever.expire(T0 + CacheLimits.ttlSeconds * 1000);
    expect(forever.services()).toEqual([]);
  });

  it('lets a cache-flush record replace the older addresses of its host, not those of the same burst', () => {
    const cache = cacheWith(full('Office', 'office.local', '10.0.0.9'));
    cache.ingest({ answers: [a('office.local', '10.0.0.7', 120, true)] }, '10.0.0.9', T0 + 5_000);
    expect(cache.services()[0]?.addresses).toEqual(['10.0.0.7']);
    cache.ingest({ answers: [a('office.local', '10.0.0.6', 120, true)] }, '10.0.0.9', T0 + 5_500);
    expect(cache.services()[0]?.addresses.sort()).toEqual(['10.0.0.6', '10.0.0.7']);
  });

  it('ignores records for names no PTR pointed to, and records of the wrong shape', () => {
    const cache = cacheWith(
      { answers: [srv('Orphan', 'o.local'), txt('Orphan', ['id=3']), a('o.local', '10.0.0.5')] },
      { answers: [{ name: '_other._tcp.local', type: 'PTR', ttl: 120, data: 'X._other._tcp.local' }] },
      { answers: [{ name: SERVICE, type: 'PTR', ttl: 120, data: 'Elsewhere._http._tcp.local' }] },
    );
    expect(cache.services()).toEqual([]);
    expect(cache.missing()).toEqual([]);

    const odd = new DnsSdCache(SERVICE);
    for (const packet of [
      null,
      42,
      'packet',
      { answers: 'no' },
      {
        answers: [
          null,
          7,
          { name: 1, type: 'PTR' },
          { name: SERVICE, type: 'PTR', ttl: -1, data: `X.${SERVICE}` },
        ],
      },
      { answers: [{ name: SERVICE, type: 'PTR', ttl: 1.5, data: `X.${SERVICE}` }] },
      { answers: [ptr('Bad')], additionals: [srv('Bad', 'b.local', 120, 0), txt('Bad', ['id=4'])] },
      {
        answers: [srv('Bad', 'b.local', 120, 70_000), srv('Bad', '', 120), srv('Bad', 'x'.repeat(300), 120)],
      },
      { answers: [{ name: `Bad.${SERVICE}`, type: 'TXT', ttl: 120, data: 'not a list' }] },
    ]) {
      expect(() => odd.ingest(packet, '10.0.0.9', T0)).not.toThrow();
    }
    expect(odd.services()).toEqual([]);
    expect(odd.missing()).toContainEqual({ name: `Bad.${SERVICE}`, type: 'SRV' });
    odd.ingest(
      {
        answers: [srv('Bad', 'b.local')],
        additionals: [
          a('b.local', 'not-an-ip'),
          { name: 'b.local', type: 'AAAA', ttl: 120, data: '10.0.0.1' },
        ],
      },
      '10.0.0.9',
      T0,
    );
    expect(odd.services().map((s) => s.addresses)).toEqual([[]]);
  });

  it('does not let a flood of names that never resolve keep a real server out', () => {
    const cache = new DnsSdCache(SERVICE);
    cache.ingest(
      { answers: Array.from({ length: CacheLimits.instances + 10 }, (_, i) => ptr(`Flood ${i}`)) },
      '10.0.0.66',
      T0,
    );
    cache.ingest(full('Office', 'office.local', '10.0.0.9'), '10.0.0.9', T0 + 1);
    expect(cache.services().map((s) => s.fqdn)).toEqual([`Office.${SERVICE}`]);

    // When every instance is complete, newcomers wait.
    const busy = new DnsSdCache(SERVICE);
    for (let i = 0; i < CacheLimits.instances; i++)
      busy.ingest(full(`Real ${i}`, `r${i}.local`, '10.0.1.1'), '10.0.1.1', T0);
    busy.ingest(full('Late', 'late.local', '10.0.0.9'), '10.0.0.9', T0);
    expect(busy.services()).toHaveLength(CacheLimits.instances);
    expect(busy.services().map((s) => s.fqdn)).not.toContain(`Late.${SERVICE}`);
  });
});

describe('TXT decoding', () => {
  it('reads key=value strings, keys without case, the first occurrence winning', () => {
    const values = decodeTxt([
      Buffer.from('ID=first'),
      Buffer.from('id=second'),
      Buffer.from('flag'),
      Buffer.from('=nokey'),
      Buffer.from('empty='),
      Buffer.from('name=研发部'),
    ]);
    expect(values).toEqual(
      new Map([
        ['id', 'first'],
        ['empty', ''],
        ['name', '研发部'],
      ]),
    );
  });

  it('leaves a key unset when its first value is not UTF-8, and refuses rdata that is not byte strings', () => {
    expect(decodeTxt([Buffer.from([0x69, 0x64, 0x3d, 0xff]), Buffer.from('id=later')])).toEqual(new Map());
    expect(decodeTxt(Buffer.from('id=1'))).toEqual(new Map([['id', '1']]));
    expect(decodeTxt('id=1')).toBeNull();
    expect(decodeTxt([Buffer.from('id=1'), 'name=x'])).toBeNull();
  });
});

describe('address order', () => {
  const subnets = new BlockList();
  subnets.addSubnet('192.168.1.0', 24, 'ipv4');

  it('puts IPv4 first: where the packets came from, then our subnets, then the rest', () => {
    expect(
      orderAddresses(
        ['fd00::2', '172.17.0.1', '192.168.1.20', 'fe80::1', '10.8.0.2'],
        new Set(['10.8.0.2']),
        subnets,
      ),
    ).toEqual(['10.8.0.2', '192.168.1.20', '172.17.0.1', 'fd00::2', 'fe80::1']);
  });

  it('drops what is not an address, or points at this machine or at a group', () => {
    expect(
      orderAddresses(
        [
          '127.0.0.1',
          '::1',
          '0.0.0.0',
          '::',
          '224.0.0.251',
          'ff02::fb',
          '255.255.255.255',
          'host',
          '10.0.0.1',
        ],
        new Set(),
        subnets,
      ),
    ).toEqual(['10.0.0.1']);
  });

  it('makes URLs of every address but IPv6 link-local ones, with brackets for IPv6', () => {
    expect(candidateUrls(['10.0.0.1', 'fd00::2', 'fe80::1'], 7400, false)).toEqual([
      'http://10.0.0.1:7400',
      'http://[fd00::2]:7400',
    ]);
    expect(candidateUrls(['10.0.0.1'], 7400, true)).toEqual(['https://10.0.0.1:7400']);
  });
});
