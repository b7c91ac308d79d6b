/*
 * Runs in the page before any of the renderer's scripts (page.addInitScript), bundled for the
 * browser by the e2e global setup. It does what the sandboxed preload does in the app: builds
 * `window.parley` with the preload's own buildParleyApi (src/preload/api.ts) and exposes it the way
 * contextBridge does (frozen, read-only). Its `ipc` stands in for ipcRenderer: `invoke` goes to the
 * Node test process through a Playwright binding, where the real desktop core answers through the
 * same dispatch as the main process; events arrive from Node through a hidden deliver function.
 * It also reports CSP violations to the harness.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { buildParleyApi } from '../../../../src/preload/api.js';
import { BINDINGS, type CspViolation, DELIVER } from '../page-protocol.js';

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;
type Invoke = (channel: string, request: unknown) => Promise<unknown>;
type Report = (violation: CspViolation) => Promise<void>;

const host = window as unknown as Record<string, unknown>;

/** Takes a Playwright binding off `window`, so the renderer sees nothing but `parley`. */
function take<T>(name: string): T {
  const fn = host[name] as T | undefined;
  Reflect.deleteProperty(host, name);
  if (fn === undefined) throw new Error(`e2e harness: the ${name} binding is missing`);
  return fn;
}

function deepFreeze<T extends object>(o: T): T {
  for (const value of Object.values(o)) {
    if (typeof value === 'object' && value !== null) deepFreeze(value as object);
  }
  return Object.freeze(o);
}

function exposeParley(): void {
  const invoke = take<Invoke>(BINDINGS.invoke);
  const listeners = new Map<string, Listener[]>();
  const event = Object.freeze({}) as IpcRendererEvent;

  const ipc = {
    // Electron clones the request with the structured clone algorithm, and throws when it cannot.
    invoke: (channel: string, ...args: unknown[]) => invoke(channel, structuredClone(args[0])),
    on(channel: string, listener: Listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipc;
    },
    removeListener(channel: string, listener: Listener) {
      const list = listeners.get(channel) ?? [];
      const at = list.lastIndexOf(listener);
      if (at >= 0) listeners.set(channel, list.toSpliced(at, 1));
      return ipc;
    },
  };

  Object.defineProperty(window, DELIVER, {
    value: (channel: string, payload: unknown) => {
      for (const listener of listeners.get(channel) ?? []) {
        try {
          listener(event, payload);
        } catch (err) {
          // A listener that throws is an uncaught error in the page, as in Electron.
          reportError(err);
        }
      }
    },
  });

  Object.defineProperty(window, 'parley', {
    value: deepFreeze(
      // A page has no paths for its files: every file goes over as bytes, as pasted ones do in the app.
      buildParleyApi(ipc as unknown as Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, () => null),
    ),
    enumerable: true,
  });
}

function reportCspViolations(): void {
  const report = take<Report>(BINDINGS.csp);
  document.addEventListener(
    'securitypolicyviolation',
    (e) => {
      void report({
        directive: e.effectiveDirective,
        blockedURI: e.blockedURI,
        sourceFile: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
      });
    },
    true,
  );
}

// The preload runs in the top frame only (no nodeIntegrationInSubFrames); so does window.parley.
if (window.top === window) {
  reportCspViolations();
  exposeParley();
}
