import type { ParleyServer } from '@parley/server';
import { formatFingerprint } from '@parley/shared';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDir, uniqueName, until } from '../support/harness.js';
import { LossyProxy } from '../support/lossy-proxy.js';
import { launchBrowser, openApp, type OpenAppOptions, password, saveScreenshot } from './support/index.js';

/*
 * TLS on the sign-in screen and in the main window: the fingerprint to compare on first contact,
 * the loud warning when the key changed (with both keys, and trusting the new one), and the
 * "not private" mark of plain HTTP. The built renderer over the real core, against real servers.
 */

let browser: Browser;
let server: ParleyServer;
const serverDir = tempDir('parley-e2e-tls-');

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer(serverDir, 0, { tls: { mode: 'self-signed' } }),
  ]);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

/** A device whose link relays the TLS bytes untouched, so the page signs in to https://… */
async function tlsApp(options: Omit<OpenAppOptions, 'server' | 'profile'> = {}) {
  const link = await LossyProxy.start({ host: '127.0.0.1', port: server.port }, { opaque: true });
  return openApp(browser, { ...options, profile: { dir: tempDir('parley-e2e-'), link } });
}

async function connect(page: Page, address: string, button = 'Connect'): Promise<void> {
  await page.getByLabel(/Server address|服务器地址/).fill(address);
  await page.getByRole('button', { name: button }).click();
}

async function register(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Create account' }).click();
  const username = uniqueName('tls');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Display name').fill('Tess');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByLabel('Confirm password').press('Enter');
  await page.getByRole('navigation').first().waitFor();
}

const fingerprintsOn = (page: Page) =>
  page.locator('[data-fingerprint]').evaluateAll((els) => els.map((e) => e.getAttribute('data-fingerprint')));

describe('an HTTPS server with its own key', () => {
  it('asks once to compare the fingerprint, then signs in over HTTPS', async () => {
    const app = await tlsApp();
    const { page } = app;
    const fingerprint = server.tls?.fingerprint ?? '';
    // Typed as people type an address, without https:// (the core finds the server speaks TLS).
    await connect(page, app.serverUrl.replace(/^https:\/\//, ''));

    await page.getByRole('heading', { name: 'Check the server’s key' }).waitFor();
    await page.getByText('Check that this matches the fingerprint shown on the server').waitFor();
    expect(await fingerprintsOn(page)).toEqual([fingerprint]);
    // Shown in groups of four, as the server's console prints it.
    const shown = (await page.locator('.fingerprint').innerText()).replace(/\s+/g, ' ').trim();
    expect(shown).toBe(formatFingerprint(fingerprint));
    expect(app.core.tls.pins.get(app.serverUrl)).toBeNull();
    await saveScreenshot(page, 'tls-first-use-light-en');

    // Cancel goes back to the address; nothing was trusted.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await connect(page, app.serverUrl);
    await page.getByRole('button', { name: 'It matches — trust this server' }).click();
    await page.getByRole('tab', { name: 'Log in' }).waitFor();
    expect(app.core.tls.pins.get(app.serverUrl)).toBe(fingerprint);
    expect(await page.getByTestId('not-private').count()).toBe(0);
    await register(page);
    await until(() => app.core.sync.connection === 'online', 15_000, 'online over HTTPS');

    // The first account runs the server: its Administration page shows the same key to read out.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('button', { name: 'Administration' })
      .click();
    await page.getByText('Server key fingerprint (SHA-256)').waitFor();
    expect(await fingerprintsOn(page)).toEqual([fingerprint]);
    await saveScreenshot(page, 'tls-admin-key-light-en');
    expect(app.problems()).toEqual([]);
    await app.close();
  });

  it('warns loudly when the key changed, shows both keys, and comes back once the new one is trusted', async () => {
    const app = await tlsApp({ language: 'zh-CN' });
    const { page } = app;
    const before = server.tls?.fingerprint ?? '';
    app.core.trustServerKey(app.serverUrl, before);
    await page.evaluate((request) => window.parley.session.register(request), {
      serverUrl: app.serverUrl,
      username: uniqueName('tls'),
      displayName: '小林',
      password,
    });
    await until(() => app.core.sync.connection === 'online', 15_000, 'online');
    await page.reload();
    await page.getByRole('navigation').first().waitFor();

    // The server comes back with another key.
    const port = server.port;
    await server.close();
    rmSync(join(serverDir, 'tls'), { recursive: true });
    server = await startServer(serverDir, port, { tls: { mode: 'self-signed' } });
    const after = server.tls?.fingerprint ?? '';

    const banner = page.getByTestId('connection-banner');
    await banner.getByText('服务器的密钥已更改 — 这可能是攻击').waitFor();
    await banner.getByRole('button', { name: '核对密钥…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('你之前信任的密钥').waitFor();
    expect(await fingerprintsOn(page)).toEqual([before, after]);
    await saveScreenshot(page, 'tls-key-changed-light-zh-CN');

    await dialog.getByRole('button', { name: '信任新密钥' }).click();
    await until(() => app.core.sync.connection === 'online', 15_000, 'online with the new key');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => banner.getByText('服务器的密钥已更改').count()).toBe(0);
    expect(app.core.tls.pins.get(app.serverUrl)).toBe(after);
    expect(app.problems()).toEqual([]);
    await app.close();
  });
});

describe('a plain HTTP server', () => {
  it('is marked as not private on the sign-in screen and beside the chat list', async () => {
    const plain = await startServer();
    const app = await openApp(browser, { server: plain, colorScheme: 'dark' });
    const { page } = app;
    await connect(page, app.serverUrl);
    await page.getByRole('tab', { name: 'Log in' }).waitFor();
    await page.locator('.auth-server').getByText('Not private').waitFor();
    await saveScreenshot(page, 'tls-not-private-dark-en');
    await register(page);
    await page.getByTestId('not-private').waitFor();
    await saveScreenshot(page, 'tls-not-private-chats-dark-en');
    expect(app.problems()).toEqual([]);
    await app.close();
    await plain.close();
  });
});
