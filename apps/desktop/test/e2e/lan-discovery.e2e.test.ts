import type { ParleyServer } from '@parley/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDir, uniqueName } from '../support/harness.js';
import { launchBrowser, openApp, saveScreenshot } from './support/index.js';

/*
 * The sign-in screen's list of servers on the LAN: a real server announcing on this machine, found
 * by the app's own core (multicast loops back to local sockets), picked with one click.
 */

let browser: Browser;
let server: ParleyServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer(tempDir('parley-server-'), 0, {
      host: '0.0.0.0',
      announce: true,
      serverName: uniqueName('Team '),
    }),
  ]);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('servers on the LAN', () => {
  it('are listed live on the sign-in screen; picking one connects to it, and browsing stops', async () => {
    const app = await openApp(browser, { server });
    const { page } = app;
    const name = server.config.serverName;
    const entry = page.getByRole('button', { name: new RegExp(name) });
    await entry.waitFor();
    expect(app.core.discovery.running).toBe(true);
    await expect.poll(() => entry.textContent()).toContain('not private (http)');
    await expect.poll(() => entry.textContent()).toContain(`:${server.port}`);
    await saveScreenshot(page, 'sign-in-discovered-light-en');

    await entry.click();
    await page.getByRole('tab', { name: 'Log in' }).waitFor();
    await expect.poll(() => page.locator('.auth-server').textContent()).toContain(name);
    // The address field holds what was picked, for "Change".
    await page.getByRole('button', { name: 'Change' }).click();
    expect(await page.getByLabel('Server address').inputValue()).toMatch(
      new RegExp(`^http://[^/]+:${server.port}$`),
    );
    await page.getByRole('tab', { name: 'Log in' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: new RegExp(name) }).click();
    await page.getByRole('tab', { name: 'Log in' }).waitFor();
    // Off the server step, nothing browses.
    await expect.poll(() => app.core.discovery.running).toBe(false);
    expect(app.problems()).toEqual([]);
  });

  it('says it is looking while nothing is found, in Chinese too', async () => {
    // No interface to browse on: the list stays empty whatever else runs on this network.
    const app = await openApp(browser, {
      server,
      language: 'zh-CN',
      colorScheme: 'dark',
      discovery: { interfaces: [] },
    });
    const { page } = app;
    await page.getByText('局域网中的服务器').waitFor();
    await page.getByText('正在查找局域网中的 Parley 服务器…').waitFor();
    await saveScreenshot(page, 'sign-in-looking-dark-zh');
    expect(app.problems()).toEqual([]);
  });
});
