import type { ParleyApi } from '@parley/shared';

declare global {
  interface Window {
    /** The preload's API: the only way the renderer reaches the main process. */
    readonly parley: ParleyApi;
  }
}
