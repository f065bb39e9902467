import type { BoundaryFrame, DataView2 } from '../../core/protocol/messages';
import { type CanvasTheme, tickLabel } from './canvas';

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
  readonly data: DataView2;
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
  const x = PLOT_PAD.left;
  const y = PLOT_PAD.top;
  const w = width - PLOT_PAD.left - PLOT_PAD.right;
  const h = height - PLOT_PAD.top - PLOT_PAD.bottom;
  if (w <= 0 || h <= 0) return;
  ctx.fillStyle = theme.background;
  ctx.fillRect(x, y, w, h);
  if (image !== null) {
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(image, 0, 0, frame.size, frame.size, x, y, w, h);
  }
  const px = (v: number): number => x + ((v - frame.x0) / (frame.x1 - frame.x0)) * w;
  const py = (v: number): number => y + h - ((v - frame.y0) / (frame.y1 - frame.y0)) * h;
  const pts = data.points;
  if (pts !== null) {
    const range = p.targetRange;
    const color = (labels: Int32Array, targets: Float32Array, i: number): string => {
      if (range === undefined) return classColor(labels[i]!);
      const [r, g, b] = rampRgb(targets[i]!, range.lo, range.hi);
      return `rgb(${r} ${g} ${b})`;
    };
    ctx.lineWidth = 1;
    for (let i = 0; i < pts.trainY.length; i++) {
      ctx.beginPath();
      ctx.arc(px(pts.trainX[2 * i]!), py(pts.trainX[2 * i + 1]!), 2.2, 0, 2 * Math.PI);
      ctx.fillStyle = color(pts.trainY, pts.trainT, i);
      ctx.fill();
      ctx.strokeStyle = theme.background;
      ctx.stroke();
    }
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
  ctx.fillText(tickLabel(round(frame.y1)), x - 3, y + 6);
  ctx.fillText(tickLabel(round(frame.y0)), x - 3, y + h - 6);
  ctx.save();
  ctx.translate(x - 12, y + h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillStyle = theme.text;
  ctx.fillText(data.featureNames[1] ?? 'y', 0, -4);
  ctx.restore();
}

/** Rounds a frame edge for its tick label (the frame has a 10% margin, so edges are not round numbers). */
function round(v: number): number {
  return Math.round(v * 10) / 10;
}
