/**
 * A TLS key's fingerprint: the SHA-256 of the certificate's public key (its DER SubjectPublicKeyInfo),
 * 64 lowercase hex digits on the wire, in TXT records and in the pin store. People compare it by eye or
 * by voice, so it is shown in groups of four: `AB12 CD34 …`. Kept free of zod, so the renderer can
 * import it (`@parley/shared/fingerprint`).
 */
export const FINGERPRINT_PATTERN = /^[0-9a-f]{64}$/;

/** A fingerprint as typed or shown (any case, spaces or colons between the digits) in its wire form, or null. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return FINGERPRINT_PATTERN.test(hex) ? hex : null;
}

/** `ab12cd34…` → `AB12 CD34 …`: sixteen groups of four to read out and compare. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}
