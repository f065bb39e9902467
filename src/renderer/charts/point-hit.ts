import type { BoundaryFrame, SessionDataView } from '../../core/protocol/messages';
import { PLOT_PAD } from './draw-boundary';
import { axisX, axisY, plotRect } from './plot-frame';

/** How close (CSS pixels) the pointer must be to a training point to pick it. */
export const HIT_RADIUS = 6;

/**
 * The training point of the data canvas nearest to (mx, my) (CSS pixels in a width x height canvas),
 * within HIT_RADIUS, or null. 2-D data: by distance in the plane; 1-D data: along x only (the points sit
 * on a rug or under curves whose y range the plot chooses). The index is the training row's, which is
 * also its probe row (the probe set is the first training rows).
 */
export function trainPointAt(frame: BoundaryFrame, data: SessionDataView, width: number, height: number, mx: number, my: number): number | null {
  const pts = data.points;
  if (pts === null || frame.dims !== data.dims) return null;
  const r = plotRect(width, height, PLOT_PAD);
  if (r.w <= 0 || r.h <= 0 || mx < r.x - HIT_RADIUS || mx > r.x + r.w + HIT_RADIUS || my < r.y - HIT_RADIUS || my > r.y + r.h + HIT_RADIUS) return null;
  const px = axisX(r, frame.x0, frame.x1);
  const py = axisY(r, frame.y0, frame.y1);
  const dims = data.dims;
  const n = Math.floor(pts.trainX.length / dims);
  let best: number | null = null;
  let bestD = HIT_RADIUS * HIT_RADIUS;
  for (let i = 0; i < n; i++) {
    const dx = px(pts.trainX[i * dims]!) - mx;
    const dy = dims === 2 ? py(pts.trainX[i * dims + 1]!) - my : 0;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Where training point `row` is drawn on a 2-D data canvas (CSS pixels), or null for other data. */
export function trainPointPosition(frame: BoundaryFrame, data: SessionDataView, width: number, height: number, row: number): { x: number; y: number } | null {
  const pts = data.points;
  if (pts === null || frame.dims !== 2 || data.dims !== 2 || 2 * row + 1 >= pts.trainX.length) return null;
  const r = plotRect(width, height, PLOT_PAD);
  return { x: axisX(r, frame.x0, frame.x1)(pts.trainX[2 * row]!), y: axisY(r, frame.y0, frame.y1)(pts.trainX[2 * row + 1]!) };
}

/** Marks training point `row` on the data canvas: a ring around it (2-D) or a line through its x (1-D). */
export function drawHoverMark(ctx: CanvasRenderingContext2D, frame: BoundaryFrame, data: SessionDataView, width: number, height: number, row: number, color: string): void {
  const pts = data.points;
  if (pts === null || frame.dims !== data.dims || (row + 1) * data.dims > pts.trainX.length) return;
  const r = plotRect(width, height, PLOT_PAD);
  const x = axisX(r, frame.x0, frame.x1)(pts.trainX[row * data.dims]!);
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  if (data.dims === 2) ctx.arc(x, axisY(r, frame.y0, frame.y1)(pts.trainX[2 * row + 1]!), 6, 0, 2 * Math.PI);
  else {
    ctx.moveTo(Math.round(x) + 0.5, r.y);
    ctx.lineTo(Math.round(x) + 0.5, r.y + r.h);
  }
  ctx.stroke();
}
