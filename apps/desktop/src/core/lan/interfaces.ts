import { BlockList } from 'node:net';
import { networkInterfaces } from 'node:os';

/** A network interface mDNS can use: its name and the IPv4 address multicast goes out from. */
export interface MulticastInterface {
  name: string;
  address: string;
}

/**
 * The interfaces to browse on: each one that is up with an IPv4 address, not loopback and not a
 * tunnel without a link layer (no multicast there); only those named in `only` when given.
 */
export function multicastInterfaces(only?: readonly string[]): MulticastInterface[] {
  const found: MulticastInterface[] = [];
  for (const [name, infos = []] of Object.entries(networkInterfaces())) {
    if (only && !only.includes(name)) continue;
    const info = infos.find((i) => i.family === 'IPv4' && !i.internal && i.mac !== '00:00:00:00:00:00');
    if (info) found.push({ name, address: info.address });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

export function interfacesKey(interfaces: readonly MulticastInterface[]): string {
  return interfaces.map((i) => `${i.name}=${i.address}`).join(',');
}

/** The subnets this machine is on (every interface address with its prefix), to prefer addresses there. */
export function localSubnets(): BlockList {
  const subnets = new BlockList();
  for (const infos of Object.values(networkInterfaces())) {
    for (const info of infos ?? []) {
      if (info.internal || !info.cidr) continue;
      const prefix = Number(info.cidr.split('/')[1]);
      subnets.addSubnet(info.address, prefix, info.family === 'IPv4' ? 'ipv4' : 'ipv6');
    }
  }
  return subnets;
}
