import {
  ExternalUrl,
  type IpcEventName,
  type IpcEventPayload,
  ipcEventChannel,
  type IpcResult,
  isIpcChannel,
  type ParleyApi,
  type Theme,
} from '@parley/shared';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type Route } from 'playwright-core';
import { afterAll, afterEach, inject } from 'vitest';
import { DesktopCore, type DesktopCoreOptions, type NotifyRequest } from '../../../src/core/desktop-core.js';
import { isFileUrlPath } from '../../../src/core/files/file-responses.js';
import { FocusTracker } from '../../../src/core/focus.js';
import type { HostController } from '../../../src/core/host/host-controller.js';
import { resolveLanguage, type UiLanguage } from '../../../src/core/i18n/shell-text.js';
import { dispatchIpc } from '../../../src/core/ipc/dispatch.js';
import { forwardRendererEvents } from '../../../src/core/ipc/events.js';
import { createIpcHandlers } from '../../../src/core/ipc/handlers.js';
import { cacheLimitBytes, SettingsStore } from '../../../src/core/settings/settings-store.js';
import { FileCredentialStore } from '../../support/file-credentials.js';
import { tempDir } from '../../support/harness.js';
import { LossyProxy } from '../../support/lossy-proxy.js';
import { type E2eBuild, readInitScript } from './build.js';
import { BINDINGS, type CspViolation, DELIVER } from './page-protocol.js';
import { desktopDir } from './paths.js';
import { serveRendererDir, type StaticServer } from './static-server.js';

declare global {
  interface Window {
    /** The preload's API, as the renderer sees it (src/renderer/env.d.ts). */
    readonly parley: ParleyApi;
  }
}

/** Debian's Chromium; PARLEY_E2E_CHROMIUM points elsewhere on other machines. */
export const chromiumPath = process.env.PARLEY_E2E_CHROMIUM ?? '/usr/bin/chromium';

/**
 * One headless Chromium for a test file; each simulated user gets a context of their own.
 * `fakeMedia`: a fake microphone (a beeping tone) that every page may use without asking, as the
 * app's main process allows our own origin.
 */
export function launchBrowser(options: { fakeMedia?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.fakeMedia ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : []),
    ],
  });
}

/** Something that went wrong in a page; each one fails the test unless allowed. */
export interface Problem {
  /** Which app (OpenAppOptions.name). */
  app: string;
  kind: 'console' | 'page-error' | 'csp' | 'network' | 'dialog' | 'crash' | 'harness';
  text: string;
}

/** One "device": its data folder (cache, session, settings) and its own link to the server. */
export interface AppProfile {
  readonly dir: string;
  /** A TCP proxy in front of the server: the core reaches the server only through it. */
  readonly link: LossyProxy;
}

export interface OpenAppOptions {
  /** The server a new profile links to (ignored when `profile` is given). */
  server?: { port: number; host?: string };
  /** Reopen this profile: an app restart on the same device (see ParleyApp.restart). */
  profile?: AppProfile;
  /** A label for problems and screenshots. */
  name?: string;
  /** The operating system's language (the "system" setting resolves to it). Default en. */
  language?: UiLanguage;
  /** Sets the theme setting; by default the profile's setting stays as it is ("system" when new). */
  theme?: Theme;
  /** The operating system's light or dark mode. Default light. */
  colorScheme?: 'light' | 'dark';
  /** Default 1280×800. */
  viewport?: { width: number; height: number };
  /** Whether the window has focus (a focused conversation raises no notifications). Default true. */
  windowFocused?: boolean;
  /** Hosting a server on this computer (test/support/hosting.ts); without it host.* say "unavailable". */
  host?: HostController;
  /** LAN discovery's options (e.g. no interfaces, for a sign-in screen that finds nothing). */
  discovery?: DesktopCoreOptions['discovery'];
  /** Problems this app may have for its whole life without failing a test. */
  allow?: (problem: Problem) => boolean;
  /**
   * What to load: by default the e2e run's build (the global setup's). Required outside vitest (the
   * UI bench builds its own with buildForE2e).
   */
  build?: E2eBuild;
}

/** The Parley window of one device: the built renderer in Chromium over the real desktop core. */
export interface ParleyApp {
  readonly name: string;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly core: DesktopCore;
  readonly settings: SettingsStore;
  readonly focus: FocusTracker;
  readonly profile: AppProfile;
  /** The address to sign in to: the server, through this device's link (goOffline cuts it). */
  readonly serverUrl: string;
  /** Where the renderer is served from (http://127.0.0.1:<port>). */
  readonly origin: string;
  /** Every URL the renderer asked the OS to open (app.openExternal, or a window.open). */
  readonly openedExternal: string[];
  /** Every file the renderer had opened with the system's app (files.open) or shown in its folder. */
  readonly openedPaths: string[];
  readonly shownInFolder: string[];
  /** What the save dialog answers next (files.saveAs): a path, or null as if cancelled. */
  saveDialogAnswer: string | null;
  /** Every notification the core asked the shell to show. */
  readonly notifications: NotifyRequest[];
  /** Every event pushed to the page, in order. */
  readonly sentEvents: { event: IpcEventName; payload: unknown }[];
  /** The core's session resume, started as the app starts (as in the main process). */
  readonly started: Promise<boolean>;
  /** Pushes a contract event to the page as the shell would (e.g. notification.open). */
  emit<E extends IpcEventName>(event: E, payload: IpcEventPayload<E>): void;
  /** Resolves once every event emitted so far has been handed to the page's listeners. */
  eventsDelivered(): Promise<void>;
  setWindowFocused(focused: boolean): void;
  /** This device's network goes down (open connections drop, new ones fail) / comes back. */
  goOffline(): void;
  goOnline(): void;
  /** Lets problems matching `predicate` pass until the end of the current test. */
  allowProblems(predicate: (problem: Problem) => boolean): void;
  /** Problems so far that no allowance covers (the ones that will fail the test). */
  problems(): Problem[];
  /** Closes the window and the core, keeps the profile, and opens the app again on it. */
  restart(options?: Omit<OpenAppOptions, 'profile' | 'server'>): Promise<ParleyApp>;
  /**
   * Closes the window, lets the calls it made finish, then closes the core; the profile's link too
   * unless `keepProfile`. Idempotent.
   */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

const version = (JSON.parse(readFileSync(join(desktopDir, 'package.json'), 'utf8')) as { version: string })
  .version;

let staticServer: Promise<StaticServer> | null = null;
let initScript: string | null = null;
/** Apps opened in this file that a test has not been checked against yet, or that are still open. */
const apps = new Set<App>();
let counter = 0;

function e2eBuild(): E2eBuild {
  const built = inject('parleyE2e') as E2eBuild | undefined;
  if (!built) throw new Error('e2e harness: nothing was built; run e2e files in the e2e vitest project');
  return built;
}

/** A new device: an empty data folder and a link to `server`. */
export async function newProfile(server: { port: number; host?: string }): Promise<AppProfile> {
  const link = await LossyProxy.start({ host: server.host ?? '127.0.0.1', port: server.port });
  return { dir: tempDir('parley-e2e-'), link };
}

/**
 * Opens Parley on one device: a browser context (its own storage, locale and color scheme) with a
 * page loading the built renderer, whose `window.parley` is the preload's API over this process's
 * real DesktopCore, through the same IPC dispatch and event mapping as the main process.
 */
export async function openApp(browser: Browser, options: OpenAppOptions = {}): Promise<ParleyApp> {
  counter += 1;
  const name = options.name ?? `app${counter}`;
  const built = options.build ?? e2eBuild();
  staticServer ??= serveRendererDir(built.rendererDir);
  initScript ??= readInitScript(built);
  const { origin } = await staticServer;
  let profile = options.profile;
  if (!profile) {
    if (!options.server) throw new Error('openApp: give a server (or the profile of an earlier app)');
    profile = await newProfile(options.server);
  }
  mkdirSync(profile.dir, { recursive: true });
  const app = new App(browser, name, origin, profile, options);
  apps.add(app);
  try {
    await app.open(initScript);
  } catch (err) {
    await app.close();
    throw err;
  }
  return app;
}

class App implements ParleyApp {
  readonly core: DesktopCore;
  readonly settings: SettingsStore;
  readonly focus: FocusTracker;
  readonly serverUrl: string;
  readonly openedExternal: string[] = [];
  readonly openedPaths: string[] = [];
  readonly shownInFolder: string[] = [];
  saveDialogAnswer: string | null = null;
  readonly notifications: NotifyRequest[] = [];
  readonly sentEvents: { event: IpcEventName; payload: unknown }[] = [];
  started: Promise<boolean> = Promise.resolve(false);
  context!: BrowserContext;
  page!: Page;
  /** Every problem since the last check, and the ones allowed for the current test. */
  private found: Problem[] = [];
  private testAllowances: ((p: Problem) => boolean)[] = [];
  private delivery: Promise<void> = Promise.resolve();
  /** The page's calls the core is still answering. */
  private readonly calls = new Set<Promise<unknown>>();
  private coreClosed = false;
  private stopForwarding: () => void = () => undefined;
  private closed = false;

  constructor(
    readonly browser: Browser,
    readonly name: string,
    readonly origin: string,
    readonly profile: AppProfile,
    private readonly options: OpenAppOptions,
  ) {
    this.serverUrl = profile.link.url;
    this.settings = new SettingsStore(join(profile.dir, 'settings.json'));
    if (options.theme) this.settings.update({ theme: options.theme });
    this.core = new DesktopCore({
      dataDir: join(profile.dir, 'cache'),
      credentials: new FileCredentialStore(join(profile.dir, 'session.token')),
      deviceName: `Parley e2e ${name}`,
      reconnectDelayMs: 100,
      reconnectDelayMaxMs: 1000,
      ...(options.discovery && { discovery: options.discovery }),
    });
    this.focus = new FocusTracker((id) => {
      this.core.setFocusedConversation(id);
    });
    this.focus.setWindowFocused(options.windowFocused ?? true);
    // What main/settings-effects.ts does for the core.
    this.core.setDoNotDisturb(this.settings.get().doNotDisturb);
    this.core.files.setCacheLimit(cacheLimitBytes(this.settings.get()));
    this.settings.on('changed', (next) => {
      this.core.setDoNotDisturb(next.doNotDisturb);
      this.core.files.setCacheLimit(cacheLimitBytes(next));
    });
    this.core.on('notify', (request) => {
      this.notifications.push(request);
    });
  }

  private get systemLocale(): string {
    return this.options.language === 'zh-CN' ? 'zh-CN' : 'en-US';
  }

  async open(script: string): Promise<void> {
    const viewport = this.options.viewport ?? { width: 1280, height: 800 };
    this.context = await this.browser.newContext({
      viewport,
      locale: this.systemLocale,
      colorScheme: this.options.colorScheme ?? 'light',
      serviceWorkers: 'block',
      acceptDownloads: false,
    });
    await this.context.route('**/*', (route) => this.guard(route));
    await this.context.routeWebSocket(
      () => true,
      (ws) => {
        this.problem('network', `blocked a WebSocket to ${ws.url()}`);
        void ws.close();
      },
    );
    this.page = await this.context.newPage();
    this.watch(this.page);

    const handlers = createIpcHandlers({
      core: this.core,
      settings: this.settings,
      focus: this.focus,
      ...(this.options.host && { host: this.options.host }),
      shell: {
        openExternal: (url) => {
          this.openedExternal.push(url);
          return Promise.resolve();
        },
        appInfo: () => ({
          version,
          platform: process.platform,
          language: resolveLanguage(this.settings.get().language, [this.systemLocale]),
        }),
        rememberLogin: () => true,
        openPath: (path) => {
          this.openedPaths.push(path);
          return Promise.resolve();
        },
        showItemInFolder: (path) => {
          this.shownInFolder.push(path);
        },
        chooseSavePath: () => Promise.resolve(this.saveDialogAnswer),
      },
    });
    // The main process's router: our window's top frame on our origin, then the core's dispatch.
    await this.page.exposeBinding(
      BINDINGS.invoke,
      async (source, channel: unknown, request: unknown): Promise<IpcResult<unknown>> => {
        if (!isIpcChannel(channel)) throw new Error(`No handler registered for '${String(channel)}'`);
        if (source.frame !== this.page.mainFrame() || originOf(source.frame.url()) !== this.origin) {
          return {
            ok: false,
            error: {
              code: 'IPC_FORBIDDEN',
              message: `${channel}: refused a call from a frame that is not Parley's window`,
            },
          };
        }
        if (this.coreClosed) {
          return { ok: false, error: { code: 'INTERNAL', message: `${channel}: the app has closed` } };
        }
        const call = dispatchIpc(channel, handlers, request);
        this.calls.add(call);
        void call.then(() => this.calls.delete(call));
        return call;
      },
    );
    await this.page.exposeBinding(BINDINGS.csp, (_source, v: CspViolation) => {
      this.problem(
        'csp',
        `${v.directive} blocked ${v.blockedURI || '(inline)'} at ${v.sourceFile}:${v.line}`,
      );
    });
    await this.page.addInitScript({ content: script });

    const sources = { core: this.core, settings: this.settings, host: this.options.host };
    this.stopForwarding = forwardRendererEvents(sources, (e, p) => {
      this.emit(e, p);
    });
    // As in the main process: the window starts loading and the core resumes the saved session.
    const loading = this.page.goto(`${this.origin}/index.html`);
    this.started = this.core.start().catch((err: unknown) => {
      this.problem('harness', `the core could not resume its session: ${String(err)}`);
      return false;
    });
    await loading;
  }

  emit<E extends IpcEventName>(event: E, payload: IpcEventPayload<E>): void {
    if (this.closed) return;
    this.sentEvents.push({ event, payload });
    const page = this.page;
    this.delivery = this.delivery
      .then(() =>
        page.evaluate(
          ([deliver, channel, data]) => {
            const fn = (window as unknown as Record<string, unknown>)[deliver];
            if (typeof fn === 'function') (fn as (c: string, p: unknown) => void)(channel, data);
          },
          [DELIVER, ipcEventChannel(event), payload as unknown] as const,
        ),
      )
      .catch((err: unknown) => {
        // A page that is gone or between documents misses the event, as a window would.
        if (page.isClosed() || /context was destroyed|navigat|Target .*closed/i.test(String(err))) return;
        this.problem('harness', `could not deliver ${event}: ${String(err)}`);
      });
  }

  eventsDelivered(): Promise<void> {
    return this.delivery;
  }

  setWindowFocused(focused: boolean): void {
    this.focus.setWindowFocused(focused);
  }

  goOffline(): void {
    this.profile.link.goOffline();
  }

  goOnline(): void {
    this.profile.link.goOnline();
  }

  allowProblems(predicate: (problem: Problem) => boolean): void {
    this.testAllowances.push(predicate);
  }

  problems(): Problem[] {
    return this.found.filter(
      (p) => !(this.options.allow?.(p) ?? false) && !this.testAllowances.some((allow) => allow(p)),
    );
  }

  /** The problems that fail the test that just ran; starts over for the next one. */
  endOfTest(): Problem[] {
    const failing = this.problems();
    this.found = [];
    this.testAllowances = [];
    return failing;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async restart(options: Omit<OpenAppOptions, 'profile' | 'server'> = {}): Promise<ParleyApp> {
    await this.close({ keepProfile: true });
    return openApp(this.browser, { ...this.options, name: this.name, ...options, profile: this.profile });
  }

  async close(options: { keepProfile?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopForwarding();
    await this.delivery;
    // The browser may be gone already (closed by the test file's afterAll), or open() may have
    // failed before there was a context.
    await (this.context as BrowserContext | undefined)?.close().catch(() => undefined);
    // As in the app, where the window goes before the core: the calls the page made before it
    // closed are answered first (to no one), so none of them meets a closed database.
    await Promise.all(this.calls);
    this.coreClosed = true;
    this.core.close();
    if (!options.keepProfile) await this.profile.link.close();
  }

  private async answerFileUrl(route: Route, pathname: string): Promise<void> {
    const request = route.request();
    if (this.coreClosed) {
      await route.abort('failed');
      return;
    }
    const response = await this.core.files.respond({
      method: request.method(),
      pathname,
      headers: new Headers(await request.allHeaders()),
    });
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    });
  }

  private problem(kind: Problem['kind'], text: string): void {
    this.found.push({ app: this.name, kind, text });
  }

  private watch(page: Page): void {
    page.on('console', (msg) => {
      if (msg.type() !== 'error' && msg.type() !== 'assert') return;
      const at = msg.location();
      const where = at.url ? ` (${at.url}:${at.lineNumber})` : '';
      this.problem(msg.text().startsWith('Refused to ') ? 'csp' : 'console', `${msg.text()}${where}`);
    });
    page.on('pageerror', (err) => {
      this.problem('page-error', err.stack ?? err.message);
    });
    page.on('crash', () => {
      this.problem('crash', 'the page crashed');
    });
    page.on('popup', (popup) => {
      void popup.close().catch(() => undefined);
    });
    page.on('dialog', (dialog) => {
      this.problem('dialog', `${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
  }

  /**
   * Nothing leaves the machine: only the renderer's own files load, and its file URLs are answered
   * by this app's core, through the same function as the app's parley://app handler.
   */
  private async guard(route: Route): Promise<void> {
    const request = route.request();
    const url = request.url();
    if (url.startsWith(`${this.origin}/`)) {
      const { pathname } = new URL(url);
      if (isFileUrlPath(pathname)) {
        await this.answerFileUrl(route, pathname);
        return;
      }
      await route.continue();
      return;
    }
    if (opensNewWindow(route)) {
      // The app denies every new window and hands a safe link to the OS (main/security.ts); the
      // window itself is closed on 'popup' (see watch).
      if (ExternalUrl.safeParse(url).success) this.openedExternal.push(url);
      else this.problem('network', `a new window for ${url}, which Parley would not open`);
    } else {
      this.problem('network', `blocked ${request.method()} ${url}`);
    }
    await route.abort('blockedbyclient');
  }
}

/**
 * Whether this is the first navigation of a window the page opened (window.open, a target=_blank
 * link): Playwright has no frame for it yet.
 */
function opensNewWindow(route: Route): boolean {
  const request = route.request();
  if (!request.isNavigationRequest()) return false;
  try {
    request.frame();
    return false;
  } catch {
    return true;
  }
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** After each test: the problems of every app it opened fail it. */
function checkProblems(): void {
  const failing: Problem[] = [];
  for (const app of apps) {
    failing.push(...app.endOfTest());
    if (app.isClosed) apps.delete(app);
  }
  if (failing.length > 0) {
    throw new Error(
      `the page had ${failing.length} problem(s):\n${failing.map((p) => `  [${p.app}] ${p.kind}: ${p.text}`).join('\n')}`,
    );
  }
}

/**
 * Closes every app still open and the server of the renderer's files. Runs after each e2e file;
 * outside vitest (the UI bench), call it when done.
 */
export async function closeApps(): Promise<void> {
  await Promise.all([...apps].map((app) => app.close()));
  apps.clear();
  const server = staticServer;
  staticServer = null;
  if (server) await (await server).close();
}

// Only in a vitest worker: the UI bench (bench/ui) imports this module under plain Node.
if (process.env.VITEST !== undefined) {
  afterEach(checkProblems);
  afterAll(closeApps);
}
