import type { BoundaryFrame, SessionDataView } from '../../core/protocol/messages';
import { type CanvasTheme, tickLabel } from './canvas';
import { zCss } from './diverging';
import { RESPONSE_PAD } from './draw-response-map';
import { axisX, drawPlotFrame, edgeLabel, fillPlot, plotRect } from './plot-frame';

/** What the response curve shows: a neuron's z along the input line (1-D data). */
export interface ResponseCurvePlot {
  readonly frame: BoundaryFrame;
  /** z at the frame's `size` points, evenly spaced from x0 to x1. */
  readonly z: Float32Array;
  /** Largest |z| shown: the y axis spans [-maxAbs, maxAbs] (so z = 0 is the middle line). */
  readonly maxAbs: number;
  /** Training inputs to mark along the x axis (a rug), or null. */
  readonly data: SessionDataView | null;
  readonly theme: CanvasTheme;
}

/**
 * Draws z(x) over the input line: the z < 0 half shaded (the neuron is off there; under ReLU it passes
 * no gradient), the z = 0 line, the curve in the scale's colours (green above 0, purple below), the
 * training inputs as ticks along the bottom, and the axes' extremes as ticks.
 */
export function drawResponseCurve(ctx: CanvasRenderingContext2D, width: number, height: number, p: ResponseCurvePlot): void {
  const { frame, z, data, theme } = p;
  const r = plotRect(width, height, RESPONSE_PAD);
  const { x, y, w, h } = r;
  const n = Math.min(frame.size, z.length);
  if (w <= 0 || h <= 0 || n < 2) return;
  const maxAbs = p.maxAbs > 0 ? p.maxAbs : 1;
  const px = (i: number): number => x + (i / (n - 1)) * w;
  const py = (v: number): number => y + h / 2 - (Math.max(-maxAbs, Math.min(maxAbs, v)) / maxAbs) * (h / 2) * 0.92;
  const zeroY = Math.round(y + h / 2) + 0.5;

  fillPlot(ctx, r, theme);
  ctx.globalAlpha = 0.1;
  ctx.fillStyle = theme.danger;
  ctx.fillRect(x, zeroY, w, y + h - zeroY);
  ctx.globalAlpha = 1;

  const pts = data?.points ?? null;
  if (pts !== null && data !== null && data.dims === 1) {
    ctx.strokeStyle = theme.muted;
    ctx.globalAlpha = 0.55;
    ctx.lineWidth = 1;
    ctx.beginPath();
    const xOf = axisX(r, frame.x0, frame.x1);
    for (let i = 0; i < pts.trainX.length; i++) {
      const xi = xOf(pts.trainX[i]!);
      ctx.moveTo(Math.round(xi) + 0.5, y + h);
      ctx.lineTo(Math.round(xi) + 0.5, y + h - 5);
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
  }

  ctx.strokeStyle = theme.text;
  ctx.setLineDash([3, 2]);
  ctx.beginPath();
  ctx.moveTo(x, zeroY);
  ctx.lineTo(x + w, zeroY);
  ctx.stroke();
  ctx.setLineDash([]);

  // The curve, one segment at a time so that each takes the colour of its sign.
  ctx.lineWidth = 2;
  ctx.lineJoin = 'round';
  for (let i = 0; i + 1 < n; i++) {
    const a = z[i]!;
    const b = z[i + 1]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    ctx.strokeStyle = zCss(a + b < 0 ? -1 : 1);
    ctx.beginPath();
    ctx.moveTo(px(i), py(a));
    ctx.lineTo(px(i + 1), py(b));
    ctx.stroke();
  }

  const top = Number(maxAbs.toPrecision(2));
  drawPlotFrame(ctx, r, {
    x0: edgeLabel(frame.x0),
    x1: edgeLabel(frame.x1),
    xTickGap: 2,
    yTicks: [
      [tickLabel(top), py(top)],
      ['0', zeroY],
      [tickLabel(-top), py(-top)],
    ],
  }, theme);
}
