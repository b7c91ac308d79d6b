/*
 * Runs in the page (bundled by probe-build.ts, added with page.addInitScript): the UI bench's
 * stopwatch. It only reads the DOM, clicks and scrolls as a user would, and times with
 * performance.now() and requestAnimationFrame; it never reaches into the renderer's state. The Node
 * side calls it through `window.parleyBench`.
 */

/** A run of animation frames: what the user sees while the list scrolls (or sits still). */
export interface FrameRun {
  /** Milliseconds between consecutive requestAnimationFrame callbacks. */
  deltas: number[];
  /** Durations of the long tasks (over 50 ms) reported while it ran. */
  longTasks: number[];
  /** Unexpected moves of the row being watched, in px: content jumping under the reader. */
  jumps: number[];
  /** How far the list scrolled, in px. */
  distance: number;
  /** Time spent held at the top of the loaded window (waiting for an older page), in ms. */
  stalledMs: number;
  /** Rows added above the ones on screen meanwhile (older pages arriving), by the list's indexes. */
  rowsAdded: number;
  ms: number;
}

/** One older page: the list is scrolled to the top of its window and an older page goes in above. */
export interface OlderPageRun {
  /** From reaching the top to the first painted frame with the older rows; null if none came. */
  ms: number | null;
  /** When the top was reached and when the older rows were painted (epoch ms), to line up with the core's call. */
  startedAt: number;
  renderedAt: number | null;
  /**
   * How far the anchor row moved before the older page came, while the rows at the top were
   * rendered and measured for the first time (they were jumped to, not scrolled through).
   */
  settleMove: number;
  /** The most the anchor moved, from the last frame before the older page to 20 frames after it. */
  maxShift: number;
  /** Where it ended up 20 frames after the older page, relative to the last frame before (0: kept). */
  finalShift: number;
  /** The anchor was still in the DOM at the end. */
  anchorKept: boolean;
  /** The beginning of the conversation is shown (nothing older to load). */
  beginning: boolean;
  /** Rows in the DOM at the end. */
  rows: number;
}

export interface BenchProbe {
  /** Clicks the conversation's row; resolves when the row `newestKey` is entirely on screen. */
  open(
    conversationId: string,
    newestKey: string,
    timeoutMs: number,
  ): Promise<{ ms: number; longTasks: number[] }>;
  /** Whether the row is entirely inside the list's viewport. */
  visible(rowKey: string): boolean;
  /** Rows (list items) the list has in the DOM. */
  rows(): number;
  /** Elements in the document. */
  elements(): number;
  /** Elements in the list's viewport. */
  listElements(): number;
  /** Frames while nothing happens: the compositor's own cadence. */
  idle(ms: number): Promise<FrameRun>;
  /** Scrolls the list up at a steady speed, as a held scroll or a trackpad swipe would. */
  scrollUp(pxPerSecond: number, ms: number): Promise<FrameRun>;
  /** Scrolls to the top of the loaded window and waits for the older page the list then asks for. */
  olderPage(timeoutMs: number): Promise<OlderPageRun>;
  /** Clicks "jump to latest"; resolves when the row `newestKey` is entirely on screen. */
  jumpToLatest(newestKey: string, timeoutMs: number): Promise<{ ms: number; frames: FrameRun }>;
  /** Times `n` calls of a trivial IPC (app.info) one after another. */
  ipcRoundTrips(n: number): Promise<number[]>;
  /**
   * Collects the HTML of the newest `count` rows as rendered, by scrolling up through them a
   * screen at a time (for the naive list). Leaves the list where it ends.
   */
  harvestRows(count: number): Promise<string[]>;
  /**
   * Replaces the virtualised list by a plain scrolling container holding all `rows` (HTML, as
   * harvested), scrolled to the bottom; resolves with the time to insert and lay them out.
   */
  showNaive(rows: string[]): Promise<{ ms: number }>;
}

declare global {
  interface Window {
    /** Set by this script before the renderer loads. */
    parleyBench: BenchProbe;
  }
}

/** The list's viewport: the naive list's when it is shown. */
const scroller = (): HTMLElement => {
  const el =
    document.querySelector<HTMLElement>('.bench-naive') ??
    document.querySelector<HTMLElement>('.conv-scroller');
  if (!el) throw new Error('probe: no message list on screen');
  return el;
};

/**
 * The next frame: `during` runs in its animation-frame callback (before style, layout, resize
 * observers and paint); resolves once the frame is painted (a task queued from that callback runs
 * after the rendering steps), with the frame's time. Positions read then are what was painted,
 * including anything the list corrected in its resize observers.
 */
function frame(during?: (time: number) => void): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame((time) => {
      during?.(time);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        resolve(time);
      };
      channel.port2.postMessage(null);
    });
  });
}

const nextFrame = () => frame();

/** Epoch milliseconds, comparable with the Node side's performance.timeOrigin + performance.now(). */
const epoch = (at: number) => performance.timeOrigin + at;

const rowByKey = (key: string) => document.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`);

/**
 * Where a message is on screen: the top of its bubble, what the reader reads. (Its row also
 * holds a day separator or the avatar when it starts a day or a run of messages, and those go when
 * an older page puts the day's or the run's start above it.)
 */
function messageTop(key: string): number | null {
  const row = rowByKey(key);
  return (row?.querySelector('.msg-bubble') ?? row)?.getBoundingClientRect().top ?? null;
}

function inside(el: Element, box: DOMRect): boolean {
  const r = el.getBoundingClientRect();
  return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && r.height > 0;
}

function visible(key: string): boolean {
  const el = rowByKey(key);
  return el !== null && inside(el, scroller().getBoundingClientRect());
}

function listItems(): HTMLElement[] {
  return [...scroller().querySelectorAll<HTMLElement>('[role="listitem"]')];
}

/** The list's own index of each row in the DOM (virtuoso's data-item-index: stable as pages go in above). */
function indexes(): number[] {
  return listItems()
    .map((el) => Number(el.dataset.itemIndex))
    .filter((n) => Number.isFinite(n));
}

function minIndex(): number {
  return Math.min(...indexes());
}

/** A message row entirely on screen, nearest to the viewport's middle: what the reader is looking at. */
function anchorRow(box: DOMRect): HTMLElement | null {
  const middle = (box.top + box.bottom) / 2;
  let best: HTMLElement | null = null;
  let distance = Infinity;
  for (const el of scroller().querySelectorAll<HTMLElement>('[data-row-key]')) {
    if (!inside(el, box)) continue;
    const r = el.getBoundingClientRect();
    const d = Math.abs((r.top + r.bottom) / 2 - middle);
    if (d < distance) {
      distance = d;
      best = el;
    }
  }
  return best;
}

function watchLongTasks(): () => number[] {
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  observer.observe({ type: 'longtask' });
  return () => {
    for (const e of observer.takeRecords()) tasks.push(e.duration);
    observer.disconnect();
    return tasks;
  };
}

const beginningShown = () => document.querySelector('.conv-beginning') !== null;

/**
 * Frames until `done` says stop, scrolling by `pxPerSecond` (negative: up) in each frame's
 * animation callback, and watching the row nearest the middle after each paint: from one painted
 * frame to the next it must move by exactly what we scrolled; anything else is content jumping
 * under the reader.
 */
async function frames(pxPerSecond: number, done: (elapsed: number) => boolean): Promise<FrameRun> {
  const el = scroller();
  const stopLongTasks = watchLongTasks();
  const deltas: number[] = [];
  const jumps: number[] = [];
  const start = performance.now();
  const firstIndex = minIndex();
  let lowest = firstIndex;
  let previous = await nextFrame();
  let owed = 0;
  let distance = 0;
  let stalledMs = 0;
  let watched: { key: string; top: number } | null = null;
  for (;;) {
    let moved = 0;
    let delta = 0;
    previous = await frame((time) => {
      delta = time - previous;
      if (pxPerSecond === 0) return;
      owed += (pxPerSecond * delta) / 1000;
      const step = Math.trunc(owed);
      owed -= step;
      const before = el.scrollTop;
      // As a trackpad or wheel does: input events, then the scroll they make.
      if (step !== 0) el.dispatchEvent(new WheelEvent('wheel', { deltaY: step, bubbles: true }));
      el.scrollTop = before + step;
      moved = el.scrollTop - before;
      distance += Math.abs(moved);
      if (step !== 0 && moved === 0) stalledMs += delta;
    });
    deltas.push(delta);
    const top = watched ? messageTop(watched.key) : null;
    if (watched && top !== null) {
      const jump = top - (watched.top - moved);
      if (Math.abs(jump) > 1) jumps.push(jump);
    }
    lowest = Math.min(lowest, minIndex());
    if (done(performance.now() - start)) break;
    const key = anchorRow(el.getBoundingClientRect())?.dataset.rowKey;
    const at = key ? messageTop(key) : null;
    watched = key && at !== null ? { key, top: at } : null;
  }
  return {
    deltas,
    longTasks: stopLongTasks(),
    jumps,
    distance,
    stalledMs,
    rowsAdded: firstIndex - lowest,
    ms: performance.now() - start,
  };
}

const probe: BenchProbe = {
  async open(conversationId, newestKey, timeoutMs) {
    const row = document.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(conversationId)}"]`);
    if (!row) throw new Error(`probe: no row for conversation ${conversationId}`);
    const stopLongTasks = watchLongTasks();
    const start = performance.now();
    row.click();
    for (;;) {
      await nextFrame();
      const elapsed = performance.now() - start;
      if (document.querySelector('.conv-scroller') && visible(newestKey))
        return { ms: elapsed, longTasks: stopLongTasks() };
      if (elapsed > timeoutMs) throw new Error(`probe: the newest message was not shown in ${timeoutMs} ms`);
    }
  },

  visible,

  rows: () => listItems().length,

  elements: () => document.getElementsByTagName('*').length,

  listElements: () => scroller().getElementsByTagName('*').length,

  idle: (ms) => frames(0, (elapsed) => elapsed >= ms),

  scrollUp: (pxPerSecond, ms) => frames(-pxPerSecond, (elapsed) => elapsed >= ms),

  async olderPage(timeoutMs) {
    const el = scroller();
    const rowsNow = () => listItems().length;
    const none = { ms: null, startedAt: 0, renderedAt: null, settleMove: 0, maxShift: 0, finalShift: 0 };
    if (beginningShown() && el.scrollTop === 0)
      return { ...none, anchorKept: true, beginning: true, rows: rowsNow() };
    const start = performance.now();
    // Up to the top as a reader gets there (Home, or the last turn of the wheel), then still.
    el.dispatchEvent(new WheelEvent('wheel', { deltaY: -el.scrollTop, bubbles: true }));
    el.scrollTop = 0;
    // The rows at the top render (and get measured) in the next frames. Until the older page is in,
    // the anchor is the message of the topmost row entirely on screen, where it was last painted;
    // the first painted frame with a row of a lower index than the window's first has the older page.
    let anchor: { key: string; first: number; top: number; windowFirst: number } | null = null;
    let loadedAt: number | null = null;
    let renderedAt: number | null = null;
    let after = 0;
    let settleMove = 0;
    let maxShift = 0;
    let shift = 0;
    let kept = true;
    for (;;) {
      await nextFrame();
      const elapsed = performance.now() - start;
      if (loadedAt === null) {
        const top = anchor ? messageTop(anchor.key) : null;
        if (anchor && top !== null && minIndex() < anchor.windowFirst) {
          loadedAt = elapsed;
          renderedAt = epoch(performance.now());
          shift = top - anchor.top;
          maxShift = Math.abs(shift);
        } else if (anchor && top !== null) {
          settleMove = Math.max(settleMove, Math.abs(top - anchor.first));
          anchor.top = top;
        } else if (el.scrollTop === 0) {
          const box = el.getBoundingClientRect();
          const first = listItems()
            .filter((item) => inside(item, box) && item.querySelector('[data-row-key]'))
            .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
          const key = first?.querySelector<HTMLElement>('[data-row-key]')?.dataset.rowKey;
          const at = key ? messageTop(key) : null;
          if (key && at !== null) anchor = { key, first: at, top: at, windowFirst: minIndex() };
        }
      } else {
        const top = anchor ? messageTop(anchor.key) : null;
        kept = top !== null;
        if (anchor && top !== null) {
          shift = top - anchor.top;
          maxShift = Math.max(maxShift, Math.abs(shift));
        }
        if (++after >= 20) break;
      }
      if (loadedAt === null && beginningShown() && anchor && elapsed > 500) break;
      if (elapsed > timeoutMs) break;
    }
    return {
      ms: loadedAt,
      startedAt: epoch(start),
      renderedAt,
      settleMove,
      maxShift,
      finalShift: shift,
      anchorKept: kept,
      beginning: beginningShown(),
      rows: rowsNow(),
    };
  },

  async jumpToLatest(newestKey, timeoutMs) {
    const button = document.querySelector<HTMLElement>('.conv-jump');
    if (!button) throw new Error('probe: no jump-to-latest button');
    const start = performance.now();
    button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    button.click();
    let ms = 0;
    const run = await frames(0, (elapsed) => {
      if (visible(newestKey)) {
        ms = performance.now() - start;
        return true;
      }
      if (elapsed > timeoutMs) throw new Error(`probe: the newest message was not shown in ${timeoutMs} ms`);
      return false;
    });
    return { ms, frames: run };
  },

  async ipcRoundTrips(n) {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      await window.parley.app.info();
      times.push(performance.now() - start);
    }
    return times;
  },

  async harvestRows(count) {
    const el = scroller();
    el.scrollTop = el.scrollHeight;
    for (let i = 0; i < 10; i++) await nextFrame();
    const html = new Map<number, string>();
    let stuck = 0;
    while (html.size < count && stuck < 20) {
      await nextFrame();
      await nextFrame();
      const size = html.size;
      for (const item of listItems()) {
        const index = Number(item.dataset.itemIndex);
        if (Number.isFinite(index) && !html.has(index)) html.set(index, item.outerHTML);
      }
      stuck = html.size === size ? stuck + 1 : 0;
      el.scrollTop = Math.max(0, el.scrollTop - el.clientHeight * 0.8);
    }
    return [...html]
      .sort(([a], [b]) => a - b)
      .slice(-count)
      .map(([, row]) => row);
  },

  async showNaive(rows) {
    const host = scroller().parentElement;
    if (!host) throw new Error('probe: the list has no parent');
    await nextFrame();
    const start = performance.now();
    const naive = document.createElement('div');
    naive.className = 'conv-scroller bench-naive';
    naive.style.cssText = 'position:absolute;inset:0;overflow-y:auto';
    const list = document.createElement('div');
    list.setAttribute('role', 'list');
    list.setAttribute('data-message-list', '');
    // Without the style virtuoso gives its items (here they flow one after another). The page's CSP
    // refuses style attributes in parsed HTML, so the rows' own inline styles go in through the
    // CSSOM, as React sets them.
    list.innerHTML = rows
      .map((row) =>
        row.replace(/^(<div[^>]*?) style="[^"]*"/, '$1').replaceAll(' style="', ' data-bench-style="'),
      )
      .join('');
    for (const styled of list.querySelectorAll<HTMLElement>('[data-bench-style]')) {
      styled.style.cssText = styled.dataset.benchStyle ?? '';
      styled.removeAttribute('data-bench-style');
    }
    naive.append(list);
    for (const child of host.children) (child as HTMLElement).style.display = 'none';
    host.style.position = 'relative';
    host.append(naive);
    naive.scrollTop = naive.scrollHeight;
    void naive.getBoundingClientRect();
    await nextFrame();
    return { ms: performance.now() - start };
  },
};

window.parleyBench = probe;
