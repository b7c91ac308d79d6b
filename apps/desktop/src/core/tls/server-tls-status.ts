import type { ServerTlsStatus } from '@parley/shared';
import { ApiError } from '../sync/api-client.js';
import type { TlsPolicy } from './tls-policy.js';

/**
 * How an https:// server's key stands with this computer, from a TLS handshake alone (nothing is
 * sent): the key it presents, whether a CA vouches for it, and what is pinned for it. Null for
 * plain http://. A server that cannot be reached is ApiError NETWORK.
 */
export async function serverTlsStatus(policy: TlsPolicy, url: string): Promise<ServerTlsStatus | null> {
  if (!url.startsWith('https:')) return null;
  let key;
  try {
    key = await policy.serverKey(url);
  } catch (err) {
    throw new ApiError('NETWORK', `cannot make a TLS connection to ${url}: ${(err as Error).message}`);
  }
  const pinned = policy.pins.get(url);
  return {
    fingerprint: key.fingerprint,
    caTrusted: key.caTrusted,
    pinned,
    trusted: key.caTrusted || pinned === key.fingerprint,
  };
}
