import type { BoundaryFrame, DataView2 } from '../../core/protocol/messages';
import { type CanvasTheme, tickLabel } from './canvas';
import { classColor, PLOT_PAD } from './draw-boundary';

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
  readonly data: DataView2;
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
  const x = PLOT_PAD.left;
  const y = PLOT_PAD.top;
  const w = width - PLOT_PAD.left - PLOT_PAD.right;
  const h = height - PLOT_PAD.top - PLOT_PAD.bottom;
  if (w <= 0 || h <= 0) return;
  const regression = data.task === 'regression';
  const pts = data.points;
  const [y0, y1] = regression ? curveYRange([pts?.trainT ?? null, pts?.testT ?? null], curves.map((c) => c.values)) : [0, 1];
  const px = (v: number): number => x + ((v - frame.x0) / (frame.x1 - frame.x0)) * w;
  const py = (v: number): number => y + h - ((v - y0) / (y1 - y0)) * h;

  ctx.fillStyle = theme.background;
  ctx.fillRect(x, y, w, h);
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

  ctx.strokeStyle = theme.border;
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  ctx.fillStyle = theme.muted;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(tickLabel(round(frame.x0)), x, y + h + 3);
  ctx.textAlign = 'right';
  ctx.fillText(tickLabel(round(frame.x1)), x + w, y + h + 3);
  ctx.textAlign = 'center';
  ctx.fillStyle = theme.text;
  ctx.fillText(data.featureNames[0] ?? 'x', x + w / 2, y + h + 14);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  ctx.fillStyle = theme.muted;
  ctx.fillText(tickLabel(round(y1)), x - 3, y + 6);
  ctx.fillText(tickLabel(round(y0)), x - 3, y + h - 6);
  ctx.save();
  ctx.translate(x - 12, y + h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillStyle = theme.text;
  ctx.fillText(regression ? data.targetName || 'y' : 'probability', 0, -4);
  ctx.restore();
}

type Points = NonNullable<DataView2['points']>;

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
  for (let i = 0; i < pts.trainY.length; i++) {
    const cx = Math.round(px(pts.trainX[i]!)) + 0.5;
    ctx.strokeStyle = classColor(pts.trainY[i]!, 0.8);
    ctx.beginPath();
    ctx.moveTo(cx, top + h);
    ctx.lineTo(cx, top + h - 7);
    ctx.stroke();
  }
  for (let i = 0; i < pts.testY.length; i++) {
    const cx = Math.round(px(pts.testX[i]!)) + 0.5;
    ctx.strokeStyle = classColor(pts.testY[i]!, 0.8);
    ctx.beginPath();
    ctx.moveTo(cx, top);
    ctx.lineTo(cx, top + 7);
    ctx.stroke();
  }
}

/** Rounds an edge for its tick label (ranges carry margins, so edges are not round numbers). */
function round(v: number): number {
  return Math.abs(v) >= 10 ? Math.round(v) : Math.round(v * 10) / 10;
}
