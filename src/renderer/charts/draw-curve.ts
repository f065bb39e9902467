import type { BoundaryFrame, SessionDataView } from '../../core/protocol/messages';
import { type CanvasTheme, tickLabel } from './canvas';
import { classColor, PLOT_PAD } from './draw-boundary';
import { axisX, axisY, drawPlotFrame, fillPlot, plotRect } from './plot-frame';

/** One lane's prediction on the 1-D grid: `frame.size` values (regression) or `frame.size x classes` probabilities. */
export interface LaneCurve {
  readonly values: Float32Array | null;
  readonly color: string;
  /** The lane picked in the data panel (drawn on top, a little thicker). */
  readonly selected: boolean;
}

/** What the data canvas shows for 1-D data: the points and each lane's fitted curve (regression) or class probabilities. */
export interface CurvePlot {
  readonly frame: BoundaryFrame;
  readonly data: SessionDataView;
  readonly curves: readonly LaneCurve[];
  readonly theme: CanvasTheme;
}

/** Smallest and largest finite value of some arrays ([Infinity, -Infinity] when there is none). */
function extent(arrays: readonly (ArrayLike<number> | null)[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    if (a === null) continue;
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return [lo, hi];
}

/**
 * The y range of a 1-D regression plot: the targets with a 10% margin, widened to show the curves, but
 * never by more than half the targets' span on either side (a diverging lane must not flatten the data).
 */
export function curveYRange(targets: readonly (ArrayLike<number> | null)[], curves: readonly (ArrayLike<number> | null)[]): [number, number] {
  let [lo, hi] = extent(targets);
  if (lo > hi) [lo, hi] = extent(curves);
  if (lo > hi) return [-1, 1];
  const span = hi - lo || Math.max(1, Math.abs(lo));
  const [clo, chi] = extent(curves);
  const y0 = Math.min(lo - 0.1 * span, Math.max(clo, lo - 0.5 * span));
  const y1 = Math.max(hi + 0.1 * span, Math.min(chi, hi + 0.5 * span));
  return [y0, y1];
}

/** Draws the points and curves of 1-D data (regression: each lane's fit; classification: the selected lane's class probabilities). */
export function drawCurvePlot(ctx: CanvasRenderingContext2D, width: number, height: number, p: CurvePlot): void {
  const { frame, data, curves, theme } = p;
  const r = plotRect(width, height, PLOT_PAD);
  const { x, y, w, h } = r;
  if (w <= 0 || h <= 0) return;
  const regression = data.task === 'regression';
  const pts = data.points;
  const [y0, y1] = regression ? curveYRange([pts?.trainT ?? null, pts?.testT ?? null], curves.map((c) => c.values)) : [0, 1];
  const px = axisX(r, frame.x0, frame.x1);
  const py = axisY(r, y0, y1);

  fillPlot(ctx, r, theme);
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  if (regression && y0 < 0 && y1 > 0) {
    ctx.strokeStyle = theme.border;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, Math.round(py(0)) + 0.5);
    ctx.lineTo(x + w, Math.round(py(0)) + 0.5);
    ctx.stroke();
  }
  if (pts !== null) {
    if (regression) drawRegressionPoints(ctx, pts, px, py, theme);
    else drawRug(ctx, pts, px, y, h);
  }
  const line = (values: ArrayLike<number>, stride: number, offset: number, color: string, widthPx: number): void => {
    ctx.strokeStyle = color;
    ctx.lineWidth = widthPx;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < frame.size; i++) {
      const v = values[i * stride + offset]!;
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      const cx = px(frame.x0 + (i * (frame.x1 - frame.x0)) / (frame.size - 1));
      // Clamped a little outside the plot so that a steep curve leaves it at the right angle.
      const cy = Math.max(y - h, Math.min(y + 2 * h, py(v)));
      if (pen) ctx.lineTo(cx, cy);
      else ctx.moveTo(cx, cy);
      pen = true;
    }
    ctx.stroke();
  };
  if (regression) {
    // Unselected lanes first, so that the selected one is on top.
    const order = [...curves.keys()].sort((a, b) => Number(curves[a]!.selected) - Number(curves[b]!.selected));
    for (const i of order) {
      const c = curves[i]!;
      if (c.values !== null) line(c.values, 1, 0, c.color, c.selected ? 2.6 : 1.8);
    }
  } else {
    const c = curves.find((l) => l.selected) ?? curves[0];
    if (c !== undefined && c.values !== null) for (let k = 0; k < data.classes; k++) line(c.values, data.classes, k, classColor(k), 2);
  }
  ctx.restore();
  drawPlotFrame(ctx, r, {
    x0: tickLabel(round(frame.x0)),
    x1: tickLabel(round(frame.x1)),
    xTickGap: 3,
    xTitle: data.featureNames[0] ?? 'x',
    yTicks: [
      [tickLabel(round(y1)), y + 6],
      [tickLabel(round(y0)), y + h - 6],
    ],
    yTitle: regression ? data.targetName || 'y' : 'probability',
  }, theme);
}

type Points = NonNullable<SessionDataView['points']>;

/** Train points filled, test points as rings, in the theme's neutral colours (the lane colours are the curves'). */
function drawRegressionPoints(ctx: CanvasRenderingContext2D, pts: Points, px: (v: number) => number, py: (v: number) => number, theme: CanvasTheme): void {
  ctx.fillStyle = theme.muted;
  ctx.globalAlpha = 0.75;
  for (let i = 0; i < pts.trainT.length; i++) {
    ctx.beginPath();
    ctx.arc(px(pts.trainX[i]!), py(pts.trainT[i]!), 1.8, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = theme.text;
  ctx.lineWidth = 1;
  for (let i = 0; i < pts.testT.length; i++) {
    ctx.beginPath();
    ctx.arc(px(pts.testX[i]!), py(pts.testT[i]!), 2.6, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

/** 1-D classification: the points as ticks in their class colours, train along the bottom, test along the top. */
function drawRug(ctx: CanvasRenderingContext2D, pts: Points, px: (v: number) => number, top: number, h: number): void {
  ctx.lineWidth = 1.2;
  const ticks = (xs: Float32Array, labels: Int32Array, from: number, to: number): void => {
    for (let i = 0; i < labels.length; i++) {
      const cx = Math.round(px(xs[i]!)) + 0.5;
      ctx.strokeStyle = classColor(labels[i]!, 0.8);
      ctx.beginPath();
      ctx.moveTo(cx, from);
      ctx.lineTo(cx, to);
      ctx.stroke();
    }
  };
  ticks(pts.trainX, pts.trainY, top + h, top + h - 7);
  ticks(pts.testX, pts.testY, top, top + 7);
}

/** Rounds an edge for its tick label (ranges carry margins, so edges are not round numbers). */
function round(v: number): number {
  return Math.abs(v) >= 10 ? Math.round(v) : Math.round(v * 10) / 10;
}
