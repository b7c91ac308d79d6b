import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where to open the main window; without x/y the window opens centred. */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const windowDefaults = { width: 1100, height: 720, minWidth: 720, minHeight: 480 } as const;

const Coordinate = z.int().min(-100_000).max(100_000);
const Size = z.int().min(100).max(20_000);
const SavedWindowState = z.object({
  bounds: z.object({ x: Coordinate, y: Coordinate, width: Size, height: Size }),
  maximized: z.boolean(),
});

/** Enough of the window must show on a display, and its title bar must be reachable. */
const MIN_VISIBLE_WIDTH = 100;
const TITLE_BAR = 32;

/**
 * The placement for a saved window state on the displays there are now: a state that fails to
 * parse gives the default size; one that would open off-screen (a monitor was unplugged) keeps its
 * size, shrunk to fit, and opens centred.
 */
export function placeWindow(saved: unknown, workAreas: readonly Rect[]): WindowPlacement {
  const parsed = SavedWindowState.safeParse(saved);
  const primary = workAreas[0];
  if (!parsed.success) return { ...fit(windowDefaults, primary), maximized: false };
  const { bounds, maximized } = parsed.data;
  const area = workAreas.find((a) => reachable(bounds, a));
  if (!area) return { ...fit(bounds, primary), maximized };
  return { x: bounds.x, y: bounds.y, ...fit(bounds, area), maximized };
}

function reachable(b: Rect, a: Rect): boolean {
  const visibleWidth = Math.min(b.x + b.width, a.x + a.width) - Math.max(b.x, a.x);
  const titleBarShows = b.y >= a.y && b.y <= a.y + a.height - TITLE_BAR;
  return visibleWidth >= MIN_VISIBLE_WIDTH && titleBarShows;
}

function fit(
  size: { width: number; height: number },
  area: Rect | undefined,
): { width: number; height: number } {
  const maxW = area?.width ?? Infinity;
  const maxH = area?.height ?? Infinity;
  return {
    width: Math.max(Math.min(size.width, maxW), Math.min(windowDefaults.minWidth, maxW)),
    height: Math.max(Math.min(size.height, maxH), Math.min(windowDefaults.minHeight, maxH)),
  };
}

/** The main window's size and position between runs, in a small JSON file. */
export class WindowStateFile {
  constructor(private readonly file: string) {}

  load(workAreas: readonly Rect[]): WindowPlacement {
    return placeWindow(readJsonFile(this.file), workAreas);
  }

  save(bounds: Rect, maximized: boolean): void {
    const state = { bounds: roundRect(bounds), maximized };
    if (SavedWindowState.safeParse(state).success) writeJsonFile(this.file, state);
  }
}

function roundRect(r: Rect): Rect {
  return {
    x: Math.round(r.x),
    y: Math.round(r.y),
    width: Math.round(r.width),
    height: Math.round(r.height),
  };
}
