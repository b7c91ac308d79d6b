import { BUSY_CORES } from '../../../server/bench/machine.js';
import { ms, summarize, table } from '../stats.js';
import type { ConversationRun, Memory, NaiveRun, PageSample } from './measure.js';
import type { UiBenchOptions } from './options.js';
import type { FrameRun } from './probe.js';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const count = (n: number) => n.toLocaleString('en-US');
const median = (values: number[]) => summarize(values).p50;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');

function frameLine(run: FrameRun): string {
  const s = summarize(run.deltas);
  return `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)}`;
}

function longTaskLine(run: FrameRun): string {
  const total = run.longTasks.reduce((a, b) => a + b, 0);
  return run.longTasks.length === 0
    ? 'none'
    : `${run.longTasks.length}, ${ms(total)} in all, longest ${ms(Math.max(...run.longTasks))}`;
}

function jumpLine(run: FrameRun): string {
  return run.jumps.length === 0
    ? 'none'
    : `${run.jumps.length}, largest ${Math.max(...run.jumps.map(Math.abs)).toFixed(0)} px`;
}

export interface RunFigures {
  open: number;
  rows: number;
  memory: Memory;
  scrollP95: number;
  loadedP95: number;
  pageP50: number;
  jump: number;
}

export function figures(run: ConversationRun): RunFigures {
  const loaded = run.pages.flatMap((p) => (p.ms === null ? [] : [p.ms]));
  return {
    open: median(run.opens.map((o) => o.ms)),
    rows: median(run.opens.map((o) => o.rows)),
    memory: {
      jsHeap: median(run.opens.map((o) => o.memory.jsHeap)),
      domHeap: median(run.opens.map((o) => o.memory.domHeap)),
      nodes: median(run.opens.map((o) => o.memory.nodes)),
    },
    scrollP95: summarize(run.scroll.deltas).p95,
    loadedP95: summarize(run.scrollLoaded.deltas).p95,
    pageP50: summarize(loaded).p50,
    jump: run.jump.ms,
  };
}

/** The long conversation against the baseline, each row with its ratio. */
export function comparison(big: ConversationRun, base: ConversationRun, options: UiBenchOptions): string {
  const b = figures(big);
  const s = figures(base);
  const opens = (run: ConversationRun) => {
    const x = summarize(run.opens.map((o) => o.ms));
    return `${ms(x.p50)} (${ms(Math.min(...run.opens.map((o) => o.ms)))}–${ms(x.max)})`;
  };
  const pageStats = (run: ConversationRun) => {
    const loaded = run.pages.flatMap((p) => (p.ms === null ? [] : [p.ms]));
    const x = summarize(loaded);
    return loaded.length === 0 ? '–' : `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.max)}`;
  };
  const parts = (run: ConversationRun) => {
    const p50 = (pick: (p: PageSample) => number | null) => {
      const values = run.pages.flatMap((p) => {
        const v = pick(p);
        return v === null ? [] : [v];
      });
      return values.length === 0 ? '–' : ms(summarize(values).p50);
    };
    return `${p50((p) => p.waitMs)} + ${p50((p) => p.coreMs)} + ${p50((p) => p.afterMs)}`;
  };
  /** Where the anchor ended up: in place, off by about a row, or further (and the furthest). */
  const kept = (run: ConversationRun) => {
    const loaded = run.pages.filter((p) => p.ms !== null);
    const off = loaded.map((p) => (p.anchorKept ? Math.abs(p.finalShift) : Infinity));
    const inPlace = off.filter((d) => d <= 1).length;
    const aRow = off.filter((d) => d > 1 && d <= 60).length;
    const worst = Math.max(0, ...off.filter((d) => d > 60));
    return `${inPlace} / ${aRow} / ${loaded.length - inPlace - aRow} (up to ${worst.toFixed(0)} px)`;
  };
  const flashes = (run: ConversationRun) =>
    `${Math.max(0, ...run.pages.filter((p) => p.ms !== null).map((p) => p.maxShift)).toFixed(0)} px`;
  const settle = (run: ConversationRun) =>
    `${Math.max(0, ...run.pages.map((p) => p.settleMove)).toFixed(0)} px`;
  const ends = (run: ConversationRun) => {
    const loaded = run.pages.flatMap((p) => (p.ms === null ? [] : [p.ms]));
    if (loaded.length < 10) return '–';
    return `${ms(median(loaded.slice(0, 5)))} → ${ms(median(loaded.slice(-5)))}`;
  };
  const cores = (run: ConversationRun) => {
    const most = Math.max(run.otherCores, ...run.opens.map((o) => o.otherCores));
    return `${most.toFixed(2)}${most >= BUSY_CORES ? ' (DISTURBED)' : ''}`;
  };
  const scrollLabel = `${count(options.speed)} px/s for ${options.scrollSeconds} s`;
  const rows: string[][] = [
    ['open: click → newest message on screen, p50 (min–max)', opens(big), opens(base), ratio(b.open, s.open)],
    ['  rows in the DOM after open', String(b.rows), String(s.rows), ratio(b.rows, s.rows)],
    [
      '  JS heap after open (after GC)',
      mib(b.memory.jsHeap),
      mib(s.memory.jsHeap),
      ratio(b.memory.jsHeap, s.memory.jsHeap),
    ],
    [
      '  DOM heap after open (Blink GC heap)',
      mib(b.memory.domHeap),
      mib(s.memory.domHeap),
      ratio(b.memory.domHeap, s.memory.domHeap),
    ],
    [
      '  DOM nodes after open',
      count(b.memory.nodes),
      count(s.memory.nodes),
      ratio(b.memory.nodes, s.memory.nodes),
    ],
    ['frames at rest, p50 / p95 / max', frameLine(big.idle), frameLine(base.idle), ''],
    [
      `scroll up ${scrollLabel}: frame p50 / p95 / max`,
      frameLine(big.scroll),
      frameLine(base.scroll),
      `p95 ${ratio(b.scrollP95, s.scrollP95)}`,
    ],
    ['  long tasks', longTaskLine(big.scroll), longTaskLine(base.scroll), ''],
    ['  rows jumping under the reader', jumpLine(big.scroll), jumpLine(base.scroll), ''],
    ['  held at the top waiting for a page', ms(big.scroll.stalledMs), ms(base.scroll.stalledMs), ''],
    [
      '  distance; older pages it loaded',
      `${count(Math.round(big.scroll.distance))} px; ${big.scrollPages}`,
      `${count(Math.round(base.scroll.distance))} px; ${base.scrollPages}`,
      '',
    ],
    [
      `older pages one at a time (asked ${options.pages}): loaded`,
      String(big.pages.filter((p) => p.ms !== null).length),
      String(base.pages.filter((p) => p.ms !== null).length),
      '',
    ],
    [
      '  top reached → page rendered, p50 / p95 / max',
      pageStats(big),
      pageStats(base),
      `p50 ${ratio(b.pageP50, s.pageP50)}`,
    ],
    [
      '  p50 of: wait (list throttle, IPC in) + core + after (IPC out, React, paint)',
      parts(big),
      parts(base),
      '',
    ],
    ['  first 5 pages → last 5 pages, p50', ends(big), ends(base), ''],
    ['  anchor message after 20 frames: in place ±1 px / off ≤ 60 px / further', kept(big), kept(base), ''],
    ['  largest move of it in any frame after the page', flashes(big), flashes(base), ''],
    [
      '  refreshes of the visible range meanwhile (core.around)',
      String(big.refreshes),
      String(base.refreshes),
      '',
    ],
    ['  anchor moved before the page (top rows first measured)', settle(big), settle(base), ''],
    [
      'jump to latest: click → newest message on screen',
      ms(big.jump.ms),
      ms(base.jump.ms),
      ratio(b.jump, s.jump),
    ],
    [
      'after the pages: items the list fetched (it keeps at most 5,000)',
      count(big.afterPages.windowItems),
      count(base.afterPages.windowItems),
      ratio(big.afterPages.windowItems, base.afterPages.windowItems),
    ],
    [
      '  rows in the DOM',
      String(big.afterPages.rows),
      String(base.afterPages.rows),
      ratio(big.afterPages.rows, base.afterPages.rows),
    ],
    [
      '  JS heap (after GC)',
      mib(big.afterPages.memory.jsHeap),
      mib(base.afterPages.memory.jsHeap),
      ratio(big.afterPages.memory.jsHeap, base.afterPages.memory.jsHeap),
    ],
    [
      `scroll up ${scrollLabel} through loaded rows: frame p50 / p95 / max`,
      frameLine(big.scrollLoaded),
      frameLine(base.scrollLoaded),
      `p95 ${ratio(b.loadedP95, s.loadedP95)}`,
    ],
    ['  long tasks', longTaskLine(big.scrollLoaded), longTaskLine(base.scrollLoaded), ''],
    ['  rows jumping under the reader', jumpLine(big.scrollLoaded), jumpLine(base.scrollLoaded), ''],
    ['other work on the machine before the steps, cores (max)', cores(big), cores(base), ''],
    [
      'machine busy while browsing (everything), cores',
      big.busyCores.toFixed(2),
      base.busyCores.toFixed(2),
      '',
    ],
  ];
  return table(
    `${big.source === 'cache' ? 'History in the cache' : 'History from the server'}: ${count(big.messages)} vs ${count(base.messages)} messages (cached when opened: ${count(big.cachedAtStart)} / ${count(base.cachedAtStart)})`,
    ['', count(big.messages), `${count(base.messages)} (baseline)`, 'ratio'],
    rows,
  );
}

/** The virtualised list against the naive one. */
export function naiveComparison(big: ConversationRun, naive: NaiveRun): string {
  const v = summarize(big.scrollLoaded.deltas);
  const n = summarize(naive.scroll.deltas);
  return table(
    `react-virtuoso (the ${count(big.messages)}-message conversation, ${count(big.afterPages.windowItems)} items loaded) vs a naive list of the newest ${count(naive.rows)} rows`,
    ['', 'virtualised', 'naive', 'naive / virtualised'],
    [
      [
        'rows in the DOM',
        String(big.afterPages.rows),
        count(naive.rows),
        ratio(naive.rows, big.afterPages.rows),
      ],
      [
        'elements in the list',
        count(big.afterPages.listElements),
        count(naive.elementsAdded),
        ratio(naive.elementsAdded, big.afterPages.listElements),
      ],
      ['static HTML in: insert, layout, first paint', '–', ms(naive.insertMs), ''],
      [
        'DOM nodes / DOM heap / JS heap added (after GC)',
        '–',
        `${count(naive.memoryAdded.nodes)} / ${mib(naive.memoryAdded.domHeap)} / ${mib(naive.memoryAdded.jsHeap)}`,
        '',
      ],
      [
        'steady scroll: frame p50 / p95 / max',
        frameLine(big.scrollLoaded),
        frameLine(naive.scroll),
        `p95 ${ratio(n.p95, v.p95)}`,
      ],
      ['  long tasks', longTaskLine(big.scrollLoaded), longTaskLine(naive.scroll), ''],
      ['  rows jumping under the reader', jumpLine(big.scrollLoaded), jumpLine(naive.scroll), ''],
      [
        'other work on the machine before, cores',
        big.otherCores.toFixed(2),
        `${naive.otherCores.toFixed(2)}${naive.otherCores >= BUSY_CORES ? ' (DISTURBED)' : ''}`,
        '',
      ],
    ],
  );
}

/** Every older page of a run, for --json. */
export function pageLines(run: ConversationRun): string {
  return table(
    `Older pages, ${run.label}`,
    ['#', 'rendered', 'wait', 'core', 'after', 'items', 'settle move', 'max move', 'end move', 'rows'],
    run.pages.map((p, i) => [
      String(i + 1),
      p.ms === null ? '–' : ms(p.ms),
      p.waitMs === null ? '–' : ms(p.waitMs),
      p.coreMs === null ? '–' : ms(p.coreMs),
      p.afterMs === null ? '–' : ms(p.afterMs),
      String(p.items ?? '–'),
      `${p.settleMove.toFixed(0)} px`,
      `${p.maxShift.toFixed(0)} px`,
      `${p.finalShift.toFixed(0)} px`,
      String(p.rows),
    ]),
  );
}
