import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export const APP_SCHEME = 'parley';
export const APP_HOST = 'app';
/** The renderer's origin in a built app: a standard, secure scheme of our own, not file://. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `rootDir` on parley://app/, with our CSP on every response. */
export function serveRenderer(rootDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(request.url, rootDir, csp));
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export async function rendererResponse(url: string, rootDir: string, csp: string): Promise<Response> {
  const u = new URL(url);
  const root = resolve(rootDir);
  let file: string;
  try {
    file = resolve(root, '.' + decodeURIComponent(u.pathname === '/' ? '/index.html' : u.pathname));
  } catch {
    return notFound();
  }
  const type = contentTypes[extname(file)];
  if (u.host !== APP_HOST || !file.startsWith(root + sep) || !type) return notFound();
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: { 'Content-Type': type, 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
    });
  } catch {
    return notFound();
  }
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
}
