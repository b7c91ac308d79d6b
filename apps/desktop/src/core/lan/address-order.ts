import { BlockList, isIP } from 'node:net';

/** Addresses no announcement may send us to: unspecified, loopback, multicast, broadcast. */
const unusable = new BlockList();
unusable.addSubnet('0.0.0.0', 8, 'ipv4');
unusable.addSubnet('127.0.0.0', 8, 'ipv4');
unusable.addSubnet('224.0.0.0', 3, 'ipv4');
unusable.addAddress('::', 'ipv6');
unusable.addAddress('::1', 'ipv6');
unusable.addSubnet('ff00::', 8, 'ipv6');

/** IPv6 link-local addresses need the interface in the URL (fe80::1%eth0), which no URL parser keeps. */
const linkLocal6 = new BlockList();
linkLocal6.addSubnet('fe80::', 10, 'ipv6');

const familyOf = (address: string) => (isIP(address) === 4 ? 'ipv4' : 'ipv6');

/**
 * A server's addresses, best first: IPv4 before IPv6; within each, the addresses its mDNS packets
 * came from (a network we share with it), then those on one of our subnets, then the rest.
 * Anything that is not an IP address, or points at this machine or at a group, is dropped.
 */
export function orderAddresses(
  addresses: Iterable<string>,
  heardFrom: ReadonlySet<string>,
  localSubnets: BlockList,
): string[] {
  const rank = (a: string) => {
    const family = familyOf(a);
    const place = heardFrom.has(a) ? 0 : localSubnets.check(a, family) ? 1 : 2;
    return (family === 'ipv4' ? 0 : 10) + (linkLocal6.check(a, 'ipv6') && family === 'ipv6' ? 5 : place);
  };
  const usable = [...new Set(addresses)].filter((a) => isIP(a) !== 0 && !unusable.check(a, familyOf(a)));
  return usable
    .map((a, i) => ({ a, r: rank(a), i }))
    .sort((x, y) => x.r - y.r || x.i - y.i)
    .map((x) => x.a);
}

/** The URLs to try for a server, best first: every address but IPv6 link-local ones. */
export function candidateUrls(ordered: readonly string[], port: number, tls: boolean): string[] {
  const scheme = tls ? 'https' : 'http';
  return ordered
    .filter((a) => !(isIP(a) === 6 && linkLocal6.check(a, 'ipv6')))
    .map((a) => `${scheme}://${isIP(a) === 6 ? `[${a}]` : a}:${port}`);
}
