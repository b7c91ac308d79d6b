/*
 * Keeps the message being read where it is on screen while the list changes above it (an older
 * page goes in, a refresh replaces rows, a row changes height).
 *
 * react-virtuoso keeps its place by estimates: it moves scrollTop by the estimated height of the
 * rows that went in above, then corrects as they are measured. With chat rows of very different
 * heights that left the reader one or several rows away from where they were. So, besides
 * virtuoso's own bookkeeping, the list notes the bubble the reader is looking at before the change
 * and scrolls by however far that bubble moved: right after each change to the list's DOM or size
 * (observer callbacks run before the browser paints) and last thing in every frame, until the
 * layout has been still for a few frames.
 *
 * Only until the reader moves: a wheel turn, touch, key or pointer press stops it at once (the
 * browser delivers them before the scroll they cause), and so does a scroll that no change to the
 * list explains (a scrollbar being dragged). Holding on would fight the reader's own scrolling.
 */

interface Anchor {
  key: string;
  top: number;
}

/** Frames in a row with the anchor in place before the list is taken as settled. */
const stillFrames = 6;
/** Gives up after this many frames (about 1.5 s) even if the layout keeps moving. */
const maxFrames = 90;
/** Frames the anchor may stay out of the DOM (virtuoso rendering other rows first). */
const missingFrames = 10;

function rowOf(scroller: HTMLElement, key: string): HTMLElement | null {
  return scroller.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`);
}

/** The bubble (or system line) rather than the row: a row's top moves when its day separator or avatar goes. */
function bubbleTop(row: HTMLElement): number {
  return (row.querySelector('.msg-bubble, .msg-system') ?? row).getBoundingClientRect().top;
}

function onScreen(scroller: HTMLElement, row: HTMLElement): boolean {
  const box = scroller.getBoundingClientRect();
  const r = row.getBoundingClientRect();
  return r.height > 0 && r.bottom > box.top && r.top < box.bottom;
}

/** The message row entirely on screen nearest the top: what the reader is looking at. */
function findAnchor(scroller: HTMLElement): Anchor | null {
  const box = scroller.getBoundingClientRect();
  let best: Anchor | null = null;
  for (const row of scroller.querySelectorAll<HTMLElement>('[data-row-key]')) {
    const r = row.getBoundingClientRect();
    if (r.height === 0 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) continue;
    const key = row.dataset.rowKey;
    const top = bubbleTop(row);
    if (key && (best === null || top < best.top)) best = { key, top };
  }
  return best;
}

const userInputs = ['wheel', 'touchstart', 'touchmove', 'keydown', 'pointerdown'] as const;

export class ScrollAnchor {
  private scroller: HTMLElement | null = null;
  private anchor: Anchor | null = null;
  private readonly mutations = new MutationObserver(() => {
    this.layoutChanged = true;
    this.correct();
  });
  /** Whether the list's DOM or size changed since the last frame: scrolls then come from the list. */
  private layoutChanged = false;
  /** The scrollTop our last correction set, to tell our own scroll events from others. */
  private ownScrollTop: number | null = null;
  /** Whether a correction was needed since the last frame. */
  private fixed = false;
  /**
   * Virtuoso moves scrollTop from its ResizeObserver as rows are measured; an observer made after
   * its own runs after it in the same frame, so it can put the anchor back before the paint.
   */
  private resizes: ResizeObserver | null = null;
  /**
   * Virtuoso also scrolls from its own animation-frame callbacks, which may run after ours. A
   * ResizeObserver's callback runs after every animation-frame callback and before the paint, so
   * each frame our tick resizes a hidden probe and its observer puts the anchor back last.
   */
  private lastWord: { probe: HTMLElement; observer: ResizeObserver } | null = null;
  private frame = 0;
  private frames = 0;
  private still = 0;
  private missing = 0;
  private readonly onInput = (): void => {
    this.stop();
  };

  /** The list's scrolling element (virtuoso's scrollerRef), or null when it goes away. */
  readonly attach = (scroller: HTMLElement | Window | null): void => {
    const next = scroller instanceof HTMLElement ? scroller : null;
    if (this.scroller === next) return;
    this.stop();
    // On the whole document: a click on "jump to latest" moves the list as much as a wheel does.
    for (const type of userInputs) {
      if (next) document.addEventListener(type, this.onInput, { capture: true, passive: true });
      else document.removeEventListener(type, this.onInput, { capture: true });
    }
    this.scroller = next;
  };

  /**
   * Call just before the rows change, while the DOM still shows what the reader sees. A hold from
   * an earlier change that is still settling keeps its anchor while that row is on screen: that is
   * where the reader really was.
   */
  hold(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    if (this.anchor) {
      const row = rowOf(scroller, this.anchor.key);
      if (row && onScreen(scroller, row)) return;
      this.stop();
    }
    this.anchor = findAnchor(scroller);
    if (!this.anchor) return;
    this.frames = 0;
    this.still = 0;
    this.layoutChanged = true;
    this.ownScrollTop = null;
    this.missing = 0;
    this.mutations.observe(scroller, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['style'],
    });
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
    const list = scroller.querySelector('[data-message-list]');
    if (list) {
      this.resizes = new ResizeObserver(() => {
        this.layoutChanged = true;
        this.correct();
      });
      this.resizes.observe(list);
    }
    const probe = document.createElement('div');
    probe.setAttribute('aria-hidden', 'true');
    probe.style.cssText =
      'position:fixed;left:0;top:0;width:0;height:1px;visibility:hidden;pointer-events:none';
    document.body.append(probe);
    this.lastWord = {
      probe,
      observer: new ResizeObserver(() => {
        this.correct();
      }),
    };
    this.lastWord.observer.observe(probe);
    this.frame = requestAnimationFrame(this.tick);
  }

  /**
   * Virtuoso also scrolls from its scroll handler (compensating as rows are measured); ours runs
   * after it. A scroll while the list's layout has not changed is someone else's (the scrollbar,
   * a script): the reader moves on, so the hold ends.
   */
  private readonly onScroll = (): void => {
    const scroller = this.scroller;
    if (!scroller || scroller.scrollTop === this.ownScrollTop) return;
    if (this.layoutChanged) this.correct();
    else this.stop();
  };

  readonly stop = (): void => {
    cancelAnimationFrame(this.frame);
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.mutations.disconnect();
    this.resizes?.disconnect();
    this.resizes = null;
    this.lastWord?.observer.disconnect();
    this.lastWord?.probe.remove();
    this.lastWord = null;
    this.anchor = null;
  };

  /** Scrolls the anchor back to where it was; returns whether it had moved (null: not in the DOM). */
  private correct(): boolean | null {
    const scroller = this.scroller;
    const anchor = this.anchor;
    if (!scroller || !anchor) return null;
    const row = rowOf(scroller, anchor.key);
    if (!row) return null;
    const moved = bubbleTop(row) - anchor.top;
    if (Math.abs(moved) < 0.5) return false;
    scroller.scrollTop += moved;
    this.ownScrollTop = scroller.scrollTop;
    this.fixed = true;
    return true;
  }

  private readonly tick = (): void => {
    if (!this.anchor) return;
    const moved = this.correct();
    if (this.lastWord) this.lastWord.probe.style.width = this.frames % 2 === 0 ? '1px' : '0px';
    this.still = moved === false && !this.fixed ? this.still + 1 : 0;
    this.fixed = false;
    this.missing = moved === null ? this.missing + 1 : 0;
    this.layoutChanged = false;
    if (++this.frames >= maxFrames || this.still >= stillFrames || this.missing >= missingFrames) {
      this.stop();
      return;
    }
    this.frame = requestAnimationFrame(this.tick);
  };
}
