import type { BoundaryFrame, SessionDataView } from '../../core/protocol/messages';
import type { CanvasTheme } from './canvas';
import { axisX, axisY, drawDots, drawPlotFrame, edgeLabel, fillPlot, plotRect } from './plot-frame';

/** Class colours (Tableau 10): distinct from each other on dark and light backgrounds. */
export const CLASS_COLORS: readonly (readonly [number, number, number])[] = [
  [78, 121, 167],
  [242, 142, 43],
  [89, 161, 79],
  [225, 87, 89],
  [176, 122, 161],
  [118, 183, 178],
  [237, 201, 72],
  [255, 157, 167],
  [156, 117, 95],
  [186, 176, 172],
];

/** CSS colour of class `c`. */
export function classColor(c: number, alpha = 1): string {
  const [r, g, b] = CLASS_COLORS[c % CLASS_COLORS.length]!;
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}

/**
 * Paints the probability grid into `image` (size x size pixels): each cell takes the colour of its most
 * probable class, more opaque the more confident (chance level is transparent). Grid row 0 is y0, the
 * bottom of the plot, so rows are flipped.
 */
export function paintBoundary(image: ImageData, probs: Float32Array, size: number, classes: number): void {
  const d = image.data;
  const chance = 1 / classes;
  for (let r = 0; r < size; r++) {
    const row = size - 1 - r;
    for (let c = 0; c < size; c++) {
      const o = (r * size + c) * classes;
      let best = 0;
      for (let k = 1; k < classes; k++) if (probs[o + k]! > probs[o + best]!) best = k;
      const p = probs[o + best]!;
      const confidence = Number.isFinite(p) ? Math.max(0, (p - chance) / (1 - chance)) : 0;
      const [cr, cg, cb] = CLASS_COLORS[best % CLASS_COLORS.length]!;
      const i = (row * size + c) * 4;
      d[i] = cr;
      d[i + 1] = cg;
      d[i + 2] = cb;
      d[i + 3] = Math.round(255 * (0.1 + 0.55 * confidence));
    }
  }
}

/** Stops of the colour ramp of regression targets (low to high: violet, teal, yellow, as viridis). */
const RAMP: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The ramp's colour of `v` within [lo, hi] (clamped; the middle for a non-finite value or an empty range). */
export function rampRgb(v: number, lo: number, hi: number): readonly [number, number, number] {
  const f = Number.isFinite(v) && hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;
  const s = f * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(s));
  const t = s - i;
  const a = RAMP[i]!;
  const b = RAMP[i + 1]!;
  return [Math.round(a[0] + t * (b[0] - a[0])), Math.round(a[1] + t * (b[1] - a[1])), Math.round(a[2] + t * (b[2] - a[2]))];
}

/**
 * Paints a 2-D regression grid (one prediction per cell) into `image` on the target ramp, half transparent
 * so that the points stay readable; rows are flipped as in paintBoundary.
 */
export function paintRegression(image: ImageData, values: Float32Array, size: number, lo: number, hi: number): void {
  const d = image.data;
  for (let r = 0; r < size; r++) {
    const row = size - 1 - r;
    for (let c = 0; c < size; c++) {
      const [cr, cg, cb] = rampRgb(values[r * size + c]!, lo, hi);
      const i = (row * size + c) * 4;
      d[i] = cr;
      d[i + 1] = cg;
      d[i + 2] = cb;
      d[i + 3] = 150;
    }
  }
}

/** Where the plot area sits inside the data canvas (room for tick labels and feature names). */
export const PLOT_PAD = { left: 30, right: 6, top: 6, bottom: 28 } as const;

/** What the data canvas shows: the boundary image (or null until one arrives), the points and the axes. */
export interface DataPlot {
  readonly frame: BoundaryFrame;
  readonly image: CanvasImageSource | null;
  readonly data: SessionDataView;
  readonly theme: CanvasTheme;
  /** Regression: the target range of the colour ramp the points are drawn in (else they take class colours). */
  readonly targetRange?: { readonly lo: number; readonly hi: number };
}

/**
 * Draws the boundary image scaled (smoothed) over the plot, the train points filled and the test points as
 * rings in their class colours, and the axes with the feature names.
 */
export function drawDataPlot(ctx: CanvasRenderingContext2D, width: number, height: number, p: DataPlot): void {
  const { frame, image, data, theme } = p;
  const r = plotRect(width, height, PLOT_PAD);
  if (r.w <= 0 || r.h <= 0) return;
  fillPlot(ctx, r, theme);
  if (image !== null) {
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(image, 0, 0, frame.size, frame.size, r.x, r.y, r.w, r.h);
  }
  const px = axisX(r, frame.x0, frame.x1);
  const py = axisY(r, frame.y0, frame.y1);
  const pts = data.points;
  if (pts !== null) {
    const range = p.targetRange;
    const color = (labels: Int32Array, targets: Float32Array, i: number): string => {
      if (range === undefined) return classColor(labels[i]!);
      const [cr, cg, cb] = rampRgb(targets[i]!, range.lo, range.hi);
      return `rgb(${cr} ${cg} ${cb})`;
    };
    const trainX = (i: number): number => px(pts.trainX[2 * i]!);
    const trainY = (i: number): number => py(pts.trainX[2 * i + 1]!);
    drawDots(ctx, pts.trainY.length, trainX, trainY, 2.2, (i) => color(pts.trainY, pts.trainT, i), theme.background);
    for (let i = 0; i < pts.testY.length; i++) {
      const cx = px(pts.testX[2 * i]!);
      const cy = py(pts.testX[2 * i + 1]!);
      ctx.beginPath();
      ctx.arc(cx, cy, 3, 0, 2 * Math.PI);
      ctx.lineWidth = 2.6;
      ctx.strokeStyle = theme.background;
      ctx.stroke();
      ctx.lineWidth = 1.3;
      ctx.strokeStyle = color(pts.testY, pts.testT, i);
      ctx.stroke();
    }
  }
  drawPlotFrame(ctx, r, {
    x0: edgeLabel(frame.x0),
    x1: edgeLabel(frame.x1),
    xTickGap: 3,
    xTitle: data.featureNames[0] ?? 'x',
    yTicks: [
      [edgeLabel(frame.y1), r.y + 6],
      [edgeLabel(frame.y0), r.y + r.h - 6],
    ],
    yTitle: data.featureNames[1] ?? 'y',
  }, theme);
}
