import type { ParleyServer } from '@parley/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCore, startServer, uniqueName, until } from '../support/harness.js';
import {
  accessibleDescription,
  launchBrowser,
  openApp,
  type ParleyApp,
  saveScreenshot,
  signUpInPage,
} from './support/index.js';

/*
 * Scenario 5: the theme and the language change through the Settings UI, apply at once, and stay
 * after a restart. Checked on what the page really renders: html[lang], data-theme, the words of
 * the labels and the computed colours.
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

/** Signs up through the page's API, then reloads so the app starts signed in. */
async function signUp(app: ParleyApp, displayName: string, username?: string): Promise<void> {
  await signUpInPage(app, displayName, username);
  await app.page.reload();
}

const htmlState = (page: Page) =>
  page.evaluate(() => ({
    lang: document.documentElement.lang,
    theme: document.documentElement.dataset.theme,
    body: getComputedStyle(document.body).backgroundColor,
    main: getComputedStyle(document.querySelector('.settings-pane') ?? document.body).backgroundColor,
    list: getComputedStyle(document.querySelector('.layout-list') ?? document.body).backgroundColor,
    text: getComputedStyle(document.querySelector('.settings-page-title') ?? document.body).color,
  }));

/** tokens.css: --bg, --bg-list and --text of each theme, as computed colours. */
const light = { body: 'rgb(255, 255, 255)', list: 'rgb(244, 245, 247)', text: 'rgb(28, 31, 36)' };
const dark = { body: 'rgb(26, 29, 35)', list: 'rgb(32, 36, 43)', text: 'rgb(230, 232, 236)' };

describe('appearance through Settings', () => {
  it('switches to dark and to Chinese live, keeps both after a restart, and follows the system again', async () => {
    let app = await openApp(browser, { server, language: 'en', colorScheme: 'light', name: 'look' });
    await signUp(app, 'Lin Wei 林伟');
    let { page } = app;

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('button', { name: 'Appearance' })
      .click();
    await page.getByRole('heading', { name: 'Appearance', level: 1 }).waitFor();
    expect(await htmlState(page)).toMatchObject({ lang: 'en', theme: 'light', ...light });
    expect(await page.getByRole('radio', { name: 'Follow system' }).first().isChecked()).toBe(true);
    await saveScreenshot(page, 'settings-appearance-light-en');

    // Dark: the attribute and every surface change at once, without a reload.
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(() => htmlState(page)).toMatchObject({ lang: 'en', theme: 'dark', ...dark });
    expect(app.settings.get().theme).toBe('dark');
    await saveScreenshot(page, 'settings-appearance-dark-en');

    // 中文: html[lang] and the words change; the same page stays open.
    await page.getByRole('radio', { name: '中文' }).check();
    await expect.poll(() => htmlState(page)).toMatchObject({ lang: 'zh-CN', theme: 'dark', ...dark });
    await page.getByRole('heading', { name: '外观', level: 1 }).waitFor();
    await page.getByRole('button', { name: '设置', exact: true }).waitFor();
    await page.getByRole('button', { name: '通讯录', exact: true }).waitFor();
    const nav = page.getByRole('navigation', { name: '设置' });
    for (const label of ['个人资料', '消息通知', '外观', '通用', '账号与安全', '关于', '退出登录']) {
      await nav.getByRole('button', { name: label }).waitFor();
    }
    expect(await page.getByRole('radio', { name: '深色' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: '中文' }).isChecked()).toBe(true);
    expect(await page.locator('body').textContent()).not.toMatch(/Appearance|Follow system|Theme/);
    expect(app.settings.get().language).toBe('zh-CN');
    await saveScreenshot(page, 'settings-appearance-dark-zh-CN');

    for (const [section, heading] of [
      ['个人资料', '个人资料'],
      ['账号与安全', '账号与安全'],
      ['消息通知', '消息通知'],
    ] as const) {
      await nav.getByRole('button', { name: section }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    }
    await nav.getByRole('button', { name: '账号与安全' }).click();
    await page.getByText('本机').waitFor();
    await saveScreenshot(page, 'settings-security-dark-zh-CN');

    // The choice is the profile's: a restart opens in dark and Chinese, whatever the system says.
    app = await app.restart({ colorScheme: 'light', language: 'en' });
    page = app.page;
    await page.getByRole('button', { name: '设置', exact: true }).click();
    await page.getByRole('navigation', { name: '设置' }).getByRole('button', { name: '外观' }).click();
    await expect.poll(() => htmlState(page)).toMatchObject({ lang: 'zh-CN', theme: 'dark', ...dark });

    // Back to following the system (light, English here), live again.
    const themes = page.getByRole('group', { name: '主题' });
    await themes.getByRole('radio', { name: '跟随系统' }).check();
    await expect.poll(() => htmlState(page)).toMatchObject({ lang: 'zh-CN', theme: 'light', ...light });
    await page.getByRole('radio', { name: 'English' }).check();
    await expect.poll(() => htmlState(page)).toMatchObject({ lang: 'en', theme: 'light', ...light });
    await page.getByRole('heading', { name: 'Appearance', level: 1 }).waitFor();
    await page.getByRole('group', { name: 'Language' }).getByRole('radio', { name: 'Follow system' }).check();
    await expect.poll(() => app.settings.get()).toMatchObject({ language: 'system', theme: 'system' });
    expect(await htmlState(page)).toMatchObject({ lang: 'en', theme: 'light' });
    expect(app.problems()).toEqual([]);
  });

  it('follows the operating system: Chinese and dark on a Chinese, dark system', async () => {
    const app = await openApp(browser, { server, language: 'zh-CN', colorScheme: 'dark', name: 'system' });
    await signUp(app, '周芳');
    const { page } = app;
    await page.getByRole('button', { name: '设置', exact: true }).click();
    await page.getByRole('navigation', { name: '设置' }).getByRole('button', { name: '外观' }).click();
    await expect.poll(() => htmlState(page)).toMatchObject({ lang: 'zh-CN', theme: 'dark', ...dark });
    expect(
      await page.getByRole('group', { name: '主题' }).getByRole('radio', { name: '跟随系统' }).isChecked(),
    ).toBe(true);
    await page.getByRole('radio', { name: '浅色' }).check();
    await expect.poll(() => htmlState(page)).toMatchObject({ lang: 'zh-CN', theme: 'light', ...light });
    await saveScreenshot(page, 'settings-appearance-light-zh-CN');
    expect(app.problems()).toEqual([]);
  });

  it('edits my profile, and changes my password with errors shown at each field', async () => {
    const username = uniqueName('me');
    const app = await openApp(browser, { server, name: 'profile' });
    await signUp(app, 'Lin Wei', username);
    const { page } = app;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'My profile', level: 1 }).waitFor();

    await page.getByLabel('Display name').fill('  Lin Wei 林伟  ');
    await page.getByLabel('Bio').fill('Designs the things you click.');
    await page.getByText('29 / 500').waitFor();
    expect(await accessibleDescription(page.getByLabel('Bio'))).toBe('29 / 500');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Profile saved').waitFor();
    await page.locator('.settings-me-name', { hasText: 'Lin Wei 林伟' }).waitFor();
    expect(await page.getByLabel('Display name').inputValue()).toBe('Lin Wei 林伟');
    expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
    const me = app.core.store.users.get(app.core.sync.me ?? '');
    expect(me).toMatchObject({ displayName: 'Lin Wei 林伟', bio: 'Designs the things you click.' });
    await page.getByLabel('Display name').fill(' ');
    await page.getByText('Enter a display name.').waitFor();
    expect(await accessibleDescription(page.getByLabel('Display name'))).toBe('Enter a display name.');
    expect(await accessibleDescription(page.getByLabel('Username'))).toBe('Your username cannot be changed.');
    await saveScreenshot(page, 'settings-profile-light-en');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Another device of mine, to see in the sessions list.
    const laptop = newCore();
    await laptop.sync.login(app.serverUrl, { username, password: 'correct horse battery' });

    const nav = page.getByRole('navigation', { name: 'Settings' });
    await nav.getByRole('button', { name: 'Account & security' }).click();
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByRole('button', { name: 'Change password' }).click();
    expect(await form.getByText('Required.').count()).toBe(3);

    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password', { exact: true }).fill('short');
    await form.getByLabel('Confirm new password').fill('different');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Use at least 8 characters.').waitFor();
    await form.getByText('The passwords do not match.').waitFor();

    await form.getByLabel('New password', { exact: true }).fill('a new battery staple');
    await form.getByLabel('Confirm new password').fill('a new battery staple');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('The current password is incorrect.').waitFor();
    expect(await form.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibleDescription(form.getByLabel('Current password'))).toBe(
      'The current password is incorrect.',
    );
    expect(await accessibleDescription(form.getByLabel('New password', { exact: true }))).toBe('');
    await saveScreenshot(page, 'settings-password-errors-light-en');

    // Two sessions: this one (marked) and the laptop, which can be revoked from here.
    const sessions = page.getByRole('list', { name: 'Active sessions' });
    await expect.poll(() => sessions.getByRole('listitem').count(), { timeout: 15_000 }).toBe(2);
    await sessions.getByText('This device').waitFor();

    await form.getByLabel('Current password').fill('correct horse battery');
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Your other devices were signed out.').waitFor();
    expect(await form.getByLabel('Current password').inputValue()).toBe('');
    // The new password signs in; the old one no longer does.
    const phone = newCore();
    await phone.sync.login(app.serverUrl, { username, password: 'a new battery staple' });
    const stale = newCore();
    await expect(
      stale.sync.login(app.serverUrl, { username, password: 'correct horse battery' }),
    ).rejects.toThrow();
    stale.close();

    // The change signed the laptop out (the list shows it at once); the phone's session is revoked here.
    await expect.poll(() => sessions.getByRole('listitem').count(), { timeout: 15_000 }).toBe(1);
    await nav.getByRole('button', { name: 'About' }).click();
    await nav.getByRole('button', { name: 'Account & security' }).click();
    await expect.poll(() => sessions.getByRole('listitem').count(), { timeout: 15_000 }).toBe(2);
    await sessions.getByRole('button', { name: /^Revoke / }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => sessions.getByRole('listitem').count(), { timeout: 15_000 }).toBe(1);
    await until(() => phone.sync.connection === 'signed-out', 15_000, 'the phone signed out');
    await saveScreenshot(page, 'settings-security-light-en');
    laptop.close();
    phone.close();

    // Notifications: each switch saves at once; preview, sound and do-not-disturb need notifications on.
    await nav.getByRole('button', { name: 'Notifications' }).click();
    await page.getByRole('switch', { name: 'Do not disturb' }).click();
    await expect.poll(() => app.settings.get().doNotDisturb).toBe(true);
    await page.getByRole('switch', { name: 'Desktop notifications' }).click();
    await expect.poll(() => app.settings.get().notifications).toBe(false);
    expect(await page.getByRole('switch', { name: 'Show message preview' }).isDisabled()).toBe(true);
    await page.getByRole('switch', { name: 'Desktop notifications' }).click();
    await expect.poll(() => app.settings.get().notifications).toBe(true);
    await saveScreenshot(page, 'settings-notifications-light-en');
    await nav.getByRole('button', { name: 'General' }).click();
    await page.getByRole('switch', { name: 'Close to tray' }).click();
    await expect.poll(() => app.settings.get().closeToTray).toBe(false);

    await nav.getByRole('button', { name: 'About' }).click();
    await expect.poll(() => page.getByTestId('app-version').textContent()).toMatch(/^\d+\.\d+\.\d+/);
    expect(app.problems()).toEqual([]);
  });
});
