import { z } from 'zod';

/** A Parley server found on the LAN (mDNS / DNS-SD), as the desktop lists it. */
export const DiscoveredServer = z.object({
  /** The server's stable id (TXT `id`): one entry per server, however many interfaces it is seen on. */
  id: z.string(),
  name: z.string(),
  version: z.string(),
  protocolVersion: z.int(),
  /** Every address the server announced, the preferred first (IPv4 first, then IPv6). */
  addresses: z.array(z.string()),
  port: z.int().min(1).max(65535),
  /** Whether the server speaks HTTPS; plain HTTP is not private. */
  tls: z.boolean(),
  /** With TLS: the key's SHA-256 fingerprint the server announced (to compare, not to trust). */
  fingerprint: z.string().nullable(),
  /** What to connect to: the first address that answered `/api/health`, else the preferred one. */
  url: z.string(),
  /** true: `url` answered; false: no address answered; null: still checking. */
  reachable: z.boolean().nullable(),
});
export type DiscoveredServer = z.infer<typeof DiscoveredServer>;

export const DiscoveredServers = z.object({ servers: z.array(DiscoveredServer) });
export type DiscoveredServers = z.infer<typeof DiscoveredServers>;
