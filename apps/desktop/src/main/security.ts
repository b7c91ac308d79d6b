import { ExternalUrl } from '@parley/shared';
import { type Session, shell, type WebContents } from 'electron';

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

/** No web permissions at all (notifications come from the main process), and our CSP on every response. */
export function lockDownSession(session: Session, csp: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}
