import { type CanvasTheme, tickLabel } from './canvas';

/** The plot area of a canvas panel, in CSS pixels. */
export interface PlotRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The plot area left inside a width x height canvas by its padding (w or h may be <= 0: nothing to draw). */
export function plotRect(width: number, height: number, pad: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number }): PlotRect {
  return { x: pad.left, y: pad.top, w: width - pad.left - pad.right, h: height - pad.top - pad.bottom };
}

/** Maps data x in [lo, hi] to pixels across the plot (lo at its left edge). */
export function axisX(r: PlotRect, lo: number, hi: number): (v: number) => number {
  return (v) => r.x + ((v - lo) / (hi - lo)) * r.w;
}

/** Maps data y in [lo, hi] to pixels up the plot (lo at its bottom edge). */
export function axisY(r: PlotRect, lo: number, hi: number): (v: number) => number {
  return (v) => r.y + r.h - ((v - lo) / (hi - lo)) * r.h;
}

/** Tick label of a frame edge rounded to one decimal (frames carry margins, so edges are not round numbers). */
export function edgeLabel(v: number): string {
  return tickLabel(Math.round(v * 10) / 10);
}

/** Fills the plot area with the theme's background. */
export function fillPlot(ctx: CanvasRenderingContext2D, r: PlotRect, theme: CanvasTheme): void {
  ctx.fillStyle = theme.background;
  ctx.fillRect(r.x, r.y, r.w, r.h);
}

/** Dots at (px(i), py(i)) for i < count, filled in fill(i) and outlined in `outline`. */
export function drawDots(ctx: CanvasRenderingContext2D, count: number, px: (i: number) => number, py: (i: number) => number, radius: number, fill: (i: number) => string, outline: string): void {
  ctx.lineWidth = 1;
  for (let i = 0; i < count; i++) {
    ctx.beginPath();
    ctx.arc(px(i), py(i), radius, 0, 2 * Math.PI);
    ctx.fillStyle = fill(i);
    ctx.fill();
    ctx.strokeStyle = outline;
    ctx.stroke();
  }
}

/** The text around a plot: the x edges' ticks, y ticks at given pixel heights, optional axis titles. */
export interface FrameLabels {
  readonly x0: string;
  readonly x1: string;
  /** Pixels between the plot's bottom edge and the top of the x ticks. */
  readonly xTickGap: number;
  readonly xTitle?: string;
  /** Each y tick's text and the pixel height of its middle. */
  readonly yTicks: readonly (readonly [string, number])[];
  readonly yTitle?: string;
}

/** Draws the plot's border, its x ticks (and title) below it and its y ticks (and rotated title) to its left. */
export function drawPlotFrame(ctx: CanvasRenderingContext2D, r: PlotRect, labels: FrameLabels, theme: CanvasTheme): void {
  const { x, y, w, h } = r;
  ctx.strokeStyle = theme.border;
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  ctx.fillStyle = theme.muted;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(labels.x0, x, y + h + labels.xTickGap);
  ctx.textAlign = 'right';
  ctx.fillText(labels.x1, x + w, y + h + labels.xTickGap);
  if (labels.xTitle !== undefined) {
    ctx.textAlign = 'center';
    ctx.fillStyle = theme.text;
    ctx.fillText(labels.xTitle, x + w / 2, y + h + 14);
    ctx.textAlign = 'right';
    ctx.fillStyle = theme.muted;
  }
  ctx.textBaseline = 'middle';
  for (const [text, at] of labels.yTicks) ctx.fillText(text, x - 3, at);
  if (labels.yTitle !== undefined) {
    ctx.save();
    ctx.translate(x - 12, y + h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillStyle = theme.text;
    ctx.fillText(labels.yTitle, 0, -4);
    ctx.restore();
  }
}

/** Draws the z ticks of a histogram's bottom row: -range at the left, "z = 0" at `zero`, range at the right. */
export function drawZTicks(ctx: CanvasRenderingContext2D, left: number, zero: number, right: number, baseline: number, range: number, theme: CanvasTheme): void {
  ctx.fillStyle = theme.muted;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  ctx.fillText(tickLabel(-range), left, baseline);
  ctx.textAlign = 'center';
  ctx.fillText('z = 0', zero, baseline);
  ctx.textAlign = 'right';
  ctx.fillText(tickLabel(range), right, baseline);
}
