import type { ParleyServer } from '@parley/server';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { befriend, startServer, uniqueName, until } from '../support/harness.js';
import { launchBrowser, openPerson, type Person, saveScreenshot } from './support/index.js';

/*
 * Scenario 2: a group of three, each on their own device (page). Friends are made and the group
 * is created, renamed and trimmed through the People and group UI; the conversation is used through
 * the message UI (mention, reply, react, edit, recall). After each step every page agrees.
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

/** A device with a new account, signed in; `name` is the display name. */
const person = (name: string, options: { language?: 'en' | 'zh-CN'; dark?: boolean } = {}) =>
  openPerson(browser, name, {
    server,
    name: uniqueName('g'),
    language: options.language ?? 'en',
    colorScheme: options.dark ? 'dark' : 'light',
  });

const rail = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Parley' }).getByRole('button', { name, exact: true });

/** The conversation on screen: its message list. */
const messages = (page: Page) => page.locator('[data-message-list]');

const article = (page: Page, text: string | RegExp): Locator =>
  messages(page).getByRole('article').filter({ hasText: text }).last();

/** Opens a conversation from the chat list by its title. */
async function openChat(page: Page, title: string | RegExp): Promise<void> {
  await rail(page, await chatsLabel(page)).click();
  await page.getByRole('listbox').getByRole('option', { name: title }).first().click();
}

async function chatsLabel(page: Page): Promise<string> {
  return (await page.evaluate(() => document.documentElement.lang)) === 'zh-CN' ? '聊天' : 'Chats';
}

function composer(page: Page): Locator {
  return page
    .locator('.composer')
    .getByRole('combobox')
    .or(page.locator('.composer').getByRole('textbox'))
    .first();
}

async function send(page: Page, text: string): Promise<void> {
  const box = composer(page);
  await box.fill(text);
  await box.press('Enter');
}

/** Every page shows `text` in the conversation (a message or a system line). */
async function allSee(people: Person[], text: string | RegExp): Promise<void> {
  for (const p of people) {
    try {
      await expect
        .poll(() => messages(p.page).getByText(text).count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
    } catch (e) {
      await saveScreenshot(p.page, `failed-group-${p.name}`);
      throw e;
    }
  }
}

describe('a group of three', () => {
  it('is made, used and managed through the UI, and every page agrees', async () => {
    const alice = await person('Alice Chen');
    const bob = await person('王小明', { language: 'zh-CN' });
    const carol = await person('Carol Smith', { dark: true });
    const everyone = [alice, bob, carol];

    // Alice finds Bob and asks him to be friends, with a note.
    await rail(alice.page, 'People').click();
    await alice.page.getByRole('button', { name: 'Add friend' }).click();
    await alice.page.getByRole('searchbox', { name: 'Username or name' }).fill(bob.username);
    await alice.page.getByRole('searchbox', { name: 'Username or name' }).press('Enter');
    await alice.page.getByRole('list', { name: 'Search results' }).getByText(`@${bob.username}`).waitFor();
    await saveScreenshot(alice.page, 'people-add-friend-en');
    await alice.page.getByRole('button', { name: `Add ${bob.name} as a friend` }).click();
    await alice.page.getByLabel('Message (optional)').fill('Hi Bob, it is Alice from design');
    await alice.page.getByRole('button', { name: 'Send request' }).click();
    await alice.page.getByText('Requested').waitFor();

    // Bob sees the badge on 通讯录, and accepts in the New friends section.
    await expect.poll(() => rail(bob.page, '通讯录').textContent(), { timeout: 15_000 }).toContain('1');
    await rail(bob.page, '通讯录').click();
    await bob.page.getByText('“Hi Bob, it is Alice from design”').waitFor();
    await saveScreenshot(bob.page, 'people-request-zh-CN');
    await bob.page.getByRole('button', { name: `接受 ${alice.name} 的好友申请` }).click();
    await bob.page
      .getByRole('region', { name: '好友', exact: true })
      .getByRole('button', { name: /Alice Chen/ })
      .waitFor();
    await expect.poll(() => rail(bob.page, '通讯录').textContent()).toBe('');

    // Carol and Alice were friends already (through the API: the UI path is above).
    await befriend(alice.app.core, carol.app.core, carol.id);

    const aliceList = alice.page.getByRole('region', { name: 'Friends', exact: true });
    await aliceList.getByRole('button', { name: /王小明/ }).waitFor({ timeout: 15_000 });
    await aliceList.getByRole('button', { name: /Carol Smith/ }).waitFor({ timeout: 15_000 });
    await aliceList.getByRole('button', { name: /王小明/ }).click();
    await alice.page.getByRole('heading', { name: '王小明', level: 2 }).waitFor();
    await saveScreenshot(alice.page, 'people-profile-en');

    // Alice creates the group from People: a name, two friends picked by filter and checkbox.
    await alice.page.getByRole('button', { name: 'New group' }).click();
    const dialog = alice.page.getByRole('dialog', { name: 'New group' });
    await dialog.getByLabel('Group name').fill('Launch crew');
    await dialog.getByRole('searchbox', { name: 'Search friends' }).fill('carol');
    await dialog.getByRole('checkbox', { name: /Carol Smith/ }).check();
    await dialog.getByRole('searchbox', { name: 'Search friends' }).fill('');
    await dialog.getByRole('checkbox', { name: /王小明/ }).check();
    await dialog.getByText('2 selected').waitFor();
    await saveScreenshot(alice.page, 'group-new-dialog-en');
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await alice.page.getByRole('heading', { name: 'Launch crew', level: 1 }).waitFor();

    // The group shows in Bob's contacts (groups section) as soon as it exists.
    await bob.page
      .getByRole('region', { name: '群聊' })
      .getByRole('button', { name: /Launch crew/ })
      .waitFor();
    await saveScreenshot(bob.page, 'people-zh-CN');
    await openChat(bob.page, /Launch crew/);
    await openChat(carol.page, /Launch crew/);
    await allSee(everyone, /created the group “Launch crew”|创建了群聊/);

    // A mention, picked from the composer's list.
    await composer(alice.page).fill('Welcome @car');
    await alice.page.getByRole('option', { name: /Carol Smith/ }).click();
    await composer(alice.page).pressSequentially(' please share the plan');
    await composer(alice.page).press('Enter');
    await allSee(everyone, /please share the plan/);
    await expect
      .poll(() =>
        article(carol.page, /please share the plan/)
          .locator('.msg-mention, [class*=mention]')
          .count(),
      )
      .toBeGreaterThan(0);

    // Carol replies to it.
    const welcome = article(carol.page, /please share the plan/);
    await welcome.hover();
    await welcome.getByRole('button', { name: 'Reply' }).click();
    await send(carol.page, 'Plan is in the drive');
    await allSee(everyone, 'Plan is in the drive');
    for (const p of everyone) {
      await expect
        .poll(() => article(p.page, 'Plan is in the drive').textContent(), { timeout: 15_000 })
        .toMatch(/please share the plan/);
    }

    // Bob reacts to Carol's reply.
    const reply = article(bob.page, 'Plan is in the drive');
    await reply.click({ button: 'right' });
    await bob.page
      .getByRole('menuitem', { name: '用 👍 回应' })
      .or(bob.page.getByRole('menuitem', { name: /👍/ }))
      .first()
      .click();
    for (const p of everyone) {
      await expect
        .poll(() => article(p.page, 'Plan is in the drive').getByRole('button', { name: /👍/ }).count(), {
          timeout: 15_000,
        })
        .toBe(1);
    }

    // Alice edits her welcome.
    const mine = messages(alice.page)
      .locator('.msg-own')
      .filter({ hasText: /please share the plan/ });
    await mine.click({ button: 'right' });
    await alice.page.getByRole('menuitem', { name: 'Edit' }).click();
    await composer(alice.page).fill('Welcome both, please share the plan today');
    await composer(alice.page).press('Enter');
    await allSee(everyone, /share the plan today/);

    // Bob sends something and recalls it.
    await send(bob.page, 'oops wrong group');
    await allSee(everyone, 'oops wrong group');
    await article(bob.page, 'oops wrong group').click({ button: 'right' });
    await bob.page.getByRole('menuitem', { name: /撤回/ }).click();
    await bob.page.getByRole('dialog').getByRole('button', { name: /撤回/ }).click();
    for (const p of everyone) {
      await expect
        .poll(() => messages(p.page).getByText('oops wrong group').count(), { timeout: 15_000 })
        .toBe(0);
    }
    await allSee([alice, carol], /王小明 recalled a message/);

    // Alice renames the group in its info panel.
    await alice.page.getByRole('button', { name: 'Group info' }).first().click();
    const panel = alice.page.getByRole('region', { name: 'Group info' });
    await panel.getByRole('button', { name: 'Rename group' }).click();
    await panel.getByLabel('Group name').fill('Launch crew 🚀');
    await panel.getByLabel('Group name').press('Enter');
    await panel.getByRole('heading', { name: 'Launch crew 🚀' }).waitFor();
    for (const p of everyone) {
      await p.page.locator('.conv-title', { hasText: 'Launch crew 🚀' }).waitFor({ timeout: 15_000 });
    }
    await allSee(everyone, /Launch crew 🚀/);

    // Owner badge, and only the owner's actions in each member's menu.
    const members = panel.getByRole('list', { name: 'Members' });
    await members.getByText('Owner').waitFor();
    await panel.getByRole('button', { name: 'Actions for Carol Smith' }).click();
    const menu = alice.page.getByRole('menu', { name: 'Actions for Carol Smith' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Make admin',
      'Transfer ownership',
      'Remove from group',
    ]);
    await saveScreenshot(alice.page, 'group-info-menu-en');
    await menu.getByRole('menuitem', { name: 'Remove from group' }).click();
    await alice.page
      .getByRole('dialog', { name: 'Remove Carol Smith from the group?' })
      .getByRole('button', {
        name: 'Remove from group',
      })
      .click();
    await members.getByText('Carol Smith').waitFor({ state: 'detached' });
    await panel.getByRole('heading', { name: 'Members · 2' }).waitFor();
    await saveScreenshot(alice.page, 'group-info-en');

    // A member's profile opens in the panel; Esc closes it.
    await members.getByRole('button', { name: '王小明', exact: true }).click();
    const profile = alice.page.getByRole('region', { name: 'Profile' });
    await profile.getByRole('heading', { name: '王小明' }).waitFor();
    await profile.getByRole('button', { name: 'Message' }).waitFor();
    await saveScreenshot(alice.page, 'profile-panel-en');
    await alice.page.keyboard.press('Escape');
    await profile.waitFor({ state: 'detached' });

    // Bob (a member) and Carol (removed) agree: two members, and Carol can no longer write.
    await allSee(everyone, /removed Carol Smith|将“Carol Smith”移出了群聊|Alice Chen removed you/);
    await bob.page.getByRole('button', { name: '群聊信息' }).first().click();
    const bobPanel = bob.page.getByRole('region', { name: '群聊信息' });
    await bobPanel.getByRole('heading', { name: '群成员 · 2' }).waitFor({ timeout: 15_000 });
    expect(await bobPanel.getByRole('button', { name: /对 .* 的操作/ }).count()).toBe(0);
    await bobPanel.getByRole('button', { name: '退出群聊' }).waitFor();
    // Bob's own preference: muted for him only.
    await bobPanel.getByRole('switch', { name: '消息免打扰' }).click();
    await expect
      .poll(() => bobPanel.getByRole('switch', { name: '消息免打扰' }).getAttribute('aria-checked'))
      .toBe('true');
    const groupId = alice.app.core.conversations().find((c) => c.kind === 'group')?.id;
    await until(
      () => bob.app.core.conversations().find((c) => c.id === groupId)?.muted === true,
      15_000,
      'muted',
    );
    expect(alice.app.core.conversations().find((c) => c.id === groupId)?.muted).toBe(false);
    await saveScreenshot(bob.page, 'group-info-member-zh-CN');

    await carol.page.getByText('You were removed from this group.').first().waitFor({ timeout: 15_000 });
    expect(await carol.page.locator('.composer').getByRole('combobox').count()).toBe(0);
    await carol.page.getByRole('button', { name: 'Group info' }).first().click();
    await carol.page
      .getByRole('region', { name: 'Group info' })
      .getByText('You were removed from this group.')
      .waitFor();
    await saveScreenshot(carol.page, 'group-info-removed-dark-en');

    // Bob leaves; then Alice, alone, dissolves the group, and it turns read-only.
    await bobPanel.getByRole('button', { name: '退出群聊' }).click();
    await bob.page
      .getByRole('dialog', { name: '退出“Launch crew 🚀”？' })
      .getByRole('button', { name: '退出群聊' })
      .click();
    await allSee([alice], /王小明 left the group/);
    await alice.page.getByRole('button', { name: 'Group info' }).first().click();
    await panel.getByRole('heading', { name: 'Members · 1' }).waitFor();
    await panel.getByRole('button', { name: 'Dissolve group' }).click();
    await alice.page
      .getByRole('dialog', { name: 'Dissolve “Launch crew 🚀”?' })
      .getByRole('button', { name: 'Dissolve group' })
      .click();
    await panel.getByText('This group has been dissolved. Its history is read-only.').waitFor();
    expect(await panel.getByRole('button', { name: 'Rename group' }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Add members' }).count()).toBe(0);
    await allSee([alice], /You dissolved the group/);
    await saveScreenshot(alice.page, 'group-info-dissolved-en');

    // Carol's contacts, in the dark theme: Alice is still her friend; the group is gone from her list.
    await rail(carol.page, 'People').click();
    await carol.page
      .getByRole('region', { name: 'Friends', exact: true })
      .getByRole('button', { name: /Alice Chen/ })
      .click();
    await carol.page.getByRole('heading', { name: 'Alice Chen', level: 2 }).waitFor();
    expect(await carol.page.getByRole('region', { name: 'Groups' }).count()).toBe(0);
    await saveScreenshot(carol.page, 'people-dark-en');

    for (const p of everyone) expect(p.app.problems()).toEqual([]);
  });
});
