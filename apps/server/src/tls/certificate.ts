import * as asn1js from 'asn1js';
import { isIPv4, isIPv6 } from 'node:net';
import { randomBytes, webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

/** ECDSA P-256: small keys, fast to make, and every TLS client of the last decade speaks it. */
const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
// PKI.js types its engine with the DOM's Crypto, which Node's webcrypto implements.
const crypto = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as never });

const OID = {
  commonName: '2.5.4.3',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

export interface CertificateRequest {
  commonName: string;
  /** Host names the certificate is for (subjectAltName dNSName). */
  dnsNames?: readonly string[];
  /** Addresses the certificate is for (subjectAltName iPAddress), IPv4 or IPv6. */
  ipAddresses?: readonly string[];
  validDays: number;
  /** Signs with this CA; without it the certificate is self-signed. */
  issuer?: IssuedCertificate;
  /** A certificate authority (signs others) rather than a server. */
  isCa?: boolean;
}

/** A certificate and its private key, both PEM (the key as unencrypted PKCS #8). */
export interface IssuedCertificate {
  certificatePem: string;
  keyPem: string;
}

/**
 * Makes a new ECDSA P-256 key and an X.509 v3 certificate for it: a server certificate (serverAuth,
 * with the names and addresses as subjectAltName) or, with `isCa`, a certificate authority. Pure
 * JavaScript on Node's WebCrypto (PKI.js), so it needs no openssl on the machine.
 */
export async function issueCertificate(request: CertificateRequest): Promise<IssuedCertificate> {
  const keys = await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  // Positive (top bit clear) and minimal in DER (first byte not zero): strict parsers refuse padding.
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  const subject = new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({
        type: OID.commonName,
        value: new asn1js.Utf8String({ value: request.commonName }),
      }),
    ],
  });
  cert.subject = subject;

  let signingKey = keys.privateKey;
  if (request.issuer) {
    const issuerCert = pkijs.Certificate.fromBER(derOf(request.issuer.certificatePem));
    cert.issuer = issuerCert.subject;
    signingKey = await webcrypto.subtle.importKey(
      'pkcs8',
      derOf(request.issuer.keyPem),
      KEY_ALGORITHM,
      false,
      ['sign'],
    );
  } else {
    cert.issuer = subject;
  }

  // A minute back, so a client whose clock is a little behind does not see it as not yet valid.
  const now = Date.now();
  cert.notBefore.value = new Date(now - 60_000);
  cert.notAfter.value = new Date(now + request.validDays * 24 * 60 * 60 * 1000);
  cert.extensions = request.isCa ? caExtensions() : serverExtensions(request);

  await cert.subjectPublicKeyInfo.importKey(keys.publicKey, crypto);
  await cert.sign(signingKey, 'SHA-256', crypto);
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    certificatePem: pem('CERTIFICATE', cert.toSchema(true).toBER(false)),
    keyPem: pem('PRIVATE KEY', pkcs8),
  };
}

function serverExtensions(request: CertificateRequest): pkijs.Extension[] {
  const altNames = [
    ...(request.dnsNames ?? []).map((value) => new pkijs.GeneralName({ type: 2, value })),
    ...(request.ipAddresses ?? []).flatMap((ip) => {
      const bytes = ipBytes(ip);
      return bytes
        ? [new pkijs.GeneralName({ type: 7, value: new asn1js.OctetString({ valueHex: bytes }) })]
        : [];
    }),
  ];
  const san = new pkijs.AltName({ altNames });
  const basic = new pkijs.BasicConstraints({ cA: false });
  const eku = new pkijs.ExtKeyUsage({ keyPurposes: [OID.serverAuth] });
  return [
    extension(OID.subjectAltName, false, san.toSchema()),
    extension(OID.basicConstraints, true, basic.toSchema()),
    // digitalSignature (bit 0): what an ECDHE handshake signs with.
    extension(OID.keyUsage, true, keyUsage(0x80, 7)),
    extension(OID.extKeyUsage, false, eku.toSchema()),
  ];
}

function caExtensions(): pkijs.Extension[] {
  const basic = new pkijs.BasicConstraints({ cA: true });
  return [
    extension(OID.basicConstraints, true, basic.toSchema()),
    // keyCertSign (bit 5) and cRLSign (bit 6).
    extension(OID.keyUsage, true, keyUsage(0x06, 1)),
  ];
}

function keyUsage(bits: number, unusedBits: number): asn1js.BitString {
  return new asn1js.BitString({ valueHex: new Uint8Array([bits]).buffer, unusedBits });
}

function extension(extnID: string, critical: boolean, value: asn1js.AsnType): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
}

/** An address as the bytes subjectAltName holds (4 for IPv4, 16 for IPv6), or null for anything else. */
export function ipBytes(address: string): ArrayBuffer | null {
  if (isIPv4(address)) return new Uint8Array(address.split('.').map(Number)).buffer;
  if (!isIPv6(address)) return null;
  let text = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = v4[1].split('.').map(Number);
    text = `${text.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  const groups = [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes.buffer;
}

function derOf(pemText: string): ArrayBuffer {
  const body = pemText.replace(/-----(BEGIN|END) [^-]+-----/g, '').replace(/\s+/g, '');
  const buf = Buffer.from(body, 'base64');
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

function pem(label: string, der: ArrayBuffer): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
