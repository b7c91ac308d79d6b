import type { ConnectionState } from '@parley/shared';

/** What the slim bar over the main pane says, if anything. */
export type Banner = 'none' | 'connecting' | 'offline' | 'back-online' | 'untrusted';

export type BannerEvent =
  | { type: 'connection'; state: ConnectionState }
  /** Still connecting after a while: say that we are offline. */
  | { type: 'slow' }
  /** The "Back online" notice has been up long enough. */
  | { type: 'settled' };

/**
 * Keeps the bar quiet: "Connecting…" while a link is being made, "Offline" once it is down (it
 * stays through the retries rather than flickering), "Back online" only after the user was told
 * they were offline, then nothing. A refused key ("untrusted") stays until the link is back or the
 * user signs out: it is a warning, not a passing state.
 */
export function nextBanner(current: Banner, event: BannerEvent): Banner {
  switch (event.type) {
    case 'slow':
      return current === 'connecting' ? 'offline' : current;
    case 'settled':
      return current === 'back-online' ? 'none' : current;
    case 'connection':
      switch (event.state) {
        case 'offline':
          return 'offline';
        case 'connecting':
          return current === 'offline' ? 'offline' : 'connecting';
        case 'online':
          return current === 'offline' ? 'back-online' : 'none';
        case 'untrusted':
          return 'untrusted';
        case 'signed-out':
          return 'none';
      }
  }
}
