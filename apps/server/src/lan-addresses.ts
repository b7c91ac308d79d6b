import { networkInterfaces } from 'node:os';

/** Addresses people on the network can type to reach a server bound to `host`. */
export function lanAddresses(host: string, port: number, scheme: 'http' | 'https' = 'http'): string[] {
  const all = host === '0.0.0.0' || host === '::';
  if (!all) return [`${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`];
  const urls: string[] = [];
  for (const infos of Object.values(networkInterfaces())) {
    for (const info of infos ?? []) {
      if (info.internal || info.family !== 'IPv4') continue;
      urls.push(`${scheme}://${info.address}:${port}`);
    }
  }
  urls.push(`${scheme}://localhost:${port}`);
  return urls;
}
