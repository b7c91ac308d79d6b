import type { ParleyServer } from '@parley/server';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, uniqueName, until } from '../support/harness.js';
import {
  launchBrowser,
  type OpenAppOptions,
  openApp,
  type ParleyApp,
  saveScreenshot,
} from './support/index.js';

/*
 * Scenario 3 of the issue: one device loses the server. Its saved history still shows, what is
 * typed meanwhile waits in the outbox and goes out when the link is back, and a quiet bar over the
 * main pane says what is happening.
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

/** An app signed in through the core, then restarted: it opens straight on the conversation list. */
async function person(label: string, displayName: string, options: OpenAppOptions): Promise<Person> {
  const first = await openApp(browser, { server, name: label, ...options });
  const me = await first.core.sync.register(first.serverUrl, {
    username: uniqueName(label),
    displayName,
    password: 'correct horse battery',
  });
  await until(() => first.core.sync.connection === 'online', 15_000, `${label} online`);
  const app = await first.restart();
  await app.page.getByRole('navigation').waitFor();
  return { app, id: me.id, name: displayName };
}

const row = (p: Person, conversationId: string) =>
  p.app.page.locator(`[data-conversation-id="${conversationId}"]`);
const banner = (p: Person) => p.app.page.getByTestId('connection-banner');
const article = (view: Locator, text: string) => view.getByRole('article').filter({ hasText: text });

describe('a device that goes offline', () => {
  it('shows saved history, queues what is typed and sends it once the link is back', async () => {
    const mei = await person('mei', 'Mei Lin', { language: 'en', theme: 'light' });
    const wang = await person('wang', '王芳', { language: 'zh-CN', theme: 'dark' });

    const { request } = await wang.app.core.sync.rpc('friends.request', { userId: mei.id });
    await mei.app.core.sync.rpc('friends.accept', { requestId: request.id });
    const { conversation } = await wang.app.core.sync.rpc('conversations.openDirect', {
      userId: mei.id,
    });
    const conversationId = conversation.id;

    // Some history, written through Wang's composer.
    await row(wang, conversationId).click();
    const atWang = wang.app.page.getByRole('region', { name: mei.name });
    const wangInput = atWang.getByRole('textbox', { name: '消息' });
    await wangInput.fill('Are the slides ready?');
    await wangInput.press('Enter');

    await row(mei, conversationId).click();
    const atMei = mei.app.page.getByRole('region', { name: wang.name });
    await article(atMei, 'Are the slides ready?').waitFor({ timeout: 15_000 });
    // A newer conversation above it in Mei's list.
    const { conversation: team } = await wang.app.core.sync.rpc('groups.create', {
      name: 'Slides team',
      memberIds: [mei.id as never],
    });
    await row(mei, team.id).waitFor({ timeout: 15_000 });
    const titles = () => mei.app.page.locator('.chats-row-title').allTextContents();
    await expect.poll(titles).toEqual(['Slides team', wang.name]);
    expect(await banner(mei).count()).toBe(0);
    expect(await mei.app.page.getByRole('img', { name: 'Connected' }).count()).toBe(1);

    // Mei's network goes. The bar says so; her saved messages stay on screen.
    mei.app.goOffline();
    await mei.app.page.getByText('Offline — showing saved messages').waitFor({ timeout: 15_000 });
    expect(await mei.app.page.getByRole('img', { name: /Offline|Connecting/ }).count()).toBe(1);
    await article(atMei, 'Are the slides ready?').waitFor();

    // What she types waits, marked as sending, in the conversation and in the list.
    const meiInput = atMei.getByRole('textbox', { name: 'Message' });
    await meiInput.fill('Almost, sending them in ten minutes');
    await meiInput.press('Enter');
    const queued = article(atMei, 'Almost, sending them in ten minutes');
    await queued.getByRole('img', { name: 'Sending…' }).waitFor();
    await row(mei, conversationId).getByRole('img', { name: 'Sending' }).waitFor();
    expect(await row(mei, conversationId).textContent()).toContain('Almost, sending them in ten minutes');
    // What she just wrote moves its conversation to the top, though the server has not seen it.
    await expect.poll(titles).toEqual([wang.name, 'Slides team']);
    await saveScreenshot(mei.app.page, 'offline-queued-light-en');

    // The search still answers from the cache.
    await mei.app.page.getByRole('combobox', { name: 'Search people, groups and messages' }).fill('slides');
    const results = mei.app.page.getByRole('listbox', { name: 'Search results' });
    await results.getByText('Offline: searching your contacts and saved messages only.').waitFor();
    await results.getByRole('option').filter({ hasText: 'ready?' }).waitFor({ timeout: 15_000 });
    await saveScreenshot(mei.app.page, 'offline-search-light-en');
    await mei.app.page.getByRole('combobox', { name: 'Search people, groups and messages' }).press('Escape');
    await row(mei, conversationId).waitFor();

    // The link comes back: the message goes out, Wang receives it, and the bar says so, then goes.
    mei.app.goOnline();
    await mei.app.page.getByText('Back online').waitFor({ timeout: 15_000 });
    await article(atWang, 'Almost, sending them in ten minutes').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => queued.getByRole('img', { name: 'Sending…' }).count(), { timeout: 15_000 })
      .toBe(0);
    await expect.poll(() => row(mei, conversationId).getByRole('img', { name: 'Sending' }).count()).toBe(0);
    await expect.poll(() => banner(mei).count(), { timeout: 10_000 }).toBe(0);
    expect(await mei.app.page.getByRole('img', { name: 'Connected' }).count()).toBe(1);

    // Wang's own device meanwhile was online all along: no bar there.
    expect(await banner(wang).count()).toBe(0);
    await saveScreenshot(wang.app.page, 'offline-delivered-dark-zh-CN');
    expect(mei.app.problems()).toEqual([]);
    expect(wang.app.problems()).toEqual([]);
  });

  it('shows the offline bar in Chinese and in the dark theme', async () => {
    const zhou = await person('zhou', '周杰', { language: 'zh-CN', theme: 'dark' });
    zhou.app.goOffline();
    await zhou.app.page.getByText('离线 — 正在显示已保存的消息').waitFor({ timeout: 15_000 });
    expect(await zhou.app.page.getByRole('img', { name: /离线|正在连接/ }).count()).toBe(1);
    await saveScreenshot(zhou.app.page, 'offline-empty-dark-zh-CN');
    zhou.app.goOnline();
    await zhou.app.page.getByText('已恢复连接').waitFor({ timeout: 15_000 });
    expect(zhou.app.problems()).toEqual([]);
  });
});
