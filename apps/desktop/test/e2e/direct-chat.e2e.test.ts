import type { ParleyServer } from '@parley/server';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * Two people, each with their own app and core, chat in a direct conversation through the UI:
 * delivered and read marks, the typing line, and unread badges that count and clear.
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

const conversationView = (p: Person, title: string) => p.app.page.getByRole('region', { name: title });
const message = (view: Locator, text: string) => view.getByRole('article').filter({ hasText: text });
const row = (p: Person, conversationId: string) =>
  p.app.page.locator(`[data-conversation-id="${conversationId}"]`);
const badge = (p: Person, conversationId: string) =>
  row(p, conversationId).locator('.chats-row-badge > [aria-hidden="true"]');
const railBadge = (p: Person) =>
  p.app.page.getByRole('button', { name: /^(Chats|聊天|消息)$/ }).locator('.rail-badge');

async function textOf(locator: Locator): Promise<string | null> {
  return (await locator.count()) === 0 ? null : locator.first().innerText();
}

describe('a direct conversation between two apps', () => {
  it('sends both ways through the composer, with marks, typing and unread badges', async () => {
    const alice = await person('alice', 'Alice Chen', { language: 'en', theme: 'light' });
    const bob = await person('bob', '王小明', { language: 'zh-CN', theme: 'dark' });

    // Friends (through the IPC calls), then the direct conversation.
    await befriendInPages(bob, alice);
    const opened = await alice.app.page.evaluate(
      (userId) => window.parley.conversations.openDirect({ userId }),
      bob.id,
    );
    if (!opened.ok) throw new Error(opened.error.message);
    const conversationId = opened.data.conversationId;

    // Alice opens it from her list and writes through the composer.
    await row(alice, conversationId).click();
    const atAlice = conversationView(alice, bob.name);
    const aliceInput = atAlice.getByRole('textbox', { name: 'Message' });
    await aliceInput.fill('Hi Bob! The notes are at www.example.com/notes 👋');
    await aliceInput.press('Enter');
    expect(await aliceInput.inputValue()).toBe('');
    const first = message(atAlice, 'The notes are at');
    await first.waitFor();
    expect(await first.getByRole('link', { name: 'www.example.com/notes' }).getAttribute('href')).toBe(
      'https://www.example.com/notes',
    );
    // The chat begins with one notice, not a second "Conversation started" line under it.
    await atAlice.getByText(`This is the beginning of your conversation with ${bob.name}`).waitFor();
    expect(await atAlice.getByText('Conversation started').count()).toBe(0);
    // Bob's device has it (his app is open, another conversation on screen): delivered.
    await first.getByRole('img', { name: 'Delivered' }).waitFor({ timeout: 15_000 });

    // Bob: one unread, in the list and on the rail.
    await expect.poll(() => textOf(badge(bob, conversationId)), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => textOf(railBadge(bob))).toBe('1');

    // He opens it: the badges clear, and Alice sees it read.
    await row(bob, conversationId).click();
    const atBob = conversationView(bob, alice.name);
    await message(atBob, 'The notes are at').waitFor();
    await expect.poll(() => badge(bob, conversationId).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => railBadge(bob).count()).toBe(0);
    await first.getByRole('img', { name: 'Read' }).waitFor({ timeout: 15_000 });

    // Bob types: Alice sees him typing; he sends, and the line goes.
    const bobInput = atBob.getByRole('textbox', { name: '消息' });
    await bobInput.pressSequentially('马上到，', { delay: 20 });
    await atAlice.getByText('王小明 is typing…').waitFor({ timeout: 15_000 });
    await bobInput.pressSequentially('五分钟', { delay: 20 });
    await bobInput.press('Shift+Enter');
    await bobInput.pressSequentially('😀', { delay: 20 });
    expect(await bobInput.inputValue()).toBe('马上到，五分钟\n😀');
    await bobInput.press('Enter');
    const reply = message(atAlice, '马上到，五分钟');
    await reply.waitFor({ timeout: 15_000 });
    await expect.poll(() => atAlice.getByText('王小明 is typing…').count()).toBe(0);

    // Alice has the conversation on screen at its newest message: she reads it at once.
    await message(atBob, '马上到').getByRole('img', { name: '已读' }).waitFor({ timeout: 15_000 });
    expect(await badge(alice, conversationId).count()).toBe(0);

    // An emoji-only message is shown large.
    await aliceInput.fill('🎉🎉');
    await aliceInput.press('Enter');
    await message(atBob, '🎉🎉').locator('.msg-emoji-2').waitFor({ timeout: 15_000 });

    await saveScreenshot(alice.app.page, 'conversation-direct-en-light');
    await saveScreenshot(bob.app.page, 'conversation-direct-zh-CN-dark');

    // Offline, a message waits with a clock; back online it goes out (and Bob, looking, reads it).
    alice.app.goOffline();
    await aliceInput.fill('Sent from the train');
    await aliceInput.press('Enter');
    const waiting = message(atAlice, 'Sent from the train');
    await waiting.getByRole('img', { name: 'Sending…' }).waitFor();
    alice.app.goOnline();
    await waiting.getByRole('img', { name: 'Read' }).waitFor({ timeout: 30_000 });

    // Refused by the server (Bob blocked her): the message fails, with Retry and Discard.
    expect(
      await bob.app.page.evaluate((userId) => window.parley.blocks.add({ userId }), alice.id),
    ).toMatchObject({
      ok: true,
    });
    await aliceInput.fill('Are you there?');
    await aliceInput.press('Enter');
    const refused = message(atAlice, 'Are you there?');
    await refused.getByRole('img', { name: 'Not sent' }).waitFor({ timeout: 15_000 });
    await saveScreenshot(alice.app.page, 'conversation-direct-failed-en-light');
    await refused.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => refused.count()).toBe(0);

    // A draft stays with the conversation, across a restart of the window.
    await aliceInput.fill('Draft: bring snacks');
    await until(
      () => alice.app.core.store.drafts.get(conversationId) === 'Draft: bring snacks',
      15_000,
      'the draft',
    );
    await alice.app.page.reload();
    await row(alice, conversationId).click();
    expect(
      await conversationView(alice, bob.name).getByRole('textbox', { name: 'Message' }).inputValue(),
    ).toBe('Draft: bring snacks');
  });
});
