import type { Browser, Page } from 'playwright-core';
import { uniqueName, until } from '../../support/harness.js';
import { openApp, type OpenAppOptions, type ParleyApp } from './app.js';

/** The password of every account the e2e tests create. */
export const password = 'correct horse battery';

/** Someone using Parley on one device: the app, and who they are on the server. */
export interface Person {
  readonly app: ParleyApp;
  readonly page: Page;
  readonly id: string;
  readonly username: string;
  /** The display name. */
  readonly name: string;
}

/**
 * Creates an account through the page's window.parley (the call the sign-in form makes) and waits
 * until the core is online.
 */
export async function signUpInPage(
  app: ParleyApp,
  displayName: string,
  username = uniqueName(app.name),
): Promise<{ id: string; username: string }> {
  const result = await app.page.evaluate((request) => window.parley.session.register(request), {
    serverUrl: app.serverUrl,
    username,
    displayName,
    password,
  });
  if (!result.ok) throw new Error(`${app.name} could not register: ${result.error.message}`);
  await until(() => app.core.sync.connection === 'online', 15_000, `${app.name} online`);
  return { id: result.data.me.id, username };
}

/**
 * A new device with a new account, as it looks once signed in: the app opens, signs up through
 * the page, and reloads onto the main window.
 */
export async function openPerson(
  browser: Browser,
  displayName: string,
  options: OpenAppOptions & { server: NonNullable<OpenAppOptions['server']> },
): Promise<Person> {
  const app = await openApp(browser, options);
  const { id, username } = await signUpInPage(app, displayName);
  await app.page.reload();
  await app.page.getByRole('navigation').first().waitFor();
  return { app, page: app.page, id, username, name: displayName };
}

/**
 * `from` asks `to` to be friends and `to` accepts, each through their own page's window.parley
 * (the calls the People screens make), once the request has reached `to`'s device.
 */
export async function befriendInPages(from: Person, to: Person): Promise<void> {
  const asked = await from.page.evaluate((userId) => window.parley.friends.request({ userId }), to.id);
  if (!asked.ok) throw new Error(`friend request: ${asked.error.message}`);
  const requestId = asked.data.request.id;
  await until(
    () => to.app.core.store.social.requests('incoming').some((r) => r.id === requestId),
    15_000,
    `the request from ${from.name} at ${to.name}`,
  );
  const accepted = await to.page.evaluate((id) => window.parley.friends.accept({ requestId: id }), requestId);
  if (!accepted.ok) throw new Error(`accept: ${accepted.error.message}`);
}
