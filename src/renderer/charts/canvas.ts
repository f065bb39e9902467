/** Theme colours the canvas panels draw with, read from the page's CSS variables. */
export interface CanvasTheme {
  readonly text: string;
  readonly muted: string;
  readonly border: string;
  readonly background: string;
  readonly accent: string;
  readonly focus: string;
  readonly danger: string;
  /** Marks of hot-swaps and revivals. */
  readonly revived: string;
}

/** The current theme colours (CSS variables of the root element; they follow prefers-color-scheme). */
export function canvasTheme(): CanvasTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#e6e9ef'),
    muted: v('--muted', '#9aa3b2'),
    border: v('--border', '#2a3140'),
    background: v('--graph-bg', '#10141b'),
    accent: v('--accent', '#f6a03c'),
    focus: v('--focus', '#5cc8ff'),
    danger: v('--danger', '#ff7b72'),
    revived: v('--revived', '#22e3f0'),
  };
}

/**
 * Sizes a canvas's backing store for a CSS size at the screen's pixel ratio (crisp lines) and returns its
 * 2-D context scaled so that drawing uses CSS pixels; null when there is nothing to draw into.
 */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  if (width <= 0 || height <= 0) return null;
  const ratio = Math.min(2, window.devicePixelRatio || 1);
  const w = Math.round(width * ratio);
  const h = Math.round(height * ratio);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  if (ctx === null) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** Short tick label: integers as is, else up to 3 significant digits ("0.25", "1.5e+3"). */
export function tickLabel(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e5) return String(v);
  return Math.abs(v) >= 1e5 ? v.toExponential(1) : String(Number(v.toPrecision(3)));
}
