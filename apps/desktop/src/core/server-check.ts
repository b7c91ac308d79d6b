import type { IpcResponse } from '@parley/shared';
import type { DesktopCore } from './desktop-core.js';
import { ApiClient, ApiError } from './sync/api-client.js';
import { serverTlsStatus } from './tls/server-tls-status.js';

export type CheckedServer = IpcResponse<'session.checkServer'>;

/**
 * What the sign-in screen learns about an address before anyone types a password: the server's
 * name, version, registration policy and TLS key. An http:// address with a port that answers only
 * TLS (a server started with --tls, its address typed without https://) is answered for its
 * https:// address: an upgrade, never the other way round.
 */
export async function checkServer(core: DesktopCore, serverUrl: string): Promise<CheckedServer> {
  try {
    return await checkAt(core, serverUrl);
  } catch (err) {
    const secure = serverUrl.replace(/^http:/, 'https:');
    if (!(err instanceof ApiError && err.code === 'NETWORK') || secure === serverUrl) throw err;
    if (new URL(serverUrl).port === '') throw err;
    const speaksTls = await serverTlsStatus(core.tls, secure).then(
      () => true,
      () => false,
    );
    if (!speaksTls) throw err;
    return checkAt(core, secure);
  }
}

async function checkAt(core: DesktopCore, serverUrl: string): Promise<CheckedServer> {
  const tls = await serverTlsStatus(core.tls, serverUrl);
  // Its name and version are public: read them over the key it presents, even before the user
  // trusts it, so the question shows which server it is about. Nothing secret goes this way.
  const policy = tls && !tls.trusted ? core.tls.accepting(serverUrl, tls.fingerprint) : core.tls;
  try {
    const api = new ApiClient(serverUrl, undefined, policy.fetch);
    const health = await api.health();
    // A server without /api/server predates registration policies: anyone may register there.
    const info = await api.serverInfo().catch(() => null);
    return {
      serverUrl,
      name: health.name,
      version: health.version,
      protocolVersion: health.protocolVersion,
      registration: info?.registration ?? 'open',
      tls,
    };
  } finally {
    if (policy !== core.tls) policy.close();
  }
}
