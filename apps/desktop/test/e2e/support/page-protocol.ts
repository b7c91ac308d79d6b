/** Names shared by the Node side of the e2e harness and the script it runs in the page. */
export const BINDINGS = {
  /** (channel, request) → IpcResult: what ipcRenderer.invoke reaches in the app. */
  invoke: '__parleyE2eInvoke',
  /** A CSP violation the page saw. */
  csp: '__parleyE2eCsp',
} as const;

/** The page-side function Node calls to deliver a contract event to the `on` listeners. */
export const DELIVER = '__parleyE2eDeliver';

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  line: number;
  sample: string;
}
