import { net, protocol } from 'electron';
import { isFileUrlPath } from '../core/files/file-responses.js';
import { notFound, rendererFileResponse } from '../core/security/renderer-files.js';

export const APP_SCHEME = 'parley';
export const APP_HOST = 'app';
/** The renderer's origin in a built app: a standard, secure scheme of our own, not file://. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Answers the renderer's file URLs (/files/…, /avatars/…) from the core's cache: DesktopCore.files.respond. */
export type FileUrlResponder = (request: {
  method: string;
  pathname: string;
  headers: Headers;
}) => Promise<Response>;

/** Must run before the app is ready. `stream` lets <audio> and <video> play (and seek) from it. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves parley://app/: the built renderer from `rootDir` with our CSP, and the file URLs from the core. */
export function serveRenderer(rootDir: string, csp: string, files: FileUrlResponder): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request, rootDir, csp, files));
}

/** A parley://app/ request: a file URL for the core, else a file of the built renderer. */
export function appResponse(
  request: Pick<Request, 'url' | 'method' | 'headers'>,
  rootDir: string,
  csp: string,
  files: FileUrlResponder,
): Promise<Response> {
  const u = new URL(request.url);
  if (u.host !== APP_HOST) return Promise.resolve(notFound());
  if (isFileUrlPath(u.pathname))
    return files({ method: request.method, pathname: u.pathname, headers: request.headers });
  return rendererResponse(request.url, rootDir, csp);
}

/** A parley://app/ request: files of the built renderer only (core/security/renderer-files.ts). */
export function rendererResponse(url: string, rootDir: string, csp: string): Promise<Response> {
  const u = new URL(url);
  if (u.host !== APP_HOST) return Promise.resolve(notFound());
  return rendererFileResponse(u.pathname, rootDir, csp);
}

/**
 * In development the renderer lives on the Vite server's origin, so its file URLs are http ones:
 * those are answered here like on parley://app, and every other http request goes on unchanged.
 */
export function serveDevFileUrls(devOrigin: string, files: FileUrlResponder): void {
  protocol.handle('http', (request) => {
    const u = new URL(request.url);
    if (u.origin === devOrigin && isFileUrlPath(u.pathname))
      return files({ method: request.method, pathname: u.pathname, headers: request.headers });
    return net.fetch(request, { bypassCustomProtocolHandlers: true });
  });
}
