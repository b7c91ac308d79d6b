/**
 * The Content-Security-Policy of every page the window loads: only our own scripts and styles, no
 * inline code, no plugins, no framing, no form posts. In development (`npm run dev`, never in a
 * built app) the Vite server's origin and hot-reload socket are our own origin, and inline code is
 * allowed because Vite injects styles and React Refresh's preamble inline.
 */
export function contentSecurityPolicy(options: { devServerUrl?: string } = {}): string {
  const dev = options.devServerUrl ? new URL(options.devServerUrl) : null;
  const hotReload = dev ? ` ${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}` : '';
  return [
    "default-src 'none'",
    `script-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    // Voice and video play from our own file URLs (served from the cache), never from elsewhere.
    "media-src 'self'",
    "font-src 'self'",
    `connect-src 'self'${hotReload}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
