import type { ParleyServer } from '@parley/server';
import { ipcChannels, type IpcResult } from '@parley/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, uniqueName, until } from '../support/harness.js';
import { launchBrowser, openApp, type ParleyApp, saveScreenshot } from './support/index.js';

/*
 * The harness itself, without looking at the UI: the built renderer loads cleanly under the app's
 * CSP, window.parley is the preload's API over the real core, events reach the page, and nothing
 * leaves the machine.
 */

let browser: Browser;
let server: ParleyServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

/** Records every `connection` event the page hears, through window.parley.on. */
async function listenToConnection(page: Page): Promise<void> {
  await page.evaluate(() => {
    const heard: string[] = [];
    Object.assign(window, { heardConnection: heard });
    window.parley.on('connection', ({ state }) => {
      heard.push(state);
    });
  });
}

const heardConnection = (page: Page) =>
  page.evaluate(() => (window as unknown as { heardConnection: string[] }).heardConnection);

async function register(app: ParleyApp, username = uniqueName('e2e')) {
  return app.page.evaluate((request) => window.parley.session.register(request), {
    serverUrl: app.serverUrl,
    username,
    displayName: `E2E ${username}`,
    password: 'correct horse battery',
  });
}

describe('the e2e harness', () => {
  it('loads the built renderer under the app CSP with the preload API and no errors', async () => {
    const app = await openApp(browser, { server });
    // main.tsx renders into index.html's #app once it has asked the core for the settings.
    await expect
      .poll(() => app.page.evaluate(() => document.getElementById('app')?.childElementCount ?? 0))
      .toBeGreaterThan(0);
    const shape = await app.page.evaluate(() => ({
      frozen: Object.isFrozen(window.parley) && Object.isFrozen(window.parley.session),
      methods: Object.entries(window.parley).flatMap(([group, value]) =>
        typeof value === 'function'
          ? [group]
          : Object.entries(value as Record<string, unknown>)
              .filter(([, fn]) => typeof fn === 'function')
              .map(([name]) => `${group}.${name}`),
      ),
      bindings: Object.keys(window).filter((k) => k.startsWith('__parley')),
    }));
    expect(shape.methods.sort()).toEqual([...ipcChannels, 'on', 'pathForFile'].sort());
    // A page's files have no path: they go over as bytes.
    expect(await app.page.evaluate(() => window.parley.pathForFile(new File(['x'], 'a.txt')))).toBeNull();
    // File URLs on the page's own origin are answered by its core (which knows no such file).
    const fileUrl = await app.page.evaluate(async (id) => {
      const res = await fetch(`/files/${id}/thumbnail`);
      return { status: res.status, nosniff: res.headers.get('x-content-type-options') };
    }, crypto.randomUUID());
    expect(fileUrl).toEqual({ status: 404, nosniff: 'nosniff' });
    app.allowProblems((p) => p.kind === 'console' && p.text.includes('404'));
    expect(shape.frozen).toBe(true);
    expect(shape.bindings).toEqual([]);

    expect(await app.page.evaluate(() => window.parley.session.state())).toEqual({
      ok: true,
      data: {
        connection: 'signed-out',
        me: null,
        serverUrl: null,
        rememberLogin: true,
        signedOutReason: null,
      },
    });
    expect(await app.page.evaluate(() => window.parley.app.info())).toMatchObject({
      ok: true,
      data: { language: 'en' },
    });
    await saveScreenshot(app.page, 'harness-first-start');
    expect(app.problems()).toEqual([]);
  });

  it('registers through window.parley in the page: the real core goes online and the page hears it', async () => {
    const app = await openApp(browser, { server });
    await listenToConnection(app.page);
    const username = uniqueName('e2e');
    expect(await register(app, username)).toMatchObject({ ok: true, data: { me: { username } } });
    await until(() => app.core.sync.connection === 'online', 15_000, 'the core online');
    await expect.poll(() => heardConnection(app.page), { timeout: 15_000 }).toContain('online');
    expect(await app.page.evaluate(() => window.parley.session.state())).toMatchObject({
      ok: true,
      data: { connection: 'online', me: { username }, serverUrl: app.serverUrl },
    });
  });

  it('answers a malformed call with IPC_INVALID_REQUEST, as the main process does', async () => {
    const app = await openApp(browser, { server });
    const results = await app.page.evaluate(async () => {
      const api = window.parley as unknown as Record<
        string,
        Record<string, (r?: unknown) => Promise<unknown>>
      >;
      return Promise.all([
        api.messages!.sendText!({ conversationId: 'not-a-uuid', text: 'hi' }),
        api.session!.state!({ verbose: true }),
        api.app!.openExternal!({ url: 'file:///etc/passwd' }),
      ]);
    });
    for (const result of results as IpcResult<unknown>[]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_REQUEST' } });
    }
    expect(app.openedExternal).toEqual([]);
    expect(
      await app.page.evaluate(() => window.parley.app.openExternal({ url: 'https://parley.example/help' })),
    ).toEqual({ ok: true, data: {} });
    expect(app.openedExternal).toEqual(['https://parley.example/help']);
  });

  it('takes one device off the network and back: the page hears the core lose and regain the server', async () => {
    const app = await openApp(browser, { server });
    await register(app);
    await until(() => app.core.sync.connection === 'online', 15_000, 'online');
    await listenToConnection(app.page);

    app.goOffline();
    // The core keeps trying to reconnect while its link is down.
    await expect.poll(() => heardConnection(app.page), { timeout: 15_000 }).toEqual(['connecting']);
    expect(await app.page.evaluate(() => window.parley.session.state())).toMatchObject({
      data: { connection: 'connecting' },
    });
    app.goOnline();
    await expect.poll(() => heardConnection(app.page), { timeout: 15_000 }).toContain('online');
  });

  it('restarts on the same profile and resumes the session', async () => {
    const first = await openApp(browser, { server, language: 'zh-CN' });
    const username = uniqueName('e2e');
    await register(first, username);
    await until(() => first.core.sync.connection === 'online', 15_000, 'online');

    const second = await first.restart();
    expect(first.page.isClosed()).toBe(true);
    expect(await second.started).toBe(true);
    await until(() => second.core.sync.connection === 'online', 15_000, 'online after the restart');
    expect(await second.page.evaluate(() => window.parley.session.state())).toMatchObject({
      data: { connection: 'online', me: { username } },
    });
    expect(await second.page.evaluate(() => window.parley.app.info())).toMatchObject({
      data: { language: 'zh-CN' },
    });
  });

  it('restarts with a call still running without printing errors: the window closes before the core', async () => {
    const app = await openApp(browser, { server });
    await register(app);
    await until(() => app.core.sync.connection === 'online', 15_000, 'online');
    const printed = vi.spyOn(console, 'error');
    try {
      // The server's answers to calls are held back, so the page's call is still running at the restart.
      app.profile.link.filter = (frame) => (frame.startsWith('43') ? { delayMs: 500 } : 'pass');
      await app.page.evaluate(() => {
        void window.parley.people.get({ userIds: [crypto.randomUUID()] });
      });
      await until(() => app.profile.link.delayed.length > 0, 15_000, 'the call held back');
      const again = await app.restart();
      app.profile.link.filter = () => 'pass';
      await until(() => again.core.sync.connection === 'online', 15_000, 'online after the restart');
      expect(printed.mock.calls.map((args) => args.map(String).join(' '))).toEqual([]);
    } finally {
      printed.mockRestore();
    }
  });

  it('lets nothing leave the machine: CSP in the app page, the network guard everywhere else', async () => {
    const app = await openApp(browser, { server });
    const fromApp = await app.page.evaluate(() =>
      fetch('http://192.0.2.1/beacon').then(
        () => 'reached',
        () => 'refused',
      ),
    );
    expect(fromApp).toBe('refused');
    await expect.poll(() => app.problems().map((p) => p.kind)).toContain('csp');

    // A page of the same browser context without the CSP: the request guard stops it instead.
    const other = await app.context.newPage();
    const outcomes = await other.evaluate(async (parleyServer) => {
      const attempt = (url: string) =>
        fetch(url).then(
          () => 'reached',
          () => 'refused',
        );
      return [await attempt('http://192.0.2.1/beacon'), await attempt(`${parleyServer}/api/health`)];
    }, app.serverUrl);
    expect(outcomes).toEqual(['refused', 'refused']);
    const network = app.problems().filter((p) => p.kind === 'network');
    expect(network.map((p) => p.text)).toEqual([
      'blocked GET http://192.0.2.1/beacon',
      `blocked GET ${app.serverUrl}/api/health`,
    ]);
    app.allowProblems((p) => p.text.includes('192.0.2.1') || p.text.includes(app.serverUrl));
    expect(app.problems()).toEqual([]);

    // A new window from the app is refused, and a safe link goes to the OS instead (main/security.ts).
    await app.page.evaluate(() => window.open('https://parley.example/docs', '_blank'));
    await expect.poll(() => app.openedExternal).toEqual(['https://parley.example/docs']);
  });

  it('delivers events the shell raises, such as a clicked notification', async () => {
    const app = await openApp(browser, { server });
    await app.page.evaluate(() => {
      const opened: string[] = [];
      Object.assign(window, { opened });
      window.parley.on('notification.open', ({ conversationId }) => {
        opened.push(conversationId);
      });
    });
    app.emit('notification.open', { conversationId: 'c1' });
    await app.eventsDelivered();
    expect(await app.page.evaluate(() => (window as unknown as { opened: string[] }).opened)).toEqual(['c1']);
  });
});
