/** A web permission request or check, as the shell sees it (Electron's arguments, without Electron). */
export interface PermissionAsk {
  permission: string;
  /** The requesting page's URL or origin. */
  requesting: string;
  isMainFrame: boolean;
  /** For `media`: what is asked for (a request lists them; a check names one, or 'unknown'). */
  mediaTypes: readonly string[];
}

const originOf = (url: string): string | null => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
};

/**
 * The one web permission the renderer gets: the microphone (voice messages), asked by our own
 * page's top frame on our own origin, and nothing with it (no camera). Everything else is denied:
 * notifications come from the main process, links open outside.
 */
export function permissionAllowed(ask: PermissionAsk, ourOrigin: string): boolean {
  return (
    ask.permission === 'media' &&
    ask.isMainFrame &&
    originOf(ask.requesting) === ourOrigin &&
    ask.mediaTypes.length > 0 &&
    ask.mediaTypes.every((t) => t === 'audio')
  );
}
