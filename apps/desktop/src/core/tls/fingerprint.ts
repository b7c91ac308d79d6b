import { createHash, type X509Certificate } from 'node:crypto';

/** The SHA-256 of a certificate's public key (DER SubjectPublicKeyInfo), as the pin store holds it. */
export function publicKeyFingerprint(cert: X509Certificate): string {
  return createHash('sha256')
    .update(cert.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** `https://Host:443/path` → `https://host`: the key pins are kept under. */
export function originOf(url: string): string {
  return new URL(url).origin;
}
