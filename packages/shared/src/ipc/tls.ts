import { z } from 'zod';
import { FINGERPRINT_PATTERN, normaliseFingerprint } from '../fingerprint.js';

/** A key's SHA-256 fingerprint as the renderer passes it: any case, spaces or colons allowed; parsed to 64 lowercase hex digits. */
export const TlsFingerprint = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const hex = normaliseFingerprint(text);
    if (hex === null) {
      ctx.addIssue({ code: 'custom', message: 'must be a SHA-256 fingerprint: 64 hex digits' });
      return z.NEVER;
    }
    return hex;
  });

const Fingerprint = z.string().regex(FINGERPRINT_PATTERN);

/**
 * How an https:// server's key stands with this computer (`session.checkServer`), null for plain
 * HTTP (not private). `trusted` false with `pinned` null: first contact, ask the user to compare the
 * fingerprint; with `pinned` set: the key changed since it was trusted, which could be an attack.
 */
export const ServerTlsStatus = z.object({
  /** The SHA-256 fingerprint of the public key the server presents now. */
  fingerprint: Fingerprint,
  /** Connections go ahead: a CA vouches for the certificate, or the key is the one pinned. */
  trusted: z.boolean(),
  /** A certificate authority this computer trusts signed the certificate for this address (no pin needed). */
  caTrusted: z.boolean(),
  /** The fingerprint pinned for this server (trusted earlier), if any. */
  pinned: Fingerprint.nullable(),
});
export type ServerTlsStatus = z.infer<typeof ServerTlsStatus>;
