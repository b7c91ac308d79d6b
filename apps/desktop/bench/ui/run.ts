/**
 * The desktop UI under a long conversation: the built renderer (production) in headless Chromium
 * over the real desktop core and a real server, through the e2e harness. A conversation of
 * `--messages` (100,000) and a baseline of `--baseline` (1,000) with the same kind of messages are
 * opened, scrolled and paged through the same way, and printed side by side with ratios.
 * `npm run bench:ui -- --help` for the sizes; docs/benchmarks.md, "Desktop UI", for what is measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import { login, newUser, TestClient } from '../../../server/test/support/client.js';
import { until } from '../../test/support/harness.js';
import {
  buildForE2e,
  closeApps,
  launchBrowser,
  openApp,
  type ParleyApp,
  password,
  signUpInPage,
} from '../../test/e2e/support/index.js';
import { startServer } from '../catch-up.js';
import { ms, summarize } from '../stats.js';
import {
  browseConversation,
  buildProbe,
  countRefreshes,
  type ConversationRun,
  naiveList,
  type NaiveRun,
  openOnce,
  type OpenSample,
  timeOlderPages,
} from './measure.js';
import { type HistorySource, parseUiOptions, type UiBenchOptions } from './options.js';
import { comparison, naiveComparison, pageLines } from './report.js';
import { flood, quiet, type SeededConversation } from './seed.js';

const options = parseUiOptions(process.argv.slice(2));
const root = mkdtempSync(join(tmpdir(), 'parley-ui-bench-'));
const log = (line: string) => {
  console.log(line);
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const count = (n: number) => n.toLocaleString('en-US');

interface AppRuns {
  runs: ConversationRun[];
  ipc: number[];
  naive: NaiveRun | null;
}

/** Opens, scrolls and pages through each conversation on one device, the figures of each. */
async function measureApp(
  app: ParleyApp,
  source: HistorySource,
  conversations: readonly [SeededConversation, SeededConversation],
  probe: string,
  options: UiBenchOptions,
): Promise<AppRuns> {
  const cdp: CDPSession = await app.context.newCDPSession(app.page);
  await app.page.addInitScript({ content: probe });
  const coreCalls = timeOlderPages(app.core);
  const refreshes = countRefreshes(app.core);
  const cachedAtStart = conversations.map((c) => app.core.store.messages.allOf(c.id).length);

  // Each conversation opened from a fresh window, alternating which goes first.
  const opens: OpenSample[][] = conversations.map(() => []);
  for (let round = 0; round < options.opens; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) {
      const conversation = conversations[i];
      if (!conversation) continue;
      const sample = await openOnce(app, cdp, conversation);
      opens[i]?.push(sample);
      log(`  open ${count(conversation.messages)}: ${ms(sample.ms)}, ${sample.rows} rows`);
    }
  }
  const ipc = await app.page.evaluate((n) => window.parleyBench.ipcRoundTrips(n), 50);

  const runs: ConversationRun[] = [];
  let naive: NaiveRun | null = null;
  for (const [i, conversation] of conversations.entries()) {
    const label = `${count(conversation.messages)} messages, history from the ${source}`;
    log(`  browsing ${label}…`);
    const browsed = await browseConversation(app, cdp, conversation, coreCalls, refreshes, options, log);
    runs.push({
      label,
      source,
      messages: conversation.messages,
      cachedAtStart: cachedAtStart[i] ?? 0,
      opens: opens[i] ?? [],
      ...browsed,
    });
    if (i === 0 && source === 'cache' && options.naive > 0) {
      log(`  the naive list of ${count(options.naive)} rows…`);
      naive = await naiveList(app, cdp, options.naive, options);
    }
  }
  await cdp.detach();
  return { runs, ipc, naive };
}

let browser: Browser | undefined;
let server: Awaited<ReturnType<typeof startServer>> | undefined;
const clients: TestClient[] = [];
try {
  log(
    `Parley desktop UI bench: ${count(options.messages)} messages vs ${count(options.baseline)}; ` +
      `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}; load average ${load()}`,
  );
  log('\nbuilding the renderer (production) and the probe…');
  const built = await buildForE2e(join(root, 'build'));
  const probe = await buildProbe(join(root, 'probe'));

  server = await startServer(join(root, 'server'));
  const address = { host: '127.0.0.1', port: Number(new URL(server.url).port) };
  browser = await launchBrowser();
  log(`Chromium ${browser.version()} (headless, --disable-gpu), window 1280×800`);

  // The reader's desktop; the other side of each conversation and the reader's phone on the server.
  const desk = await openApp(browser, {
    server: address,
    build: built,
    name: 'reader',
    language: 'en',
    theme: 'light',
  });
  const reader = await signUpInPage(desk, 'Rita Reader');
  const phone = quiet(await new TestClient(server.url, await login(server.url, reader.username)).connected());
  const senders = [quiet(await newUser(server.url)), quiet(await newUser(server.url))] as const;
  clients.push(phone, ...senders);
  const ids: string[] = [];
  for (const sender of senders) {
    const { request } = await sender.rpc('friends.request', { userId: reader.id });
    await phone.rpc('friends.accept', { requestId: request.id });
    const { conversation } = await sender.rpc('conversations.openDirect', { userId: reader.id });
    ids.push(conversation.id);
  }
  await until(
    () => ids.every((id) => desk.core.store.conversations.get(id) !== undefined),
    30_000,
    'both conversations on the desktop',
  );

  // Written while the desktop is offline; it catches up when it is back, as after time away.
  desk.goOffline();
  log(
    `\nsending ${count(options.messages)} + ${count(options.baseline)} messages, ${options.concurrency} in flight…`,
  );
  const big = await flood(senders[0], phone, ids[0] ?? '', options.messages, options.concurrency, 11);
  const base = await flood(senders[1], phone, ids[1] ?? '', options.baseline, options.concurrency, 11);
  log(`sent in ${big.sendSeconds.toFixed(1)} s + ${base.sendSeconds.toFixed(1)} s`);
  // Read on the phone: the conversations open at the newest message, not at a first unread.
  for (const c of [big, base])
    await phone.rpc('conversations.markRead', { conversationId: c.id, seq: c.head });
  const catchUp = performance.now();
  desk.goOnline();
  const caughtUp = (app: ParleyApp) =>
    until(
      () =>
        [big, base].every(
          (c) =>
            (app.core.store.conversations.get(c.id)?.synced_seq ?? 0) >= c.head &&
            app.core.conversations().find((s) => s.id === c.id)?.unreadCount === 0,
        ),
      900_000,
      'the catch-up',
    );
  await caughtUp(desk);
  await desk.core.sync.settled();
  log(`the desktop caught up in ${((performance.now() - catchUp) / 1000).toFixed(1)} s`);

  const results: AppRuns[] = [];
  if (options.history.includes('cache')) {
    log(`\nhistory in the cache (load average ${load()})`);
    results.push(await measureApp(desk, 'cache', [big, base], probe, options));
  }
  await desk.close();
  if (options.history.includes('server')) {
    // Another device signs in: its core fetches the newest page of each conversation; older
    // pages come from the server as the list asks for them.
    const fresh = await openApp(browser, {
      server: address,
      build: built,
      name: 'new-device',
      language: 'en',
      theme: 'light',
    });
    const signedIn = await fresh.page.evaluate((request) => window.parley.session.login(request), {
      serverUrl: fresh.serverUrl,
      username: reader.username,
      password,
    });
    if (!signedIn.ok) throw new Error(`the second device could not sign in: ${signedIn.error.message}`);
    await caughtUp(fresh);
    await fresh.core.sync.settled();
    log(`\nhistory from the server, on a device that just signed in (load average ${load()})`);
    results.push(await measureApp(fresh, 'server', [big, base], probe, options));
    for (const p of fresh.problems()) log(`problem: [${p.app}] ${p.kind}: ${p.text}`);
  }
  for (const p of desk.problems()) log(`problem: [${p.app}] ${p.kind}: ${p.text}`);
  log(`\nload average at the end: ${load()}`);

  for (const { runs, ipc } of results) {
    const [long, short] = runs;
    if (!long || !short) continue;
    log(comparison(long, short, options));
    const rt = summarize(ipc);
    log(`IPC round trip through the harness (app.info, ${rt.n} calls): p50 ${ms(rt.p50)}, p95 ${ms(rt.p95)}`);
  }
  const cached = results.find((r) => r.runs[0]?.source === 'cache');
  if (cached?.naive && cached.runs[0]) log(naiveComparison(cached.runs[0], cached.naive));
  for (const { runs } of results) for (const run of runs) log(pageLines(run));
  if (options.json) log(JSON.stringify(results, null, 2));
} finally {
  for (const c of clients) c.close();
  await closeApps();
  await browser?.close();
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
}
