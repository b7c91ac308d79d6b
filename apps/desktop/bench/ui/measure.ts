import { readFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { coresBusy, machineCpu, QUIET_CORES, waitForQuiet } from '../../../server/bench/machine.js';
import type { DesktopCore } from '../../src/core/desktop-core.js';
import type { ParleyApp } from '../../test/e2e/support/index.js';
import { buildPageScript } from '../../test/e2e/support/build.js';
import type { HistorySource, UiBenchOptions } from './options.js';
import type { FrameRun, OlderPageRun } from './probe.js';
import type { SeededConversation } from './seed.js';

/** bench/ui/probe.ts as one browser script, for page.addInitScript. */
export async function buildProbe(outDir: string): Promise<string> {
  return readFileSync(await buildPageScript('bench/ui/probe.ts', 'parleyBenchProbe', outDir), 'utf8');
}

export interface Memory {
  /** V8's heap, after a full GC (bytes). */
  jsHeap: number;
  /** Blink's garbage-collected heap (DOM nodes and the like), after the same GC (bytes). */
  domHeap: number;
  /** DOM nodes (Memory.getDOMCounters). */
  nodes: number;
}

export async function memory(cdp: CDPSession): Promise<Memory> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  return { jsHeap: heap.usedSize, domHeap: heap.embedderHeapUsedSize, nodes: counters.nodes };
}

export interface OpenSample {
  /** Cores other work kept busy just before (the bench idle), after waiting up to 30 s for quiet. */
  otherCores: number;
  ms: number;
  longTasks: number[];
  rows: number;
  memory: Memory;
}

/** One older page as the list loaded it, with the core's part of it. */
export type PageSample = OlderPageRun & {
  /** DesktopCore.olderPage, from the IPC call in to its answer (cache, or the server too). */
  coreMs: number | null;
  /** From reaching the top to the core's call: the list's startReached throttle, the store, IPC in. */
  waitMs: number | null;
  /** From the core's answer to the painted frame: IPC out, the store, React, the list, paint. */
  afterMs: number | null;
  items: number | null;
};

/** A DesktopCore.olderPage call, in epoch milliseconds. */
export interface CoreCall {
  startedAt: number;
  endedAt: number;
  ms: number;
  items: number;
}

export interface ConversationRun {
  label: string;
  source: HistorySource;
  messages: number;
  /** Messages of it in the device's cache when the run started. */
  cachedAtStart: number;
  opens: OpenSample[];
  idle: FrameRun;
  /** The steady scroll up from the newest message, older pages loading as it goes. */
  scroll: FrameRun;
  /** Older pages the steady scroll loaded. */
  scrollPages: number;
  pages: PageSample[];
  /** Refreshes of the visible range (DesktopCore.around) while the pages loaded one at a time. */
  refreshes: number;
  jump: { ms: number; frames: FrameRun };
  /** After the pages and the jump back: the window holds every page loaded. */
  afterPages: { rows: number; listElements: number; memory: Memory; windowItems: number };
  /** The same steady scroll again, through rows already loaded (no paging). */
  scrollLoaded: FrameRun;
  /** Cores other work kept busy just before browsing (the bench idle), and the machine's busy cores while it ran (everything). */
  otherCores: number;
  busyCores: number;
}

export interface NaiveRun {
  /** Cores other work kept busy just before (the bench idle). */
  otherCores: number;
  rows: number;
  insertMs: number;
  /** What adding them cost: elements, heaps (after GC), against the page before. */
  elementsAdded: number;
  memoryAdded: Memory;
  scroll: FrameRun;
}

/** Records the core's olderPage calls (the IPC handler calls it on the core at call time). */
export function timeOlderPages(core: DesktopCore): CoreCall[] {
  const calls: CoreCall[] = [];
  const original = core.olderPage.bind(core);
  core.olderPage = async (conversationId, beforeSeq, limit) => {
    const start = performance.now();
    const page = await original(conversationId, beforeSeq, limit);
    const end = performance.now();
    calls.push({
      startedAt: performance.timeOrigin + start,
      endedAt: performance.timeOrigin + end,
      ms: end - start,
      items: page.items.length,
    });
    return page;
  };
  return calls;
}

/** Counts DesktopCore.around calls: the renderer's refresh of what is on screen after a `changed` event. */
export function countRefreshes(core: DesktopCore): { count: number } {
  const counter = { count: 0 };
  const original = core.around.bind(core);
  core.around = (conversationId, seq, limit) => {
    counter.count += 1;
    return original(conversationId, seq, limit);
  };
  return counter;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A fresh window (reload) with the conversation list shown and the page settled. */
async function freshWindow(app: ParleyApp, conversationId: string): Promise<void> {
  await app.page.reload();
  await app.page.locator(`[data-conversation-id="${conversationId}"]`).waitFor({ timeout: 30_000 });
  await sleep(750);
}

/** Opens the conversation from a fresh window: click to newest message on screen, then what it holds. */
export async function openOnce(
  app: ParleyApp,
  cdp: CDPSession,
  conversation: SeededConversation,
): Promise<OpenSample> {
  await freshWindow(app, conversation.id);
  const otherCores = await waitForQuiet(QUIET_CORES, 30_000);
  const opened = await app.page.evaluate(([id, key]) => window.parleyBench.open(id, key, 60_000), [
    conversation.id,
    conversation.newestKey,
  ] as const);
  // The rest of opening (receipts, names, the read mark) settles before the figures are taken.
  await sleep(1000);
  const rows = await app.page.evaluate(() => window.parleyBench.rows());
  return { otherCores, ms: opened.ms, longTasks: opened.longTasks, rows, memory: await memory(cdp) };
}

/**
 * Everything after opening, on one window: frames at rest, a steady scroll up (older pages
 * loading under it), `pages` older pages one at a time from the top of the window, the jump back
 * to the newest message, and the steady scroll again through rows already loaded.
 */
export async function browseConversation(
  app: ParleyApp,
  cdp: CDPSession,
  conversation: SeededConversation,
  coreCalls: CoreCall[],
  refreshes: { count: number },
  options: UiBenchOptions,
  log: (line: string) => void,
): Promise<Omit<ConversationRun, 'label' | 'source' | 'messages' | 'cachedAtStart' | 'opens'>> {
  const { page } = app;
  const scrollMs = options.scrollSeconds * 1000;
  await freshWindow(app, conversation.id);
  await page.evaluate(([id, key]) => window.parleyBench.open(id, key, 60_000), [
    conversation.id,
    conversation.newestKey,
  ] as const);
  await sleep(1000);
  const otherCores = await waitForQuiet(QUIET_CORES, 60_000);
  const cpu = machineCpu();
  const idle = await page.evaluate((ms) => window.parleyBench.idle(ms), 2000);
  const before = coreCalls.length;
  const scroll = await page.evaluate(([speed, ms]) => window.parleyBench.scrollUp(speed, ms), [
    options.speed,
    scrollMs,
  ] as const);
  // Let a page the scroll asked for land before the one-at-a-time pages start.
  await sleep(1000);
  const scrollPages = coreCalls.length - before;

  const pages: PageSample[] = [];
  const refreshesBefore = refreshes.count;
  for (let i = 0; i < options.pages; i++) {
    const calls = coreCalls.length;
    const run = await page.evaluate((timeout) => window.parleyBench.olderPage(timeout), 30_000);
    if (run.ms === null && run.beginning) break;
    const call = coreCalls.length > calls ? coreCalls[coreCalls.length - 1] : undefined;
    pages.push({
      ...run,
      coreMs: call?.ms ?? null,
      waitMs: call ? call.startedAt - run.startedAt : null,
      afterMs: call && run.renderedAt !== null ? run.renderedAt - call.endedAt : null,
      items: call?.items ?? null,
    });
    if ((i + 1) % 10 === 0) log(`  ${i + 1} older pages…`);
  }
  const refreshed = refreshes.count - refreshesBefore;
  // The newest page the list opened with, and every older page since.
  const windowItems = 50 + coreCalls.slice(before).reduce((sum, c) => sum + c.items, 0);

  const jump = await page.evaluate(
    (key) => window.parleyBench.jumpToLatest(key, 60_000),
    conversation.newestKey,
  );
  await sleep(1000);
  const rows = await page.evaluate(() => window.parleyBench.rows());
  const listElements = await page.evaluate(() => window.parleyBench.listElements());
  const afterPages = { rows, listElements, memory: await memory(cdp), windowItems };
  const scrollLoaded = await page.evaluate(([speed, ms]) => window.parleyBench.scrollUp(speed, ms), [
    options.speed,
    scrollMs,
  ] as const);
  const busyCores = coresBusy(cpu, machineCpu());
  return {
    idle,
    scroll,
    scrollPages,
    pages,
    refreshes: refreshed,
    jump,
    afterPages,
    scrollLoaded,
    otherCores,
    busyCores,
  };
}

/**
 * The naive list: the newest `count` rows as the app rendered them, harvested from the page, then
 * put in one plain scrolling container in place of the virtualised list (no React, no
 * virtualisation: a lower bound on what rendering them all would cost).
 */
export async function naiveList(app: ParleyApp, cdp: CDPSession, count: number, options: UiBenchOptions) {
  const { page } = app;
  const rows = await page.evaluate((n) => window.parleyBench.harvestRows(n), count);
  await sleep(500);
  const otherCores = await waitForQuiet(QUIET_CORES, 60_000);
  const elementsBefore = await page.evaluate(() => window.parleyBench.elements());
  const before = await memory(cdp);
  const { ms } = await page.evaluate((html) => window.parleyBench.showNaive(html), rows);
  await sleep(1000);
  const elementsAfter = await page.evaluate(() => window.parleyBench.elements());
  const after = await memory(cdp);
  const scroll = await page.evaluate(([speed, s]) => window.parleyBench.scrollUp(speed, s), [
    options.speed,
    options.scrollSeconds * 1000,
  ] as const);
  const run: NaiveRun = {
    otherCores,
    rows: rows.length,
    insertMs: ms,
    elementsAdded: elementsAfter - elementsBefore,
    memoryAdded: {
      jsHeap: after.jsHeap - before.jsHeap,
      domHeap: after.domHeap - before.domHeap,
      nodes: after.nodes - before.nodes,
    },
    scroll,
  };
  return run;
}
