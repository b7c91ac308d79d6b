import type { ParleyServer } from '@parley/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../../src/core/desktop-core.js';
import { befriend, newCore, signIn, signUp, startServer, uniqueName, until } from '../support/harness.js';
import {
  launchBrowser,
  openApp,
  type ParleyApp,
  password,
  saveScreenshot,
  signUpInPage,
} from './support/index.js';

/*
 * Connecting and signing in through the real UI: the built renderer over the real core, against a
 * real server. What the user reads when something is wrong, and that a signed-in user stays so.
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

async function connect(page: Page, address: string): Promise<void> {
  await page.getByLabel('Server address').fill(address);
  await page.getByRole('button', { name: 'Connect' }).click();
}

/** Step 1 done: the server's name shows, and the login form is there. */
async function connectTo(app: ParleyApp): Promise<void> {
  await connect(app.page, app.serverUrl.replace(/^http:\/\//, ''));
  await app.page.getByRole('tab', { name: 'Log in' }).waitFor();
}

async function registerInUi(app: ParleyApp, username: string, displayName: string): Promise<void> {
  const { page } = app;
  await page.getByRole('tab', { name: 'Create account' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByLabel('Confirm password').press('Enter');
}

describe('connecting to a server', () => {
  it('says why an address cannot be used: unreachable, not an address, not a Parley server', async () => {
    const app = await openApp(browser, { server });
    const { page } = app;
    await page.getByRole('heading', { name: 'Connect to your server' }).waitFor();

    await connect(page, '127.0.0.1:1');
    await page.getByText('No server answered at this address').waitFor();

    await connect(page, 'ftp://files.lan');
    await page.getByText('That is not a valid address').waitFor();

    // The page's own static server answers HTTP, but it is not Parley.
    await connect(page, app.origin);
    await page.getByText('it is not a Parley server').waitFor();
    await saveScreenshot(page, 'sign-in-not-parley-light-en');

    // A bare host:port is enough; the server's name and version show above the login form.
    await connectTo(app);
    await expect.poll(() => page.locator('.auth-server').textContent()).toMatch(/Parley.*version/);
    expect(app.problems()).toEqual([]);
  });
  it('looks right in both themes and both languages', async () => {
    const words = {
      en: {
        address: 'Server address',
        connect: 'Connect',
        tab: 'Create account',
        submit: 'Create account',
        required: 'Required.',
      },
      'zh-CN': {
        address: '服务器地址',
        connect: '连接',
        tab: '注册账号',
        submit: '注册',
        required: '必填。',
      },
    };
    for (const look of [
      { language: 'en', colorScheme: 'light' },
      { language: 'en', colorScheme: 'dark' },
      { language: 'zh-CN', colorScheme: 'light' },
      { language: 'zh-CN', colorScheme: 'dark' },
    ] as const) {
      const w = words[look.language];
      const app = await openApp(browser, { server, ...look });
      const { page } = app;
      await page.getByLabel(w.address).waitFor();
      await saveScreenshot(page, `sign-in-server-${look.colorScheme}-${look.language}`);
      await page.getByLabel(w.address).fill(app.serverUrl);
      await page.getByRole('button', { name: w.connect }).click();
      await page.getByRole('tab', { name: w.tab }).click();
      await page.getByRole('tabpanel').getByRole('button', { name: w.submit }).click();
      await page.getByText(w.required).first().waitFor();
      expect(await page.getByText(w.required).count()).toBe(3);
      await saveScreenshot(page, `sign-in-register-${look.colorScheme}-${look.language}`);
      expect(app.problems()).toEqual([]);
      await app.close();
    }
  });
});

describe('logging in and creating an account', () => {
  it('shows a taken username and a wrong password on the form, then signs in', async () => {
    const other = newCore();
    const taken = uniqueName('taken');
    await signUp(other, server.url, taken);
    other.close();

    const app = await openApp(browser, { server });
    const { page } = app;
    await connectTo(app);

    await registerInUi(app, taken, 'Someone Else');
    await page.getByText('This username is taken').waitFor();
    expect(await page.getByLabel('Username').getAttribute('aria-invalid')).toBe('true');

    // The rules are checked before the server is asked.
    await page.getByLabel('Confirm password').fill('something else');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('The passwords do not match').waitFor();

    await page.getByRole('tab', { name: 'Log in' }).click();
    await page.getByLabel('Username').fill(taken);
    await page.getByLabel('Password').fill('not the password');
    await page.getByLabel('Password').press('Enter');
    await page.getByText('Wrong username or password').waitFor();
    await saveScreenshot(page, 'sign-in-wrong-password-light-en');

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page
      .getByRole('listbox', { name: 'Conversations' })
      .or(page.getByText('No conversations yet'))
      .waitFor();
    await until(() => app.core.sync.connection === 'online', 15_000, 'online');
    expect(app.problems()).toEqual([]);
  });

  it('creates an account, then stays signed in across a restart, showing the cached list offline', async () => {
    const app = await openApp(browser, { server });
    const { page } = app;
    await connectTo(app);
    const username = uniqueName('mei');
    await registerInUi(app, username, 'Mei Lin');
    await page.getByText('No conversations yet').waitFor();
    await until(() => app.core.sync.connection === 'online', 15_000, 'online');

    // A friend writes; the conversation appears in the list.
    const friend = newCore();
    await signUp(friend, server.url, uniqueName('wang'));
    const meId = app.core.sync.me!;
    await befriend(friend, app.core, meId);
    const { conversation } = await friend.sync.rpc('conversations.openDirect', { userId: meId });
    friend.sendText(conversation.id, 'Lunch at noon?');
    const row = page.getByRole('option', { name: /Lunch at noon\?/ });
    await row.waitFor();

    app.goOffline();
    const again = await app.restart();
    // No sign-in screen: the list comes straight from the cache, though the server is out of reach.
    await again.page.getByRole('option', { name: /Lunch at noon\?/ }).waitFor();
    expect(await again.page.getByLabel('Server address').count()).toBe(0);
    await again.page.getByText('Offline — showing saved messages').waitFor();
    again.goOnline();
    await until(() => again.core.sync.connection === 'online', 15_000, 'online again');
    friend.close();
    expect(again.problems()).toEqual([]);
  });
});

describe('signed out by the server', () => {
  it('says why at startup when the session was revoked while the app was closed', async () => {
    const app = await openApp(browser, { server, name: 'jun', language: 'en', theme: 'light' });
    const { username } = await signUpInPage(app, 'Jun Park');
    await app.page.reload();
    await app.page.getByText('No conversations yet').waitFor();
    await app.close({ keepProfile: true });

    // The laptop signs the closed window's device out.
    const laptop = newCore();
    await signIn(laptop, server.url, username);
    const session = (await laptop.sync.sessions()).find((s) => s.deviceName === 'Parley e2e jun');
    if (!session) throw new Error('the window’s session is not listed');
    await laptop.sync.revokeSession(session.id);

    const again = await openApp(browser, { profile: app.profile, name: 'jun', language: 'en' });
    await again.page
      .getByRole('alert')
      .filter({ hasText: 'signed out from another of your devices' })
      .waitFor({ timeout: 15_000 });
    await again.page.getByRole('tab', { name: 'Log in' }).waitFor();
    laptop.close();
  });

  it('says why on the sign-in screen: revoked from another device, then a password changed', async () => {
    const app = await openApp(browser, { server, name: 'mei', language: 'en', theme: 'light' });
    const { username } = await signUpInPage(app, 'Mei Lin');
    await app.page.reload();
    await app.page.getByText('No conversations yet').waitFor();
    const other = await openApp(browser, { server, name: 'mei-zh', language: 'zh-CN', theme: 'dark' });
    expect(
      await other.page.evaluate((request) => window.parley.session.login(request), {
        serverUrl: other.serverUrl,
        username,
        password,
      }),
    ).toMatchObject({ ok: true });
    await other.page.reload();
    await other.page.getByRole('navigation').first().waitFor();

    // Mei's laptop signs the first window's session out.
    const laptop = newCore();
    await signIn(laptop, server.url, username);
    const sessions = await laptop.sync.sessions();
    const windowSession = sessions.find((s) => s.deviceName === 'Parley e2e mei');
    if (!windowSession) throw new Error('the window’s session is not listed');
    await laptop.sync.revokeSession(windowSession.id);
    const revoked = app.page
      .getByRole('alert')
      .filter({ hasText: 'signed out from another of your devices' });
    await revoked.waitFor({ timeout: 15_000 });
    await app.page.getByRole('tab', { name: 'Log in' }).waitFor();
    await saveScreenshot(app.page, 'sign-in-signed-out-revoked-light-en');

    // Logging in again clears the sentence; a password change on the laptop then signs both windows out.
    await app.page.getByLabel('Username').fill(username);
    await app.page.getByLabel('Password').fill(password);
    await app.page.getByLabel('Password').press('Enter');
    await app.page.getByText('No conversations yet').waitFor();
    await until(() => app.core.sync.connection === 'online', 15_000, 'online again');
    await laptop.sync.changePassword({ currentPassword: password, newPassword: 'a new battery staple' });
    await app.page
      .getByRole('alert')
      .filter({ hasText: 'Your password was changed, so this device was signed out.' })
      .waitFor({ timeout: 15_000 });
    await other.page
      .getByRole('alert')
      .filter({ hasText: '账号密码已修改，本设备已退出登录，请使用新密码重新登录。' })
      .waitFor({ timeout: 15_000 });
    await saveScreenshot(other.page, 'sign-in-signed-out-password-dark-zh-CN');
    expect(await revoked.count()).toBe(0);
    laptop.close();

    // My own log out needs no explanation.
    const third = await openApp(browser, { server, name: 'own', language: 'en' });
    await signUpInPage(third, 'Zhou Fang');
    await third.page.reload();
    await third.page.getByText('No conversations yet').waitFor();
    await third.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await third.page.getByRole('button', { name: 'Log out' }).click();
    await third.page
      .getByRole('dialog', { name: 'Log out of Parley?' })
      .getByRole('button', { name: 'Log out' })
      .click();
    await third.page.getByRole('tab', { name: 'Log in' }).waitFor();
    expect(await third.page.getByRole('alert').count()).toBe(0);
    for (const a of [app, other, third]) expect(a.problems()).toEqual([]);
  });
});

/*
 * A list with every kind of row, on a server whose clock the test moves, so the times read "today",
 * "Yesterday", a weekday and a date. The tests below share it and run in order.
 */
describe('the conversation list', () => {
  const hour = 3_600_000;
  const day = 24 * hour;
  let offset = 0;
  let clockServer: ParleyServer;
  const cores: DesktopCore[] = [];
  let app: ParleyApp;
  const ids: Record<string, string> = {};

  /** Sets the server's clock to `hourOfDay` o'clock `daysAgo` days ago (local time). */
  const serverTime = (daysAgo: number, hourOfDay: number) => {
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    offset = Date.now() - (midnight.getTime() - daysAgo * day + hourOfDay * hour);
  };
  const minutesAgo = (minutes: number) => {
    offset = minutes * 60_000;
  };

  async function person(
    displayName: string,
    core = newCore(),
  ): Promise<{ core: DesktopCore; id: string; username: string }> {
    cores.push(core);
    const username = uniqueName('p');
    const me = await core.sync.register(clockServer.url, { username, displayName, password });
    await until(() => core.sync.connection === 'online', 15_000, `${displayName} online`);
    return { core, id: me.id, username };
  }

  async function say(from: DesktopCore, conversationId: string, text: string, mentions?: string[]) {
    from.sendText(conversationId, text, mentions ? { mentions: mentions as never } : {});
    await until(
      () => from.store.outbox.ofConversation(conversationId).length === 0,
      15_000,
      `"${text}" sent`,
    );
  }

  const direct = async (a: DesktopCore, bId: string) =>
    (await a.sync.rpc('conversations.openDirect', { userId: bId })).conversation.id;

  const group = async (owner: DesktopCore, name: string, memberIds: string[]) =>
    (await owner.sync.rpc('groups.create', { name, memberIds: memberIds })).conversation.id;

  beforeAll(async () => {
    clockServer = await startServer(undefined, 0, {}, { now: () => Date.now() - offset });
    serverTime(9, 10);
    const first = await openApp(browser, {
      server: { port: clockServer.port },
      language: 'en',
      theme: 'light',
    });
    const me = await person('Mei Lin', first.core);
    const wang = await person('王芳');
    const li = await person('Li Lei');
    const chen = await person('陈静');
    const zhao = await person('Zhao Min');
    for (const f of [wang, li, chen, zhao]) await befriend(f.core, me.core, me.id);
    // What "I" wrote in the past comes from another device of mine: a message sent on this one
    // counts as activity now (the device's clock), which would put those rows on top.
    const myPhone = newCore();
    cores.push(myPhone);
    await signIn(myPhone, clockServer.url, me.username);

    ids.wang = await direct(wang.core, me.id);
    await say(wang.core, ids.wang, '明天的评审改到下午三点');
    await say(myPhone, ids.wang, 'Sounds good, see you then');

    serverTime(4, 16);
    ids.launch = await group(li.core, 'Product launch 2025: planning and all-hands coordination', [
      me.id,
      wang.id,
      chen.id,
    ]);
    await say(li.core, ids.launch, 'Kickoff deck is in the shared folder');
    await say(wang.core, ids.launch, 'oops, wrong chat');
    const oops = wang.core.timeline(ids.launch).items.findLast((i) => i.kind === 'message');
    if (oops?.kind !== 'message') throw new Error('the message to recall is not cached');
    await wang.core.sync.rpc('messages.recall', { messageId: oops.message.id });

    serverTime(1, 20);
    ids.lunch = await group(chen.core, '午饭小分队', [me.id, wang.id]);
    for (const text of ['今天吃什么？', '楼下新开了一家面馆', '要不要试试', '十二点出发', '我订位子'])
      await say(chen.core, ids.lunch, text);
    await me.core.sync.rpc('conversations.setPrefs', { conversationId: ids.lunch, muted: true });

    serverTime(1, 21.5);
    ids.li = await direct(li.core, me.id);
    await say(li.core, ids.li, 'Can you review my PR?');
    await say(myPhone, ids.li, 'Yes, after lunch tomorrow');
    await until(
      () => me.core.timeline(ids.li!).items.some((i) => i.kind === 'message' && i.message.senderId === me.id),
      15_000,
      'my reply to Li cached',
    );
    await me.core.markRead(ids.li);
    await me.core.sync.rpc('conversations.setPrefs', { conversationId: ids.li, pinned: true });

    minutesAgo(30);
    ids.design = await group(wang.core, 'Design review', [me.id, li.id]);
    await say(li.core, ids.design, 'Mei Lin, could you check the new mockups?', [me.id]);
    await say(wang.core, ids.design, 'Looks great to me 👍');

    minutesAgo(20);
    ids.chen = await direct(chen.core, me.id);
    await say(chen.core, ids.chen, '周五一起吃饭吗？');

    minutesAgo(5);
    ids.zhao = await direct(zhao.core, me.id);
    await say(zhao.core, ids.zhao, 'hi!');
    await until(() => me.core.timeline(ids.zhao!).items.length > 1, 15_000, 'Zhao’s message cached');
    await me.core.markRead(ids.zhao);
    await zhao.core.sync.rpc('blocks.add', { userId: me.id });
    me.core.sendText(ids.zhao, 'Are you still coming?');
    await until(
      () =>
        me.core.timeline(ids.zhao!).items.some((i) => i.kind === 'outgoing' && i.entry.state === 'failed'),
      15_000,
      'the send to Zhao refused',
    );
    offset = 0;
    await me.core.sync.settled();
    await until(() => me.core.conversations().length === 7, 15_000, 'seven conversations cached');
    me.core.setDraft(ids.chen, 'Friday works, where');

    // The app starts again on this profile, signed in; the list comes from the cache.
    app = await first.restart();
    await app.page.getByRole('option').nth(6).waitFor({ timeout: 15_000 });
  });
  afterAll(async () => {
    for (const c of cores) c.close();
    await clockServer.close();
  });

  const row = (id: string | undefined) => app.page.locator(`[data-conversation-id="${id}"]`);
  const titles = () => app.page.locator('.chats-row-title').allTextContents();

  it('shows pinned rows first, then by activity, with drafts, mentions, mutes, recalls and failures', async () => {
    expect(await titles()).toEqual([
      'Li Lei',
      'Zhao Min',
      '陈静',
      'Design review',
      '午饭小分队',
      'Product launch 2025: planning and all-hands coordination',
      '王芳',
    ]);
    expect(await row(ids.li).textContent()).toMatch(/Li Lei.*Yesterday.*Yes, after lunch tomorrow.*Pinned/);
    expect(await row(ids.li).getAttribute('class')).toContain('chats-row-pinned');
    expect(await row(ids.chen).textContent()).toContain('[Draft] Friday works, where');
    expect(await row(ids.design).textContent()).toMatch(
      /\[@me\] 王芳: Looks great to me 👍.*2 unread messages/,
    );
    expect(await row(ids.lunch).textContent()).toContain('陈静: 我订位子');
    expect(await row(ids.lunch).getByRole('img', { name: 'Unread messages, muted' }).count()).toBe(1);
    expect(await row(ids.lunch).getByRole('img', { name: 'Muted', exact: true }).count()).toBe(1);
    expect(await row(ids.launch).textContent()).toContain('王芳 recalled a message');
    expect(await row(ids.zhao).getByRole('img', { name: 'Not sent' }).count()).toBe(1);
    expect(await row(ids.zhao).textContent()).toContain('Are you still coming?');
    // A weekday within the week, the date before that.
    expect(await row(ids.launch).locator('time').textContent()).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)$/);
    expect(await row(ids.wang).locator('time').textContent()).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/);
  });

  it('looks right in both themes and both languages', async () => {
    for (const look of [
      { language: 'en', colorScheme: 'dark' },
      { language: 'zh-CN', colorScheme: 'light' },
      { language: 'zh-CN', colorScheme: 'dark' },
      { language: 'en', colorScheme: 'light' },
    ] as const) {
      app = await app.restart({ ...look, theme: 'system' });
      await app.page.getByRole('option').nth(6).waitFor();
      await row(ids.wang).click();
      await app.page.getByRole('region', { name: '王芳' }).waitFor();
      await saveScreenshot(app.page, `chats-list-${look.colorScheme}-${look.language}`);
      if (look.language === 'zh-CN') {
        expect(await row(ids.chen).textContent()).toContain('[草稿] Friday works, where');
        expect(await row(ids.design).textContent()).toContain('[有人@我] 王芳：Looks great');
        expect(await row(ids.launch).textContent()).toContain('“王芳”撤回了一条消息');
        expect(await row(ids.li).locator('time').textContent()).toBe('昨天');
      }
    }
    expect(app.problems()).toEqual([]);
  });

  it('moves through the rows with the arrow keys and opens one with Enter', async () => {
    await row(ids.li).focus();
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowDown');
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('data-conversation-id'))).toBe(
      ids.design,
    );
    await app.page.keyboard.press('Enter');
    await app.page.getByRole('region', { name: 'Design review' }).waitFor();
    expect(await row(ids.design).getAttribute('aria-selected')).toBe('true');
    // Opening it read it: the mention and the badge go.
    await expect.poll(() => row(ids.design).textContent(), { timeout: 15_000 }).not.toContain('[@me]');
    expect(await row(ids.design).locator('.chats-row-badge').count()).toBe(0);
    // Back in the list (the composer took the focus), End goes to the last row.
    await row(ids.design).focus();
    await app.page.keyboard.press('End');
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('data-conversation-id'))).toBe(
      ids.wang,
    );
  });

  it('pins, mutes and marks read from the context menu, with the mouse or the keyboard', async () => {
    await row(ids.wang).click({ button: 'right' });
    await app.page
      .getByRole('menu', { name: 'Actions for 王芳' })
      .getByRole('menuitem', { name: 'Pin to top' })
      .click();
    await expect
      .poll(titles, { timeout: 15_000 })
      .toEqual([
        'Li Lei',
        '王芳',
        'Zhao Min',
        '陈静',
        'Design review',
        '午饭小分队',
        'Product launch 2025: planning and all-hands coordination',
      ]);

    // Shift+F10 on a focused row opens the same menu; the arrows move in it.
    await row(ids.launch).focus();
    await app.page.keyboard.press('Shift+F10');
    const menu = app.page.getByRole('menu');
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Pin to top',
      'Mute notifications',
      'Mark as read',
    ]);
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('Enter');
    await row(ids.launch).getByRole('img', { name: 'Muted', exact: true }).waitFor({ timeout: 15_000 });
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('data-conversation-id'))).toBe(
      ids.launch,
    );

    await row(ids.lunch).click({ button: 'right' });
    await app.page.getByRole('menuitem', { name: 'Mark as read' }).click();
    await expect
      .poll(() => row(ids.lunch).getByRole('img', { name: 'Unread messages, muted' }).count(), {
        timeout: 15_000,
      })
      .toBe(0);

    await row(ids.wang).click({ button: 'right' });
    await app.page.getByRole('menuitem', { name: 'Unpin' }).click();
    await expect.poll(async () => (await titles()).at(-1), { timeout: 15_000 }).toBe('王芳');
    expect(app.problems()).toEqual([]);
  });

  it('searches people, groups and messages, and jumps to a message in its conversation', async () => {
    const { page } = app;
    const box = page.getByRole('combobox', { name: 'Search people, groups and messages' });
    const results = page.getByRole('listbox', { name: 'Search results' });

    await box.fill('review');
    const groups = results.getByRole('group', { name: 'Groups' });
    await groups.getByRole('option', { name: /Design review/ }).waitFor();
    const messages = results.getByRole('group', { name: 'Messages' });
    const hit = messages.getByRole('option').filter({ hasText: 'Can you review my PR?' });
    await hit.waitFor({ timeout: 15_000 });
    expect(await hit.locator('mark').allTextContents()).toEqual(['review']);
    await saveScreenshot(page, 'chats-search-light-en');

    await hit.click();
    const view = page.getByRole('region', { name: 'Li Lei' });
    await view.getByRole('article').filter({ hasText: 'Can you review my PR?' }).waitFor();
    // The results stay for the next hit; Esc clears them and the list comes back.
    await box.press('Escape');
    await page.getByRole('listbox', { name: 'Conversations' }).waitFor();
    expect(await box.inputValue()).toBe('');

    // A person: the arrows go into the results, Enter opens the chat with them.
    await box.fill('zhao');
    const people = results.getByRole('group', { name: 'People' });
    await people.getByRole('option', { name: /Zhao Min/ }).waitFor();
    await box.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Zhao Min' }).waitFor();
    expect(await box.inputValue()).toBe('');
    expect(app.problems()).toEqual([]);
  });

  it('jumps to a conversation with Ctrl+K, by part of its name', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Jump to a conversation' });
    const input = dialog.getByRole('combobox');
    await input.waitFor();
    // Nothing typed: the most recent first.
    const shown = () => dialog.locator('.switcher-title').allTextContents();
    expect((await shown())[0]).toBe('Zhao Min');
    await input.fill('LAUNCH');
    expect(await shown()).toEqual(['Product launch 2025: planning and all-hands coordination']);
    await input.fill('饭');
    await saveScreenshot(page, 'chats-switcher-light-en');
    await input.press('Enter');
    await page.getByRole('region', { name: '午饭小分队' }).waitFor();
    expect(await dialog.count()).toBe(0);

    await page.keyboard.press('Control+k');
    await input.waitFor();
    await input.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(app.problems()).toEqual([]);
  });
});
