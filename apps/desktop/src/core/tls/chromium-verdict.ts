import { X509Certificate } from 'node:crypto';
import { publicKeyFingerprint } from './fingerprint.js';
import type { PinStore } from './pin-store.js';

/** What Electron's `session.setCertificateVerifyProc` asks, as far as the verdict needs it. */
export interface CertificateCheck {
  hostname: string;
  /** The server's certificate, PEM. */
  certificate: { data: string };
  /** Chromium's own verdict: `net::OK` when a trusted CA signed it for this host. */
  verificationResult: string;
}

/** Electron's answers: trust it, refuse it, or keep Chromium's verdict. */
export const TRUST = 0;
export const REFUSE = -2;
export const CHROMIUM_VERDICT = -3;

/**
 * The pin rule for Chromium's own requests, as for the core's: what Chromium verified against a
 * trusted CA stands; any other certificate passes only if its key is the one pinned for that host
 * (Chromium names the host, not the port, so any server pinned on the host counts).
 */
export function chromiumVerdict(check: CertificateCheck, pins: PinStore): number {
  if (check.verificationResult === 'net::OK') return CHROMIUM_VERDICT;
  let fingerprint: string;
  try {
    fingerprint = publicKeyFingerprint(new X509Certificate(check.certificate.data));
  } catch {
    return REFUSE;
  }
  return pins.fingerprintsForHost(check.hostname).includes(fingerprint) ? TRUST : REFUSE;
}
