import type { ParleyServer } from '@parley/server';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { befriend, startServer, until } from '../support/harness.js';
import {
  launchBrowser,
  type OpenAppOptions,
  openPerson,
  type Person,
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

const person = (name: string, displayName: string, options: OpenAppOptions) =>
  openPerson(browser, displayName, { server, name, ...options });

const row = (p: Person, conversationId: string) =>
  p.app.page.locator(`[data-conversation-id="${conversationId}"]`);
const banner = (p: Person) => p.app.page.getByTestId('connection-banner');
const article = (view: Locator, text: string) => view.getByRole('article').filter({ hasText: text });

describe('a device that goes offline', () => {
  it('shows saved history, queues what is typed and sends it once the link is back', async () => {
    const mei = await person('mei', 'Mei Lin', { language: 'en', theme: 'light' });
    const wang = await person('wang', '王芳', { language: 'zh-CN', theme: 'dark' });

    await befriend(wang.app.core, mei.app.core, mei.id);
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

  it('shows nobody online while its own link is down, and asks again once it is back', async () => {
    const lin = await person('lin', 'Lin Wei', { language: 'en', theme: 'light' });
    const gao = await person('gao', '高远', { language: 'zh-CN', theme: 'light' });
    await befriend(gao.app.core, lin.app.core, lin.id);
    const { conversation } = await gao.app.core.sync.rpc('conversations.openDirect', { userId: lin.id });
    await row(lin, conversation.id).click();
    const subtitle = lin.page.getByRole('region', { name: gao.name }).locator('.conv-subtitle');
    await expect.poll(() => subtitle.innerText(), { timeout: 15_000 }).toBe('Online');
    await row(lin, conversation.id).locator('.presence-dot').waitFor();
    const everyone = server.connectedSockets();

    // Lin's link goes: what she knew of Gao may be stale, so no dot and no "Online" anywhere.
    lin.app.goOffline();
    await lin.page.getByText('Offline — showing saved messages').waitFor({ timeout: 15_000 });
    await expect.poll(() => subtitle.innerText()).toBe('');
    const presenceShown = () => lin.page.locator('.presence-dot, .people-presence, .conv-presence').count();
    expect(await presenceShown()).toBe(0);
    await lin.page.getByRole('button', { name: 'People', exact: true }).click();
    await lin.page
      .getByRole('region', { name: 'Friends', exact: true })
      .getByRole('button', { name: /高远/ })
      .click();
    await lin.page.getByRole('heading', { name: '高远', level: 2 }).waitFor();
    expect(await presenceShown()).toBe(0);
    await saveScreenshot(lin.page, 'offline-presence-hidden-light-en');

    // Gao leaves while Lin cannot hear it; back online, Lin asks again rather than trusting what she had.
    await until(() => server.connectedSockets() === everyone - 1, 15_000, 'Lin gone from the server');
    gao.app.goOffline();
    await until(() => server.connectedSockets() === everyone - 2, 15_000, 'Gao gone from the server');
    lin.app.goOnline();
    await lin.page
      .locator('.people-presence', { hasText: 'Last seen just now' })
      .waitFor({ timeout: 15_000 });
    await lin.page.getByRole('button', { name: 'Chats', exact: true }).click();
    await row(lin, conversation.id).click();
    await expect.poll(() => subtitle.innerText(), { timeout: 15_000 }).toBe('Last seen just now');
    expect(await row(lin, conversation.id).locator('.presence-dot').count()).toBe(0);
    gao.app.goOnline();
    await expect.poll(() => subtitle.innerText(), { timeout: 15_000 }).toBe('Online');
    expect(lin.app.problems()).toEqual([]);
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
