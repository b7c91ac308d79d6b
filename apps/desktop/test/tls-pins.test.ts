import { issueCertificate } from '@parley/server';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_VERDICT, chromiumVerdict, REFUSE, TRUST } from '../src/core/tls/chromium-verdict.js';
import { publicKeyFingerprint } from '../src/core/tls/fingerprint.js';
import { PinStore } from '../src/core/tls/pin-store.js';
import { TlsRefusal, tlsRefusalIn } from '../src/core/tls/tls-refusal.js';
import { tempDir } from './support/harness.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('the pin store', () => {
  it('keeps one key per origin, whatever URL of the server names it, and across restarts', () => {
    const file = join(tempDir(), 'tls-pins.json');
    const pins = new PinStore(file);
    expect(pins.get('https://192.168.1.20:7400')).toBeNull();
    pins.set('https://Chat.Example.org:443/some/path', A);
    pins.set('https://192.168.1.20:7400/', B);
    expect(pins.get('https://chat.example.org')).toBe(A);
    expect(pins.get('https://192.168.1.20:7400/api/health')).toBe(B);
    // Another port or scheme is another server.
    expect(pins.get('https://192.168.1.20:7401')).toBeNull();
    expect(pins.get('http://192.168.1.20:7400')).toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      pins: { 'https://chat.example.org': A, 'https://192.168.1.20:7400': B },
    });

    const again = new PinStore(file);
    expect(again.get('https://chat.example.org')).toBe(A);
    again.set('https://chat.example.org', B);
    expect(new PinStore(file).get('https://chat.example.org')).toBe(B);
    expect(() => again.set('https://chat.example.org', 'AB12 CD34')).toThrow();
  });

  it('drops what it cannot read, which only means being asked again', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.json'), '{"pins": {');
    expect(new PinStore(join(dir, 'broken.json')).get('https://chat.example.org')).toBeNull();
    writeFileSync(
      join(dir, 'mixed.json'),
      JSON.stringify({
        pins: {
          'https://good.example.org': A,
          'https://short.example.org': 'abc',
          'http://plain.example.org': A,
          'https://path.example.org/x': A,
          'not a url': A,
        },
      }),
    );
    const mixed = new PinStore(join(dir, 'mixed.json'));
    expect(mixed.get('https://good.example.org')).toBe(A);
    for (const url of ['https://short.example.org', 'http://plain.example.org', 'https://path.example.org'])
      expect(mixed.get(url)).toBeNull();
  });

  it('answers by host for Chromium, IPv6 included', () => {
    const pins = new PinStore(join(tempDir(), 'tls-pins.json'));
    pins.set('https://[fe80::1]:7400', A);
    pins.set('https://[fe80::1]:7401', B);
    pins.set('https://10.0.0.2:7400', B);
    expect(pins.fingerprintsForHost('fe80::1').sort()).toEqual([A, B]);
    expect(pins.fingerprintsForHost('[fe80::1]').sort()).toEqual([A, B]);
    expect(pins.fingerprintsForHost('10.0.0.3')).toEqual([]);
  });
});

describe("Chromium's verdict", () => {
  it('keeps a CA-verified verdict, trusts a pinned key on its host, refuses the rest', async () => {
    const cert = await issueCertificate({ commonName: 'x', dnsNames: ['box.local'], validDays: 1 });
    const fingerprint = publicKeyFingerprint(new X509Certificate(cert.certificatePem));
    const pins = new PinStore(join(tempDir(), 'tls-pins.json'));
    const check = (hostname: string, verificationResult = 'net::ERR_CERT_AUTHORITY_INVALID') =>
      chromiumVerdict({ hostname, certificate: { data: cert.certificatePem }, verificationResult }, pins);
    expect(check('box.local', 'net::OK')).toBe(CHROMIUM_VERDICT);
    expect(check('box.local')).toBe(REFUSE);
    pins.set('https://box.local:7400', fingerprint);
    expect(check('box.local')).toBe(TRUST);
    expect(check('other.local')).toBe(REFUSE);
  });
});

describe('a refusal inside other errors', () => {
  it('is found however the client library wrapped it', () => {
    const refusal = new TlsRefusal('TLS_KEY_CHANGED', 'https://x', A, B);
    expect(refusal.message).toContain('AAAA AAAA');
    expect(tlsRefusalIn(new TypeError('fetch failed', { cause: refusal }))).toBe(refusal);
    expect(tlsRefusalIn({ description: { error: refusal } })).toBe(refusal);
    expect(tlsRefusalIn(new Error('ECONNREFUSED'))).toBeNull();
    expect(tlsRefusalIn(null)).toBeNull();
  });
});
