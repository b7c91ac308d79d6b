import type { DesktopCore } from '../desktop-core.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * This app's own connection to the server it hosts: 1 while its core is online there (signed in
 * at 127.0.0.1, localhost or one of the server's LAN addresses on its port), else 0.
 */
export function ownConnections(core: DesktopCore) {
  return (server: { port: number; urls: readonly string[] }): number => {
    if (core.sync.connection !== 'online') return 0;
    const url = core.sync.serverUrl;
    if (url === null) return 0;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 0;
    }
    if (parsed.port !== String(server.port)) return 0;
    const here = LOOPBACK.has(parsed.hostname) || server.urls.some((u) => sameOrigin(u, parsed));
    return here ? 1 : 0;
  };
}

function sameOrigin(candidate: string, url: URL): boolean {
  try {
    return new URL(candidate).origin === url.origin;
  } catch {
    return false;
  }
}
