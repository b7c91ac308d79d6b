import type { ParleyServer } from '@parley/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, uniqueName, until } from '../support/harness.js';
import {
  accessibleDescription,
  launchBrowser,
  openApp,
  openPerson,
  type ParleyApp,
  password,
  type Person,
  saveScreenshot,
} from './support/index.js';

/*
 * Administration through the real UI: the first account on a new server administers it, sees the
 * Administration section, hands out an invite code and makes registration invite-only; a second
 * window cannot register without the code and can with it; disabling that account signs its window
 * out at once, saying why. A reset password is replaced at the next login. The admin screens in
 * both themes and both languages.
 */

let browser: Browser;
let server: ParleyServer;
let admin: Person;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  // The server's first account: its administrator.
  admin = await openPerson(browser, 'Ada Admin', { server, name: 'admin', language: 'en', theme: 'light' });
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

async function openAdministration(page: Page, words = { settings: 'Settings', admin: 'Administration' }) {
  await page.getByRole('button', { name: words.settings, exact: true }).click();
  await page
    .getByRole('navigation', { name: words.settings })
    .getByRole('button', { name: words.admin })
    .click();
  await page.getByRole('heading', { name: words.admin, level: 1 }).waitFor();
}

/** Step 1 of the sign-in screen, then the Create account tab. */
async function toRegistration(app: ParleyApp): Promise<void> {
  await app.page.getByLabel('Server address').fill(app.serverUrl.replace(/^http:\/\//, ''));
  await app.page.getByRole('button', { name: 'Connect' }).click();
  await app.page.getByRole('tab', { name: 'Create account' }).click();
}

async function fillAccount(page: Page, username: string, displayName: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
}

const userRow = (page: Page, displayName: string) =>
  page.getByRole('list', { name: 'Users' }).getByRole('listitem').filter({ hasText: displayName });

describe('administration', () => {
  it('invite-only registration, then disabling an account signs its window out at once', async () => {
    const { page } = admin;
    // Only an administrator has the section; the first account is one.
    expect(admin.app.core.store.meta.isAdmin).toBe(true);
    await openAdministration(page);

    // An invite code for one account, valid for a day.
    await page.getByLabel('Expires after').selectOption({ label: '1 day' });
    await page.getByLabel('Can be used').selectOption({ label: 'Once' });
    await page.getByRole('button', { name: 'Create invite code' }).click();
    const invites = page.getByRole('list', { name: 'Invite codes' });
    const code = (await invites.getByRole('listitem').first().locator('code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await invites.getByText('0 of 1 used').waitFor();

    await page.getByRole('radio', { name: /Invite code/ }).check();
    await page.getByText('Registration: Invite code').waitFor();
    await until(() => admin.app.core.sync.serverInfo?.registration === 'invite', 10_000, 'the policy push');

    // Someone new: the form asks for the code, refuses a wrong one, takes the right one.
    const guest = await openApp(browser, { server, name: 'guest', language: 'en' });
    await toRegistration(guest);
    const username = uniqueName('guest');
    await fillAccount(guest.page, username, 'Gus Guest');
    await guest.page.getByRole('tabpanel').getByRole('button', { name: 'Create account' }).click();
    await guest.page.getByText('Enter the invite code you were given.').waitFor();
    await guest.page.getByLabel('Invite code').fill('ABCD-EFGH-JKMN');
    await guest.page.getByRole('tabpanel').getByRole('button', { name: 'Create account' }).click();
    await guest.page.getByText('This invite code is not valid').waitFor();
    await saveScreenshot(guest.page, 'admin-invite-refused-light-en');
    await guest.page.getByLabel('Invite code').fill(code.toLowerCase());
    await guest.page.getByRole('tabpanel').getByRole('button', { name: 'Create account' }).click();
    await guest.page.getByText('No conversations yet').waitFor();
    await until(() => guest.core.sync.connection === 'online', 15_000, 'the guest online');
    expect(guest.core.store.meta.isAdmin).toBe(false);
    await guest.page.getByRole('button', { name: 'Settings', exact: true }).click();
    expect(
      await guest.page
        .getByRole('navigation', { name: 'Settings' })
        .getByRole('button', { name: 'Administration' })
        .count(),
    ).toBe(0);

    // The admin disables the new account: its window is back at the sign-in screen, saying why.
    await page.getByLabel('Search users').fill(username);
    const row = userRow(page, 'Gus Guest');
    await row.getByText('Online').waitFor();
    await row.getByRole('button', { name: 'Disable' }).click();
    const confirm = page.getByRole('dialog', { name: 'Disable Gus Guest?' });
    await saveScreenshot(page, 'admin-disable-confirm-light-en');
    await confirm.getByRole('button', { name: 'Disable' }).click();
    await row.getByText('Disabled').waitFor();
    await guest.page
      .getByRole('alert')
      .filter({ hasText: 'An administrator disabled your account, so this device was signed out.' })
      .waitFor({ timeout: 10_000 });
    await saveScreenshot(guest.page, 'admin-disabled-signed-out-light-en');
    expect(guest.core.signedOutReason).toBe('account_disabled');

    // Logging in again is refused, with the reason.
    await guest.page.getByLabel('Username').fill(username);
    await guest.page.getByLabel('Password').fill(password);
    await guest.page.getByLabel('Password').press('Enter');
    await guest.page.getByText('An administrator disabled this account.').waitFor();
    expect(admin.app.problems()).toEqual([]);
    expect(guest.problems()).toEqual([]);
    await guest.close();
    await page.getByRole('radio', { name: /Open/ }).check();
    await page.getByText('Registration: Open').waitFor();
  });

  it('a reset password is shown once, and replaced at the next login before anything else', async () => {
    const member = await openPerson(browser, 'Mo Member', { server, name: 'member', language: 'en' });
    const { page } = admin;
    await openAdministration(page);
    await page.getByLabel('Search users').fill(member.username);
    await userRow(page, 'Mo Member').getByRole('button', { name: 'Reset password' }).click();
    await page
      .getByRole('dialog', { name: 'Reset the password of Mo Member?' })
      .getByRole('button', { name: 'Reset password' })
      .click();
    const shown = page.getByRole('dialog', { name: 'Temporary password for Mo Member' });
    const temporary = await shown.getByLabel('Temporary password').inputValue();
    expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    await saveScreenshot(page, 'admin-temporary-password-light-en');
    await shown.getByRole('button', { name: 'Done' }).click();
    await userRow(page, 'Mo Member').getByText('New password pending').waitFor();

    await member.page
      .getByRole('alert')
      .filter({ hasText: 'An administrator reset your password.' })
      .waitFor({ timeout: 10_000 });
    await member.page.getByLabel('Username').fill(member.username);
    await member.page.getByLabel('Password').fill(temporary);
    await member.page.getByLabel('Password').press('Enter');
    await member.page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(member.app.core.sync.connection).toBe('signed-out');
    await member.page.getByLabel('New password', { exact: true }).fill('my own new passphrase');
    await member.page.getByLabel('Confirm new password').fill('my own new passphrase');
    await saveScreenshot(member.page, 'admin-choose-new-password-light-en');
    await member.page.getByRole('button', { name: 'Set password and continue' }).click();
    await member.page.getByText('No conversations yet').waitFor();
    await until(() => member.app.core.sync.connection === 'online', 15_000, 'online with the new password');
    // The list is read again (a new search): the reset is done.
    await page.getByLabel('Search users').fill('');
    await page.getByLabel('Search users').fill(member.username);
    await userRow(page, 'Mo Member').getByText('Online').waitFor();
    expect(await userRow(page, 'Mo Member').getByText('New password pending').count()).toBe(0);
    expect(member.app.problems()).toEqual([]);
    await member.app.close();
  });

  it('the announcement reaches everyone’s chat list, and the admin screens read well in both themes and languages', async () => {
    const reader = await openPerson(browser, 'Rui Reader', {
      server,
      name: 'reader',
      language: 'zh-CN',
      theme: 'dark',
    });
    const { page } = admin;
    await openAdministration(page);
    // An error replaces the field's hint, for the eye and for a screen reader.
    const serverName = page.getByLabel('Server name');
    expect(await accessibleDescription(serverName)).toBe('Shown to everyone, and on the sign-in screen.');
    await serverName.fill(' ');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByText('Enter a name.').waitFor();
    expect(await accessibleDescription(serverName)).toBe('Enter a name.');
    expect(await accessibleDescription(page.getByLabel('Announcement'))).toMatch(
      /^Shown above everyone’s chat list\. Leave it empty for none\. \d+ \/ 1000$/,
    );
    await serverName.fill('Acme 研发部');
    await page
      .getByLabel('Announcement')
      .fill('The server restarts on Friday at 18:00.\n周五 18:00 服务器重启。');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByText('Server settings saved').waitFor();
    const banner = reader.page.getByRole('complementary', { name: '来自 Acme 研发部 的公告' });
    await banner.getByText('周五 18:00 服务器重启。').waitFor({ timeout: 10_000 });
    await saveScreenshot(reader.page, 'admin-announcement-dark-zh-CN');
    await banner.getByRole('button', { name: '隐藏公告' }).click();
    await banner.waitFor({ state: 'detached' });
    await reader.app.close();

    let app = admin.app;
    for (const look of [
      { language: 'en', theme: 'light', words: { settings: 'Settings', admin: 'Administration' } },
      { language: 'en', theme: 'dark', words: { settings: 'Settings', admin: 'Administration' } },
      { language: 'zh-CN', theme: 'light', words: { settings: '设置', admin: '管理' } },
      { language: 'zh-CN', theme: 'dark', words: { settings: '设置', admin: '管理' } },
    ] as const) {
      app = await app.restart({
        language: look.language,
        theme: look.theme,
        viewport: { width: 1280, height: 1400 },
      });
      await app.page.getByRole('navigation').first().waitFor();
      await openAdministration(app.page, look.words);
      await app.page.getByRole('list', { name: look.language === 'en' ? 'Users' : '用户' }).waitFor();
      await saveScreenshot(app.page, `admin-page-${look.theme}-${look.language}`);
      expect(app.problems()).toEqual([]);
    }
  });
});
