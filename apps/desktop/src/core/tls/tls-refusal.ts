import { formatFingerprint } from '@parley/shared';

export type TlsRefusalCode = 'TLS_UNTRUSTED' | 'TLS_KEY_CHANGED';

/**
 * A connection refused right after the TLS handshake, before a byte of the request was written:
 * the server's certificate is not from a CA this machine trusts, and its key is not the one pinned
 * for it (TLS_KEY_CHANGED) or nothing is pinned yet (TLS_UNTRUSTED). Carries the key the server
 * presented, so the user can compare it and, if it is right, trust it (`tls.trust`).
 */
export class TlsRefusal extends Error {
  constructor(
    readonly code: TlsRefusalCode,
    readonly origin: string,
    /** The SHA-256 fingerprint of the public key the server presented. */
    readonly fingerprint: string,
    /** The fingerprint pinned for this server, if any. */
    readonly pinned: string | null,
  ) {
    super(
      code === 'TLS_UNTRUSTED'
        ? `${origin} is not trusted yet: check that its key's fingerprint is ${formatFingerprint(fingerprint)}`
        : `the key of ${origin} has changed (now ${formatFingerprint(fingerprint)}): this could be an attack`,
    );
    this.name = 'TlsRefusal';
  }
}

/**
 * The TlsRefusal behind an error, however the client library wrapped it: fetch's TypeError (`cause`),
 * Socket.IO's TransportError (`description`) holding a WebSocket ErrorEvent (`error`).
 */
export function tlsRefusalIn(err: unknown, depth = 0): TlsRefusal | null {
  if (err instanceof TlsRefusal) return err;
  if (depth > 4 || err === null || typeof err !== 'object') return null;
  const e = err as { cause?: unknown; description?: unknown; error?: unknown };
  return (
    tlsRefusalIn(e.cause, depth + 1) ??
    tlsRefusalIn(e.description, depth + 1) ??
    tlsRefusalIn(e.error, depth + 1)
  );
}
