/**
 * The Vite dev server's URL (ELECTRON_RENDERER_URL), only in development and only on this machine:
 * whatever the environment says, a remote page never becomes our renderer.
 */
export function trustedDevServer(url: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged || !url) return undefined;
  try {
    const u = new URL(url);
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
    return local && (u.protocol === 'http:' || u.protocol === 'https:') ? u.origin : undefined;
  } catch {
    return undefined;
  }
}
