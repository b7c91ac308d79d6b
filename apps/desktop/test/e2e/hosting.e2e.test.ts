import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../../src/core/desktop-core.js';
import { ownConnections } from '../../src/core/host/own-connection.js';
import { newCore, signUp, until } from '../support/harness.js';
import { freePort, type HostingApp, hostingApp, preferPort } from '../support/hosting.js';
import { launchBrowser, openApp, type ParleyApp, password, saveScreenshot } from './support/index.js';

/*
 * Hosting from the first screen, through the real UI: choose "Host a server on this computer",
 * name it, the real server starts in a child process, create the first account (the administrator)
 * and land signed in; then Settings → Hosting shows the address, who is connected, and stops it.
 */

let browser: Browser;
const hostings: HostingApp[] = [];
const cores: DesktopCore[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of cores) c.close();
  for (const h of hostings) await h.host.shutdown();
  await browser.close();
});

/** A device whose app can host: its link points at the port the server will take. */
async function hostingDevice(
  language: 'en' | 'zh-CN' = 'en',
): Promise<{ app: ParleyApp; hosting: HostingApp }> {
  const port = await freePort();
  let app: ParleyApp | null = null;
  const hosting = hostingApp(undefined, {
    ownConnections: (server) => (app ? ownConnections(app.core)(server) : 0),
  });
  preferPort(hosting, port);
  hostings.push(hosting);
  app = await openApp(browser, { server: { port }, host: hosting.host, language, name: `host-${language}` });
  const opened = app;
  opened.core.on('connection', () => {
    hosting.host.recount();
  });
  return { app: opened, hosting };
}

describe('hosting from the sign-in screen', () => {
  it('starts a server here, makes the first account its administrator, and signs in', async () => {
    const { app, hosting } = await hostingDevice();
    const { page } = app;
    await page.getByRole('heading', { name: 'Connect to your server' }).waitFor();
    await saveScreenshot(page, 'sign-in-host-offer-light-en');
    await page.getByRole('button', { name: 'Host a server on this computer' }).click();
    await page.getByRole('heading', { name: 'Host a server on this computer' }).waitFor();

    // A name is needed; then it starts.
    await page.getByRole('button', { name: 'Start server' }).click();
    await page.getByText('Give the server a name.').waitFor();
    await page.getByLabel('Server name').fill('Design Team');
    await saveScreenshot(page, 'host-step-light-en');
    await page.getByRole('button', { name: 'Start server' }).click();

    // Running: the server shows as any checked server does, and the form asks for the first account.
    await page.getByText('Your server is running. Create the first account').waitFor();
    const status = hosting.host.status();
    expect(status).toMatchObject({ state: 'running', name: 'Design Team' });
    await expect.poll(() => page.locator('.auth-server').textContent()).toContain('Design Team');
    expect(await page.getByRole('tab', { name: 'Create account' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await saveScreenshot(page, 'host-first-account-light-en');

    await page.getByLabel('Username').fill('design_admin');
    await page.getByLabel('Display name').fill('Mei Admin');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Confirm password').fill(password);
    await page.getByLabel('Confirm password').press('Enter');
    await page.getByRole('navigation').first().waitFor();
    await until(() => app.core.sync.connection === 'online', 15_000, 'online');
    expect(app.core.sync.serverUrl).toBe(status.localUrl);
    expect(app.core.store.meta.isAdmin).toBe(true);

    // Settings → Hosting: where people connect, and who is connected (not counting this app).
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('button', { name: 'Hosting' }).click();
    await page.getByText('This computer hosts “Design Team”').waitFor();
    await page.getByText(status.localUrl!, { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('host-connected').textContent()).toBe('0 connected');

    const colleague = newCore();
    cores.push(colleague);
    await signUp(colleague, status.urls[0]!, 'design_colleague');
    await expect.poll(() => page.getByTestId('host-connected').textContent()).toBe('1 connected');
    await saveScreenshot(page, 'settings-hosting-light-en');

    // Stopping asks first: someone is cut off, and this app too.
    await page.getByRole('button', { name: 'Stop hosting' }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop hosting?' });
    await dialog.getByText('1 person will be cut off.').waitFor();
    await dialog.getByText('You are signed in to this server too').waitFor();
    await saveScreenshot(page, 'settings-hosting-stop-light-en');
    await dialog.getByRole('button', { name: 'Stop hosting' }).click();
    await page.getByText('This computer is not hosting a server.').waitFor();
    await until(() => colleague.sync.connection !== 'online', 15_000, 'colleague cut off');
    expect(hosting.settings.get().hosting.enabled).toBe(false);

    // It can start again from here, with the name it had.
    expect(await page.getByLabel('Server name').inputValue()).toBe('Design Team');
    await saveScreenshot(page, 'settings-hosting-stopped-light-en');
    await page.getByRole('button', { name: 'Start server' }).click();
    await page.getByText('This computer hosts “Design Team”').waitFor();
    await until(() => app.core.sync.connection === 'online', 20_000, 'back online');
    expect(app.problems()).toEqual([]);
  });

  it('speaks Chinese', async () => {
    const { app } = await hostingDevice('zh-CN');
    const { page } = app;
    await page.getByRole('button', { name: '在本机托管服务器' }).click();
    await page.getByRole('heading', { name: '在本机托管服务器' }).waitFor();
    await page.getByLabel('服务器名称').fill('研发部');
    await saveScreenshot(page, 'host-step-light-zh');
    await page.getByRole('button', { name: '启动服务器' }).click();
    await page.getByText('服务器已启动。请创建第一个账号').waitFor();
    expect(app.problems()).toEqual([]);
  });
});
