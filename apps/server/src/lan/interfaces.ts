import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/** A network interface mDNS can use: its name and the IPv4 address multicast goes out from. */
export interface MulticastInterface {
  name: string;
  address: string;
}

export interface InterfaceFilter {
  /** Only these interfaces (names as the OS shows them), when given. */
  names?: readonly string[] | undefined;
  /** The address the HTTP server is bound to: a specific one limits us to the interface holding it. */
  host: string;
}

/** Whether a server bound to `host` can be reached only from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

const ANY_HOST = new Set(['0.0.0.0', '::', '']);

/**
 * The interfaces to announce on: each one that is up with an IPv4 address, not loopback and not a
 * point-to-point tunnel without a link layer (WireGuard and the like carry no multicast). One
 * address per interface: a socket joins a multicast group once per interface.
 */
export function multicastInterfaces(filter: InterfaceFilter): MulticastInterface[] {
  const found: MulticastInterface[] = [];
  for (const [name, infos = []] of Object.entries(networkInterfaces())) {
    if (filter.names && !filter.names.includes(name)) continue;
    if (!ANY_HOST.has(filter.host) && !infos.some((i) => i.address === filter.host)) continue;
    const info = infos.find((i) => i.family === 'IPv4' && !i.internal && i.mac !== '00:00:00:00:00:00');
    if (info) found.push({ name, address: info.address });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** A stable key for a set of interfaces, to notice when it changes. */
export function interfacesKey(interfaces: readonly MulticastInterface[]): string {
  return interfaces.map((i) => `${i.name}=${i.address}`).join(',');
}
