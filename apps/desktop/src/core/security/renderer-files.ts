import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

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

/**
 * One file of the built renderer, by the path of its URL: only files inside `rootDir` with a known
 * type, each with our CSP. The app serves it on parley://app/ (main/app-protocol.ts); the end-to-end
 * tests serve it over loopback HTTP, so both answer every request the same way.
 */
export async function rendererFileResponse(
  pathname: string,
  rootDir: string,
  csp: string,
): Promise<Response> {
  const root = resolve(rootDir);
  let file: string;
  try {
    file = resolve(root, '.' + decodeURIComponent(pathname === '/' ? '/index.html' : pathname));
  } catch {
    return notFound();
  }
  const type = contentTypes[extname(file)];
  if (!file.startsWith(root + sep) || !type) return notFound();
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: { 'Content-Type': type, 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
    });
  } catch {
    return notFound();
  }
}

export function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
}
