import { issueCertificate } from '@parley/server';
import type { IpcResult } from '@parley/shared';
import { X509Certificate } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { publicKeyFingerprint } from '../../src/core/tls/fingerprint.js';
import { app, double, fakeEvent, session } from '../support/electron-double.js';

vi.mock('electron', () => import('../support/electron-double.js'));
const { launch } = await import('../../src/main/app.js');

beforeEach(() => {
  double.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  app.emit('will-quit', fakeEvent());
  vi.restoreAllMocks();
});

/** What Chromium's certificate check gets from the app for this certificate on this host. */
function chromium(
  hostname: string,
  certificate: string,
  verificationResult = 'net::ERR_CERT_AUTHORITY_INVALID',
) {
  return session.defaultSession.verifyCertificate({
    hostname,
    certificate: { data: certificate },
    verificationResult,
  });
}

describe("Chromium's requests", () => {
  it('obey the same pins as the core: a key the user trusted passes for its host, nothing else does', async () => {
    const running = await launch({ argv: [] });
    const win = double.windows[0];
    if (!running || !win) throw new Error('did not start');
    expect(double.callsTo('session', 'setCertificateVerifyProc')).toHaveLength(1);

    const server = await issueCertificate({ commonName: 'Parley', ipAddresses: ['127.0.0.1'], validDays: 1 });
    const impostor = await issueCertificate({
      commonName: 'Parley',
      ipAddresses: ['127.0.0.1'],
      validDays: 1,
    });
    const fingerprint = publicKeyFingerprint(new X509Certificate(server.certificatePem));

    // Nothing pinned: a certificate no CA vouches for is refused; a CA-verified one keeps Chromium's verdict.
    expect(chromium('127.0.0.1', server.certificatePem)).toBe(-2);
    expect(chromium('chat.example.org', server.certificatePem, 'net::OK')).toBe(-3);

    // The user trusts the key in the app (the renderer's IPC call): Chromium trusts it there too.
    const trusted = (await double.invoke('tls.trust', win.webContents.invokeEvent(), {
      serverUrl: 'https://127.0.0.1:7400',
      fingerprint,
    })) as IpcResult<unknown>;
    expect(trusted).toEqual({ ok: true, data: {} });
    expect(chromium('127.0.0.1', server.certificatePem)).toBe(0);
    // Another key on the same host, the same key on another host, or no certificate at all: refused.
    expect(chromium('127.0.0.1', impostor.certificatePem)).toBe(-2);
    expect(chromium('192.168.1.20', server.certificatePem)).toBe(-2);
    expect(chromium('127.0.0.1', 'not a certificate')).toBe(-2);
  });
});
