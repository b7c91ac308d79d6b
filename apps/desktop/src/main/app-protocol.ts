import { protocol } from 'electron';
import { notFound, rendererFileResponse } from '../core/security/renderer-files.js';

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

/** A parley://app/ request: files of the built renderer only (core/security/renderer-files.ts). */
export function rendererResponse(url: string, rootDir: string, csp: string): Promise<Response> {
  const u = new URL(url);
  if (u.host !== APP_HOST) return Promise.resolve(notFound());
  return rendererFileResponse(u.pathname, rootDir, csp);
}
