import type { Session } from 'electron';
import { chromiumVerdict } from '../core/tls/chromium-verdict.js';
import type { PinStore } from '../core/tls/pin-store.js';

/**
 * Chromium's own requests (the renderer's, or any the shell makes through the session) follow the
 * same pins as the core's connections: a certificate that is not CA-verified for its host passes
 * only with a key the user trusted for that host (core/tls/chromium-verdict.ts).
 */
export function applyCertificatePins(session: Session, pins: PinStore): void {
  session.setCertificateVerifyProc((request, callback) => {
    callback(chromiumVerdict(request, pins));
  });
}
