import type { ParleyServer } from '@parley/server';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type TestClient } from '../../../server/test/support/client.js';
import { startServer, until } from '../support/harness.js';
import {
  befriendInPages,
  launchBrowser,
  type OpenAppOptions,
  openPerson,
  type Person,
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

const person = (name: string, displayName: string, options: OpenAppOptions) =>
  openPerson(browser, displayName, { server, name, ...options });

const message = (view: Locator, text: string) => view.getByRole('article').filter({ hasText: text });

/** A direct conversation between `p` and someone straight on the server, with nothing unread. */
async function directWithStranger(p: Person): Promise<{ other: TestClient; conversationId: string }> {
  const other = await newUser(server.url);
  const { request } = await other.rpc('friends.request', { userId: p.id });
  await p.app.core.sync.rpc('friends.accept', { requestId: request.id });
  const { conversation } = await other.rpc('conversations.openDirect', { userId: p.id });
  return { other, conversationId: conversation.id };
}

/** Waits until `p`'s cache has the conversation up to `seq`, then marks it read there. */
async function cachedAndRead(p: Person, conversationId: string, seq: number): Promise<void> {
  await until(
    () => (p.app.core.store.conversations.get(conversationId)?.synced_seq ?? 0) >= seq,
    15_000,
    'the messages cached',
  );
  await p.app.core.markRead(conversationId);
}

/** The fonts Chromium really drew an element's text with (DevTools' "Rendered Fonts"). */
async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (nodeId === 0) throw new Error(`nothing matches ${selector}`);
    // Chromium reports the fonts of a node's own text: ask the node and every element inside it.
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId, selector: '*' });
    const families = new Set<string>();
    for (const id of [nodeId, ...nodeIds]) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: id });
      for (const f of fonts) families.add(f.familyName);
    }
    return [...families];
  } finally {
    await cdp.detach();
  }
}

/** The colour emoji fonts of tokens.css's --font-emoji (Debian's Chromium has Noto Color Emoji). */
const colourEmoji = /^(Noto Color Emoji|Apple Color Emoji|Segoe UI Emoji)$/;

describe('replies and emoji', () => {
  it('quotes a message far above the loaded page from the cache, and jumps to it', async () => {
    const lin = await person('lin', 'Lin Wei', { language: 'en', theme: 'light' });
    const { other, conversationId } = await directWithStranger(lin);
    const original = await other.send(conversationId, 'The budget for Q3 is 42k');
    for (let n = 1; n <= 80; n++) await other.send(conversationId, `Filler ${n}`);
    const last = await other.send(conversationId, 'Agreed with the number above', {
      replyTo: original.id,
    });
    await cachedAndRead(lin, conversationId, last.seq);

    // The conversation opens at its newest page: the original is 80 messages above it.
    await lin.page.locator(`[data-conversation-id="${conversationId}"]`).click();
    const view = lin.page.getByRole('region', { name: other.auth.user.displayName });
    const reply = message(view, 'Agreed with the number above');
    await reply.waitFor();
    // Its own text, not the quote of it.
    const target = view
      .getByRole('article')
      .filter({ has: lin.page.locator('.msg-text', { hasText: 'The budget for Q3 is 42k' }) });
    expect(await target.count()).toBe(0);
    const quote = reply.getByRole('button', { name: /^In reply to Name .*: The budget for Q3 is 42k$/ });
    await quote.waitFor();
    await saveScreenshot(lin.page, 'conversation-reply-quote-cached-en-light');

    // With the profile open beside the conversation: jumping stays in it, and so does the panel.
    await view.getByRole('button', { name: 'View profile' }).first().click();
    const panel = lin.page.locator('.layout-panel');
    await panel.waitFor();
    await quote.click();
    await target.waitFor({ timeout: 15_000 });
    expect(await panel.count()).toBe(1);
    await expect.poll(() => target.getAttribute('class')).toContain('msg-highlight');
    await saveScreenshot(lin.page, 'conversation-reply-quote-jumped-en-light');
    expect(lin.app.problems()).toEqual([]);
    other.close();
  });

  it('draws emoji in colour: picker, quick reactions, reaction chips and emoji-only messages', async () => {
    const mei = await person('mei', '林美', { language: 'zh-CN', theme: 'light' });
    const { other, conversationId } = await directWithStranger(mei);
    await other.send(conversationId, '😺🎉');
    const last = await other.send(conversationId, '中午一起吃饭吗？😀');
    await cachedAndRead(mei, conversationId, last.seq);
    await mei.page.locator(`[data-conversation-id="${conversationId}"]`).click();
    const view = mei.page.getByRole('region', { name: other.auth.user.displayName });
    const lunch = message(view, '中午一起吃饭吗？');
    await lunch.waitFor();

    expect(await renderedFonts(mei.page, '.msg-bubble-emoji .msg-text')).toEqual([
      expect.stringMatching(colourEmoji),
    ]);
    // In running text too: the CJK in a text font, the emoji in a colour one (a text font such as
    // DejaVu Sans would draw 😀 as an outline).
    const running = await renderedFonts(mei.page, '.msg-bubble:not(.msg-bubble-emoji) .msg-text');
    expect(running.filter((f) => colourEmoji.test(f))).toHaveLength(1);
    expect(running).not.toContain('DejaVu Sans');

    await lunch.hover();
    await lunch.getByRole('button', { name: '表情回应' }).click();
    await mei.page.getByRole('button', { name: '用 👍 回应' }).waitFor();
    expect(await renderedFonts(mei.page, '.msg-react-pop .msg-menu-emoji')).toEqual([
      expect.stringMatching(colourEmoji),
    ]);
    await saveScreenshot(mei.page, 'emoji-quick-reactions-zh-CN-light');
    await mei.page.getByRole('button', { name: '用 👍 回应' }).click();
    await lunch.getByRole('button', { name: /表情回应 👍，1 人/ }).waitFor({ timeout: 15_000 });
    expect(await renderedFonts(mei.page, '.msg-reaction-emoji')).toEqual([
      expect.stringMatching(colourEmoji),
    ]);

    await view.getByRole('button', { name: '表情', exact: true }).click();
    const picker = mei.page.getByRole('dialog', { name: '表情', exact: true });
    await picker.getByRole('searchbox', { name: '搜索表情' }).fill('猫');
    await picker.getByRole('button', { name: '猫脸' }).waitFor();
    const cells = await picker.locator('.emoji-cell').count();
    expect(cells).toBeGreaterThan(3);
    for (let i = 1; i <= cells; i++) {
      expect(await renderedFonts(mei.page, `.emoji-cells > .emoji-cell:nth-child(${i})`)).toEqual([
        expect.stringMatching(colourEmoji),
      ]);
    }
    await saveScreenshot(mei.page, 'emoji-picker-cats-zh-CN-light');
    expect(mei.app.problems()).toEqual([]);
    other.close();
  });
});

describe('a group conversation', () => {
  it('mentions, replies, reactions, edits and recalls through the UI', async () => {
    const alice = await person('alice', 'Alice Chen', { language: 'en', theme: 'light' });
    const bob = await person('bob', '王小明', { language: 'zh-CN', theme: 'dark' });
    const carol = await newUser(server.url);

    // Alice befriends both and makes the group.
    await befriendInPages(bob, alice);
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

    // A file picked for the conversation waits as a chip until Send.
    await bobView.locator('input[type="file"]').setInputFiles({
      name: '发布计划 final v3.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(245_760),
    });
    const chips = bobView.getByRole('list', { name: '待发送的文件' });
    await chips.getByText('发布计划 final v3.pdf').waitFor();
    await message(bobView, 'on it after lunch').hover();
    await message(bobView, 'on it after lunch').getByRole('button', { name: '回复', exact: true }).click();
    await bobView.getByText('回复 Alice Chen').waitFor();
    await saveScreenshot(bob.app.page, 'conversation-composer-zh-CN-dark');
    await bobView.getByRole('button', { name: '移除 发布计划 final v3.pdf' }).click();
    await expect.poll(() => chips.count()).toBe(0);
    carol.close();
  });
});
