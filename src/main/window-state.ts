/**
 * Where the main window opens: the saved placement when it is still on a connected display (monitors
 * get unplugged, resolutions change), otherwise the default size centred by the OS. Pure: the entry
 * file passes in the displays' work areas and the window's current state.
 */
import type { WindowState } from './settings';

/** A rectangle in screen coordinates (DIP). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The main window's default and minimum size. */
export const WINDOW_SIZE = { width: 1400, height: 900, minWidth: 900, minHeight: 600 } as const;

/** Least part of the title bar that must be on a display for a saved position to be reused. */
const VISIBLE = { width: 120, height: 40 };

/** Bounds to create the window with (no x/y: let the OS centre it) and whether to maximize it after. */
export interface InitialPlacement {
  readonly bounds: { x?: number; y?: number; width: number; height: number };
  readonly maximized: boolean;
  readonly fullScreen: boolean;
}

/** Chooses the window's initial placement from the saved state and the displays' work areas. */
export function initialPlacement(saved: WindowState | null, workAreas: readonly Rect[]): InitialPlacement {
  const fallback: InitialPlacement = { bounds: { width: WINDOW_SIZE.width, height: WINDOW_SIZE.height }, maximized: false, fullScreen: false };
  if (saved === null || workAreas.length === 0) return fallback;
  // The title bar's strip must overlap some display enough to grab it.
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: VISIBLE.height };
  const home = workAreas.find((area) => overlap(titleBar, area).width >= Math.min(VISIBLE.width, saved.width) && overlap(titleBar, area).height >= VISIBLE.height / 2);
  if (home === undefined) {
    return { bounds: { width: fit(saved.width, WINDOW_SIZE.minWidth, largest(workAreas).width), height: fit(saved.height, WINDOW_SIZE.minHeight, largest(workAreas).height) }, maximized: saved.maximized, fullScreen: false };
  }
  const width = fit(saved.width, WINDOW_SIZE.minWidth, home.width);
  const height = fit(saved.height, WINDOW_SIZE.minHeight, home.height);
  return { bounds: { x: saved.x, y: saved.y, width, height }, maximized: saved.maximized, fullScreen: saved.fullScreen };
}

/** What to save from a window: its normal (un-maximized) bounds and whether it is maximized or full screen. */
export function windowStateOf(normalBounds: Rect, maximized: boolean, fullScreen: boolean): WindowState {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.max(WINDOW_SIZE.minWidth, Math.round(normalBounds.width)),
    height: Math.max(WINDOW_SIZE.minHeight, Math.round(normalBounds.height)),
    maximized,
    fullScreen,
  };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/** `value` clamped to [min, max], where a display smaller than the minimum wins over the minimum. */
function fit(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(max, 1));
}

function largest(areas: readonly Rect[]): Rect {
  return areas.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
}
