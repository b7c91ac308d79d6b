import { ExternalUrl } from '@parley/shared';
import { type Session, shell, type WebContents } from 'electron';
import { permissionAllowed } from '../core/security/permissions.js';

/** Opens http, https and mailto links in the system's apps; anything else is refused. */
export async function openExternalSafely(url: string): Promise<boolean> {
  if (!ExternalUrl.safeParse(url).success) return false;
  await shell.openExternal(url);
  return true;
}

/**
 * Applied to every WebContents the app creates: no navigation away from the page, no new windows
 * (a safe link opens in the browser instead), no <webview>.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url).catch(() => undefined);
    return { action: 'deny' };
  });
}

/**
 * No web permissions but the microphone for our own page (core/security/permissions.ts), and our
 * CSP on every response.
 */
export function lockDownSession(session: Session, csp: string, origin: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(
      permissionAllowed(
        { permission, requesting: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes },
        origin,
      ),
    );
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionAllowed(
      {
        permission,
        requesting: requestingOrigin,
        isMainFrame: details.isMainFrame,
        mediaTypes: details.mediaType ? [details.mediaType] : [],
      },
      origin,
    ),
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}
