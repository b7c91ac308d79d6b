import type { ParleyServer } from '@parley/server';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../server/test/support/client.js';
import { startServer, uniqueName, until } from '../support/harness.js';
import {
  launchBrowser,
  type OpenAppOptions,
  openApp,
  type ParleyApp,
  saveScreenshot,
} from './support/index.js';

/*
 * A group of three (two apps and a member straight on the server): @mentions from the composer's
 * list, replies, reactions, editing with Up, recalling, system lines and "read by".
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

interface Person {
  app: ParleyApp;
  id: string;
  name: string;
}

async function person(label: string, displayName: string, options: OpenAppOptions): Promise<Person> {
  const app = await openApp(browser, { server, name: label, ...options });
  const result = await app.page.evaluate((request) => window.parley.session.register(request), {
    serverUrl: app.serverUrl,
    username: uniqueName(label),
    displayName,
    password: 'correct horse battery',
  });
  if (!result.ok) throw new Error(`register: ${result.error.message}`);
  await until(() => app.core.sync.connection === 'online', 15_000, `${label} online`);
  await app.page.reload();
  await app.page.getByRole('navigation').waitFor();
  return { app, id: result.data.me.id, name: displayName };
}

const message = (view: Locator, text: string) => view.getByRole('article').filter({ hasText: text });

describe('a group conversation', () => {
  it('mentions, replies, reactions, edits and recalls through the UI', async () => {
    const alice = await person('alice', 'Alice Chen', { language: 'en', theme: 'light' });
    const bob = await person('bob', '王小明', { language: 'zh-CN', theme: 'dark' });
    const carol = await newUser(server.url);

    // Alice befriends both and makes the group.
    for (const other of [bob.app]) {
      const r = await other.page.evaluate((userId) => window.parley.friends.request({ userId }), alice.id);
      if (!r.ok) throw new Error(r.error.message);
      await until(
        () => alice.app.core.store.social.requests('incoming').some((q) => q.id === r.data.request.id),
        15_000,
        'the request',
      );
      await alice.app.page.evaluate(
        (requestId) => window.parley.friends.accept({ requestId }),
        r.data.request.id,
      );
    }
    const { request } = await carol.rpc('friends.request', { userId: alice.id });
    await until(
      () => alice.app.core.store.social.requests('incoming').some((q) => q.id === request.id),
      15_000,
      'the request from Carol',
    );
    await alice.app.page.evaluate((requestId) => window.parley.friends.accept({ requestId }), request.id);
    const created = await alice.app.page.evaluate(
      (memberIds) => window.parley.groups.create({ name: 'Launch crew 发布小组', memberIds }),
      [bob.id, carol.userId],
    );
    if (!created.ok) throw new Error(created.error.message);
    const conversationId = created.data.conversationId;
    await carol.send(conversationId, 'Morning all! Agenda is in the doc.');

    const open = async (p: Person) => {
      await p.app.page.locator(`[data-conversation-id="${conversationId}"]`).click();
      const view = p.app.page.getByRole('region', { name: 'Launch crew 发布小组' });
      await message(view, 'Agenda is in the doc').waitFor({ timeout: 15_000 });
      return view;
    };
    const atAlice = await open(alice);
    const atBob = await open(bob);
    expect(await atAlice.getByText('3 members').count()).toBe(1);
    await atAlice
      .getByRole('note')
      .filter({ hasText: 'You created the group “Launch crew 发布小组”' })
      .waitFor();
    await atBob
      .getByRole('note')
      .filter({ hasText: '“Alice Chen”创建了群聊“Launch crew 发布小组”' })
      .waitFor();

    // Bob mentions Alice from the list under "@".
    const bobInput = atBob.getByRole('combobox', { name: '消息' });
    await bobInput.pressSequentially('@Ali', { delay: 20 });
    const suggestions = bob.app.page.getByRole('listbox', { name: '选择要@的人' });
    await suggestions.getByRole('option', { name: /Alice Chen/ }).waitFor();
    await bobInput.press('Enter');
    expect(await bobInput.inputValue()).toBe('@Alice Chen ');
    await bobInput.pressSequentially('can you review the plan?', { delay: 5 });
    await bobInput.press('Enter');
    const question = message(atAlice, 'can you review the plan?').first();
    await question.waitFor({ timeout: 15_000 });
    expect(await question.locator('.msg-mention-me').innerText()).toBe('@Alice Chen');

    // Alice replies to it from the hover toolbar, and reacts.
    await question.hover();
    await question.getByRole('button', { name: 'Reply' }).click();
    await atAlice.getByText('Replying to 王小明').waitFor();
    const aliceInput = atAlice.getByRole('combobox', { name: 'Message' });
    await aliceInput.fill('Sure, on it after lunch.');
    await aliceInput.press('Enter');
    const answer = message(atBob, 'on it after lunch');
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.getByRole('button', { name: /回复 Alice Chen|王小明/ }).count()).toBe(1);

    await question.hover();
    await question.getByRole('button', { name: 'Add reaction' }).click();
    await alice.app.page.getByRole('button', { name: 'React with 👍' }).click();
    await message(atBob, 'can you review the plan?')
      .first()
      .getByRole('button', { name: /表情回应 👍，1 人/ })
      .waitFor({ timeout: 15_000 });

    // Bob fixes his question with Up in the empty composer.
    await bobInput.press('ArrowUp');
    expect(await bobInput.inputValue()).toBe('@Alice Chen can you review the plan?');
    await bobInput.press('End');
    await bobInput.pressSequentially(' By Friday please.', { delay: 5 });
    await bobInput.press('Enter');
    await message(atAlice, 'By Friday please.').first().getByText('(edited)').waitFor({ timeout: 15_000 });

    // Alice sends one by mistake and recalls it from the right-click menu.
    await aliceInput.fill('oops, wrong group');
    await aliceInput.press('Enter');
    const mistake = message(atAlice, 'oops, wrong group');
    await mistake
      .getByRole('img', { name: 'Delivered' })
      .or(mistake.getByRole('button', { name: /Read by/ }))
      .first()
      .waitFor({ timeout: 15_000 });
    await mistake.click({ button: 'right' });
    await alice.app.page.getByRole('menu', { name: 'Message menu' }).waitFor();
    await saveScreenshot(alice.app.page, 'conversation-menu-en-light');
    await alice.app.page.getByRole('menuitem', { name: 'Recall' }).click();
    await alice.app.page
      .getByRole('dialog', { name: 'Recall this message?' })
      .getByRole('button', { name: 'Recall' })
      .click();
    await atAlice.getByText('You recalled a message').waitFor({ timeout: 15_000 });
    await atBob.getByText('“Alice Chen”撤回了一条消息').waitFor({ timeout: 15_000 });

    // Bob has read Alice's answer; Carol has not: "Read by 1", and the list says who.
    const readBy = message(atAlice, 'on it after lunch').getByRole('button', { name: 'Read by 1' });
    await readBy.waitFor({ timeout: 15_000 });
    await readBy.click();
    await alice.app.page.getByRole('dialog', { name: 'Read by' }).getByText('王小明').waitFor();
    await alice.app.page.keyboard.press('Escape');

    // A rename (from Alice's IPC, as the group panel does it) shows as a line for both.
    const renamed = await alice.app.page.evaluate(
      (id) => window.parley.groups.rename({ conversationId: id, name: 'Launch crew 发布小组 v2' }),
      conversationId,
    );
    expect(renamed).toMatchObject({ ok: true });
    await bob.app.page
      .getByRole('region', { name: 'Launch crew 发布小组 v2' })
      .getByRole('note')
      .filter({ hasText: '“Alice Chen”修改群名为“Launch crew 发布小组 v2”' })
      .waitFor({ timeout: 15_000 });

    await saveScreenshot(alice.app.page, 'conversation-group-en-light');
    await saveScreenshot(bob.app.page, 'conversation-group-zh-CN-dark');

    // The emoji picker, searching in Chinese.
    const bobView = bob.app.page.getByRole('region', { name: 'Launch crew 发布小组 v2' });
    await bobView.getByRole('button', { name: '表情', exact: true }).click();
    const picker = bob.app.page.getByRole('dialog', { name: '表情', exact: true });
    await picker.getByRole('searchbox', { name: '搜索表情' }).fill('猫');
    await picker.getByRole('button', { name: '猫脸' }).waitFor();
    await saveScreenshot(bob.app.page, 'conversation-emoji-picker-zh-CN-dark');
    await picker.getByRole('button', { name: '猫脸' }).click();
    expect(await bobView.getByRole('combobox', { name: '消息' }).inputValue()).toBe('🐱');

    // A file picked for the conversation waits as a chip (sending files comes with a later version).
    await bobView.locator('input[type="file"]').setInputFiles({
      name: '发布计划 final v3.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(245_760),
    });
    await bobView.getByText('发送文件功能将在后续版本中推出。').waitFor();
    await message(bobView, 'on it after lunch').hover();
    await message(bobView, 'on it after lunch').getByRole('button', { name: '回复', exact: true }).click();
    await bobView.getByText('回复 Alice Chen').waitFor();
    await saveScreenshot(bob.app.page, 'conversation-composer-zh-CN-dark');
    await bobView.getByRole('button', { name: '移除 发布计划 final v3.pdf' }).click();
    await expect.poll(() => bobView.getByText('发送文件功能将在后续版本中推出。').count()).toBe(0);
    carol.close();
  });
});
