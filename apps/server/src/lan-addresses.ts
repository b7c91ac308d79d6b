import { networkInterfaces } from 'node:os';

/** Addresses people on the network can type to reach a server bound to `host`. */
export function lanAddresses(host: string, port: number): string[] {
  const all = host === '0.0.0.0' || host === '::';
  if (!all) return [`http://${host.includes(':') ? `[${host}]` : host}:${port}`];
  const urls: string[] = [];
  for (const infos of Object.values(networkInterfaces())) {
    for (const info of infos ?? []) {
      if (info.internal || info.family !== 'IPv4') continue;
      urls.push(`http://${info.address}:${port}`);
    }
  }
  urls.push(`http://localhost:${port}`);
  return urls;
}
