import type { ParleyServer } from '@parley/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, newUser, TestClient } from '../../../server/test/support/client.js';
import { startServer, until } from '../support/harness.js';
import { launchBrowser, openApp, saveScreenshot, signUpInPage } from './support/index.js';

/*
 * A conversation of 20,000 messages: it opens at the first unread one, jumps to the newest,
 * scrolls all the way up (older pages going in above without moving what is on screen), jumps to
 * a search hit in the middle and back down; the page never holds more than a few screens of rows.
 */

const total = 20_000;
const maxRows = 200;
/** The search hit to jump to: somewhere in the middle. */
const middle = Math.round(total * 0.6173);

let browser: Browser;
let server: ParleyServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

/**
 * "Message #1" … "Message #<count>", every 7th from `second`: the first and the last alone, the
 * rest 64 at a time (so only the middle ones may land out of order).
 */
async function flood(first: TestClient, second: TestClient, conversationId: string, count: number) {
  const send = (n: number) => (n % 7 === 0 ? second : first).send(conversationId, `Message #${n}`);
  await send(1);
  let next = 1;
  const worker = async () => {
    while (next < count - 1) {
      next += 1;
      await send(next);
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  return (await send(count)).seq;
}

/** The list as the reader sees it: rows in the DOM, the message numbers on screen, highlights. */
function listState(page: Page) {
  return page.evaluate(() => {
    const list = document.querySelector('[data-message-list]');
    const box = list?.closest('.conv-scroller')?.getBoundingClientRect();
    const onScreen = [...(list?.querySelectorAll<HTMLElement>('[role="article"]') ?? [])].filter((el) => {
      const r = el.getBoundingClientRect();
      return box !== undefined && r.bottom > box.top && r.top < box.bottom;
    });
    const number = (el: HTMLElement) => Number(/Message #(\d+)/.exec(el.innerText)?.[1] ?? NaN);
    const numbers = onScreen.map(number).filter((n) => !Number.isNaN(n));
    return {
      rows: list?.querySelectorAll('[role="listitem"]').length ?? 0,
      numbers,
      first: numbers.length > 0 ? Math.min(...numbers) : null,
      last: numbers.length > 0 ? Math.max(...numbers) : null,
      highlighted: onScreen.filter((el) => el.classList.contains('msg-highlight')).map(number),
      divider: document.querySelector('.tl-unread') !== null,
      beginning: document.querySelector('.conv-beginning') !== null,
    };
  });
}

/**
 * Scrolls to the top of the loaded rows, as the reader does, and waits for the older page that
 * brings. Returns how far the message the reader was looking at (the top row entirely on screen:
 * its bubble) moved once the page was in and the list settled, or `loaded: false` at the beginning.
 */
async function olderPageAtTop(el: HTMLElement): Promise<{ loaded: boolean; moved: number | null }> {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const bubbleTop = (key: string) =>
    el.querySelector(`[data-row-key="${key}"] .msg-bubble`)?.getBoundingClientRect().top ?? null;
  el.dispatchEvent(new WheelEvent('wheel', { deltaY: -el.scrollTop, bubbles: true }));
  el.scrollTop = 0;
  for (let i = 0; i < 3; i++) await frame();
  const box = el.getBoundingClientRect();
  const row = [...el.querySelectorAll<HTMLElement>('[data-row-key]')].find((r) => {
    const b = r.getBoundingClientRect();
    return b.top >= box.top && b.bottom <= box.bottom && r.querySelector('.msg-bubble') !== null;
  });
  const key = row?.dataset.rowKey ?? '';
  const before = bubbleTop(key);
  const started = performance.now();
  while (el.scrollTop === 0 && performance.now() - started < 15_000) {
    if (document.querySelector('.conv-beginning')) return { loaded: false, moved: null };
    await frame();
  }
  if (el.scrollTop === 0) return { loaded: false, moved: null };
  for (let i = 0; i < 30; i++) await frame();
  const after = bubbleTop(key);
  return { loaded: true, moved: before === null || after === null ? null : after - before };
}

describe('a long conversation', () => {
  it(
    'opens 20,000 messages at the first unread, pages through all of them and jumps around, with a bounded DOM',
    { timeout: 900_000 },
    async () => {
      const app = await openApp(browser, { server, name: 'reader', language: 'en', theme: 'light' });
      const { id: readerId, username } = await signUpInPage(app, 'Rita Reader');

      // The other side and the reader's phone, straight on the server.
      const sender = await newUser(server.url);
      const phone = await new TestClient(server.url, await login(server.url, username)).connected();
      const { request } = await sender.rpc('friends.request', { userId: readerId });
      await phone.rpc('friends.accept', { requestId: request.id });
      const { conversation } = await sender.rpc('conversations.openDirect', { userId: readerId });

      // Sent while the app is offline; then it catches up, as after a weekend away.
      app.goOffline();
      const seeding = Date.now();
      const head = await flood(sender, phone, conversation.id, total);
      console.log(`[long] ${total} messages sent in ${Date.now() - seeding} ms`);
      app.goOnline();
      await until(
        () => (app.core.store.conversations.get(conversation.id)?.synced_seq ?? 0) >= head,
        300_000,
        'the catch-up',
      );

      // Opened, it shows where the reader left off: the first unread message, under the divider.
      await app.page.reload();
      const opening = Date.now();
      await app.page.locator(`[data-conversation-id="${conversation.id}"]`).click();
      await app.page.getByRole('separator', { name: 'New messages' }).waitFor();
      console.log(`[long] opened at the first unread message in ${Date.now() - opening} ms`);
      const opened = await listState(app.page);
      expect(opened.first).toBe(1);
      expect(opened.rows).toBeLessThan(maxRows);

      // "Jump to latest" loads the newest page, and reading it there marks everything read.
      const jump = app.page.getByRole('button', { name: 'Jump to latest messages' });
      await jump.click();
      await expect.poll(async () => (await listState(app.page)).last, { timeout: 30_000 }).toBe(total);
      await until(
        () => app.core.conversations().find((c) => c.id === conversation.id)?.unreadCount === 0,
        15_000,
        'read',
      );
      expect(await jump.count()).toBe(0);
      await saveScreenshot(app.page, 'long-conversation-newest');

      // Up to the first message. Each time the top is reached an older page goes in above, and the
      // list keeps what was on screen where it was, to the pixel: it does not jump to the new top.
      const scroller = app.page.locator('.conv-scroller');
      let most = 0;
      let pages = 0;
      const climbing = Date.now();
      for (;;) {
        const before = await listState(app.page);
        most = Math.max(most, before.rows);
        if (before.beginning && before.first === 1) break;
        const { moved, loaded } = await scroller.evaluate(olderPageAtTop);
        if (loaded)
          expect(
            Math.abs(moved ?? Infinity),
            `the message on screen moved on page ${pages + 1}`,
          ).toBeLessThan(1);
        pages += 1;
      }
      console.log(`[long] reached the first message after ${pages} pages in ${Date.now() - climbing} ms`);
      expect(pages).toBeGreaterThanOrEqual(total / 200);
      expect(most).toBeLessThan(maxRows);
      await saveScreenshot(app.page, 'long-conversation-beginning');

      // A search hit in the middle: the page around it, the message flashed.
      const search = app.page.getByRole('combobox', { name: 'Search people, groups and messages' });
      await search.fill(`Message #${middle}`);
      await app.page
        .getByRole('listbox', { name: 'Search results' })
        .getByRole('option')
        .filter({ hasText: `Message #${middle}` })
        .first()
        .click();
      await expect
        .poll(async () => (await listState(app.page)).highlighted, { timeout: 15_000 })
        .toEqual([middle]);
      expect((await listState(app.page)).rows).toBeLessThan(maxRows);

      // Two arrive meanwhile: the way down says so, and takes the reader there.
      await sender.send(conversation.id, `Message #${total + 1}`);
      await sender.send(conversation.id, `Message #${total + 2}`);
      await expect.poll(() => jump.innerText(), { timeout: 15_000 }).toBe('2 new messages');
      await jump.click();
      await expect.poll(async () => (await listState(app.page)).last, { timeout: 30_000 }).toBe(total + 2);
      await expect.poll(() => jump.count(), { timeout: 15_000 }).toBe(0);
      expect((await listState(app.page)).rows).toBeLessThan(maxRows);
      expect(app.core.conversations().find((c) => c.id === conversation.id)?.unreadCount).toBe(0);
      sender.close();
      phone.close();
    },
  );
});
