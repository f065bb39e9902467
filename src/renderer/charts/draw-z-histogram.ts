import type { CanvasTheme } from './canvas';
import { zCss } from './diverging';
import { drawZTicks } from './plot-frame';

/** One neuron's pre-activation histogram: HIST_BINS counts over [-range, range]. */
export interface ZHistogramPlot {
  readonly counts: Int32Array;
  readonly range: number;
  readonly theme: CanvasTheme;
  /** A z to mark with a line (the hovered training point's), clamped to the range; null or absent: none. */
  readonly mark?: number | null;
  /** The mark's colour. */
  readonly markColor?: string;
}

const PAD = { left: 6, right: 6, top: 4, bottom: 14 } as const;

/**
 * Draws the histogram as bars, the z < 0 side shaded (where ReLU's gradient is 0: rows there teach this
 * neuron nothing) with its bars in the scale's negative colour, the z = 0 line, and z ticks at -range, 0
 * and range. Bars are scaled to the tallest one.
 */
export function drawZHistogram(ctx: CanvasRenderingContext2D, width: number, height: number, p: ZHistogramPlot): void {
  const { counts, range, theme } = p;
  const left = PAD.left;
  const right = width - PAD.right;
  const top = PAD.top;
  const bottom = height - PAD.bottom;
  if (right <= left || bottom <= top || counts.length === 0) return;
  const zero = left + (right - left) / 2;

  ctx.globalAlpha = 0.1;
  ctx.fillStyle = theme.danger;
  ctx.fillRect(left, top, zero - left, bottom - top);
  ctx.globalAlpha = 1;

  let max = 0;
  for (let b = 0; b < counts.length; b++) max = Math.max(max, counts[b]!);
  const barWidth = (right - left) / counts.length;
  for (let b = 0; b < counts.length && max > 0; b++) {
    const h = (counts[b]! / max) * (bottom - top);
    if (h <= 0) continue;
    ctx.fillStyle = zCss(b < counts.length / 2 ? -1 : 1, 0.9);
    ctx.fillRect(left + b * barWidth + 0.5, bottom - h, Math.max(1, barWidth - 1), Math.max(1, h));
  }

  ctx.strokeStyle = theme.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, bottom + 0.5);
  ctx.lineTo(right, bottom + 0.5);
  ctx.stroke();
  ctx.strokeStyle = theme.text;
  ctx.setLineDash([3, 2]);
  ctx.beginPath();
  ctx.moveTo(Math.round(zero) + 0.5, top);
  ctx.lineTo(Math.round(zero) + 0.5, bottom);
  ctx.stroke();
  ctx.setLineDash([]);

  const mark = p.mark;
  if (mark !== undefined && mark !== null && Number.isFinite(mark)) {
    const mx = left + ((Math.max(-range, Math.min(range, mark)) + range) / (2 * range)) * (right - left);
    ctx.strokeStyle = p.markColor ?? theme.focus;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(Math.round(mx) + 0.5, top);
    ctx.lineTo(Math.round(mx) + 0.5, bottom);
    ctx.stroke();
  }

  drawZTicks(ctx, left, zero, right, height, range, theme);
}
