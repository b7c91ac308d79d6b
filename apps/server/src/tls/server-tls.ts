import { createHash, createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import type { TlsConfig } from '../config.js';
import { issueCertificate } from './certificate.js';

/** Where a generated certificate and key live, under the data folder. */
export const TLS_DIR = 'tls';
export const GENERATED_CERT_FILE = 'cert.pem';
export const GENERATED_KEY_FILE = 'key.pem';
/** A generated certificate is good for ten years: its key is what desktops pin, not its dates. */
const GENERATED_VALID_DAYS = 3650;

export type TlsSetupCode =
  | 'TLS_FILES_UNREADABLE'
  | 'TLS_FILES_INCOMPLETE'
  | 'TLS_CERT_INVALID'
  | 'TLS_KEY_INVALID'
  | 'TLS_KEY_MISMATCH';

/** The certificate or key cannot be used; the server does not start (the CLI exits with code 5). */
export class TlsSetupError extends Error {
  constructor(
    readonly code: TlsSetupCode,
    message: string,
  ) {
    super(message);
    this.name = 'TlsSetupError';
  }
}

/** What the HTTPS server runs with. */
export interface ServerTls {
  cert: string;
  key: string;
  /** SHA-256 of the certificate's public key (DER SubjectPublicKeyInfo), 64 lowercase hex digits. */
  fingerprint: string;
  /** Made on this start, kept from an earlier one, or given by the administrator. */
  source: 'generated' | 'kept' | 'provided';
  certFile: string;
  keyFile: string;
  /** When the certificate runs out (ISO 8601). */
  validTo: string;
}

/**
 * The certificate and key for `--tls`: null when TLS is off; the administrator's files as they are
 * (`provided`); or the server's own self-signed pair (`self-signed`), made on first start under
 * `<dataDir>/tls/` (the key readable by the owner only) and reused after, so its fingerprint stays
 * the one desktops pinned. Files that cannot be used throw TlsSetupError, never a half-working server.
 */
export async function setUpTls(config: TlsConfig, dataDir: string): Promise<ServerTls | null> {
  if (config.mode === 'off') return null;
  if (config.mode === 'provided') return { ...load(config.certFile, config.keyFile), source: 'provided' };

  const dir = join(dataDir, TLS_DIR);
  const certFile = join(dir, GENERATED_CERT_FILE);
  const keyFile = join(dir, GENERATED_KEY_FILE);
  const haveCert = exists(certFile);
  const haveKey = exists(keyFile);
  if (haveCert && haveKey) return { ...load(certFile, keyFile), source: 'kept' };
  if (haveCert || haveKey) {
    throw new TlsSetupError(
      'TLS_FILES_INCOMPLETE',
      `${haveCert ? keyFile : certFile} is missing: restore it from a backup, or remove ${dir} to make a new key ` +
        `(every desktop will then have to trust the new key)`,
    );
  }
  const issued = await issueCertificate({
    commonName: `Parley on ${hostname()}`.slice(0, 64),
    ...serverNames(),
    validDays: GENERATED_VALID_DAYS,
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeDurably(keyFile, issued.keyPem, 0o600);
  writeDurably(certFile, issued.certificatePem, 0o644);
  return { ...load(certFile, keyFile), source: 'generated' };
}

/** The SHA-256 fingerprint of a certificate's public key, as desktops pin it. */
export function publicKeyFingerprint(cert: X509Certificate): string {
  return createHash('sha256')
    .update(cert.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** The names this machine is reached by: localhost, its host name and every address it has now. */
function serverNames(): { dnsNames: string[]; ipAddresses: string[] } {
  const host = hostname();
  const dnsNames = [
    ...new Set(['localhost', host, `${host}.local`].filter((n) => /^[A-Za-z0-9.-]+$/.test(n))),
  ];
  const ipAddresses = new Set(['127.0.0.1', '::1']);
  for (const infos of Object.values(networkInterfaces())) {
    for (const info of infos ?? []) {
      // Link-local IPv6 needs a zone to be typed, and a zone has no place in a certificate.
      if (!info.address.toLowerCase().startsWith('fe80:')) ipAddresses.add(info.address);
    }
  }
  return { dnsNames, ipAddresses: [...ipAddresses] };
}

function load(certFile: string, keyFile: string): Omit<ServerTls, 'source'> {
  const cert = read(certFile, 'certificate');
  const key = read(keyFile, 'key');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (err) {
    throw new TlsSetupError(
      'TLS_CERT_INVALID',
      `${certFile} does not hold a PEM certificate (${(err as Error).message})`,
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (err) {
    throw new TlsSetupError(
      'TLS_KEY_INVALID',
      `${keyFile} does not hold an unencrypted PEM private key (${(err as Error).message})`,
    );
  }
  if (!x509.checkPrivateKey(privateKey))
    throw new TlsSetupError(
      'TLS_KEY_MISMATCH',
      `${keyFile} is not the key of the certificate in ${certFile}`,
    );
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    throw new TlsSetupError(
      'TLS_CERT_INVALID',
      `${certFile} and ${keyFile} cannot be used for TLS (${(err as Error).message})`,
    );
  }
  return {
    cert,
    key,
    fingerprint: publicKeyFingerprint(x509),
    certFile,
    keyFile,
    validTo: new Date(x509.validTo).toISOString(),
  };
}

function read(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new TlsSetupError('TLS_FILES_UNREADABLE', `cannot read the TLS ${what} ${file} (${code})`);
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new TlsSetupError(
      'TLS_FILES_UNREADABLE',
      `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/** Written aside, flushed and renamed, with its mode from the start: never half a key, never a readable one. */
function writeDurably(file: string, text: string, mode: number): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
