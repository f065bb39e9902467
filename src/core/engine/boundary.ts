import type { Dataset } from '../data/dataset';
import type { Mlp } from '../nn/mlp';
import type { BoundaryFrame } from '../protocol/messages';
import { exp } from '../math/dmath';

/** Side of the decision-boundary grid, in cells (GRID_SIZE x GRID_SIZE points). */
export const GRID_SIZE = 48;
/** Points on the fitted curve of 1-D data. */
export const LINE_POINTS = 200;

/** Where a decision-boundary grid lies in input space (the frame snapshots carry), with its points row-major. */
export interface BoundaryGrid extends BoundaryFrame {
  /** [size*size x 2] cell centres, row 0 at y0, as network input; [size] points for 1-D data. */
  readonly points: Float32Array<ArrayBuffer>;
}

/** A grid over the data's range plus 10% margin: a plane for 2-D data, a line for 1-D, else null. */
export function makeBoundaryGrid(d: Dataset): BoundaryGrid | null {
  if (d.rows === 0) return null;
  if (d.dims === 1) return makeLine(d);
  if (d.dims !== 2) return null;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < d.rows; i++) {
    x0 = Math.min(x0, d.x[2 * i]!);
    x1 = Math.max(x1, d.x[2 * i]!);
    y0 = Math.min(y0, d.x[2 * i + 1]!);
    y1 = Math.max(y1, d.x[2 * i + 1]!);
  }
  const mx = 0.1 * (x1 - x0 || 1);
  const my = 0.1 * (y1 - y0 || 1);
  [x0, x1, y0, y1] = [x0 - mx, x1 + mx, y0 - my, y1 + my];
  const size = GRID_SIZE;
  const points = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      points[2 * (r * size + c)] = x0 + ((c + 0.5) * (x1 - x0)) / size;
      points[2 * (r * size + c) + 1] = y0 + ((r + 0.5) * (y1 - y0)) / size;
    }
  }
  return { dims: 2, size, x0, x1, y0, y1, points };
}

function makeLine(d: Dataset): BoundaryGrid {
  let x0 = Infinity;
  let x1 = -Infinity;
  for (let i = 0; i < d.rows; i++) {
    x0 = Math.min(x0, d.x[i]!);
    x1 = Math.max(x1, d.x[i]!);
  }
  const m = 0.1 * (x1 - x0 || 1);
  [x0, x1] = [x0 - m, x1 + m];
  const points = new Float32Array(LINE_POINTS);
  for (let i = 0; i < LINE_POINTS; i++) points[i] = x0 + (i * (x1 - x0)) / (LINE_POINTS - 1);
  return { dims: 1, size: LINE_POINTS, x0, x1, y0: 0, y1: 0, points };
}

/** Number of network inputs evaluated on a grid (size*size for a plane, size for a line). */
export function gridPoints(grid: BoundaryGrid): number {
  return grid.dims === 2 ? grid.size * grid.size : grid.size;
}

/**
 * The network on every grid point: class probabilities [points x classes] (softmax of the logits), or
 * for regression the prediction per point (target units).
 */
export function boundaryValues(mlp: Mlp, grid: BoundaryGrid, regression: boolean): Float32Array<ArrayBuffer> {
  if (!regression) return boundaryProbabilities(mlp, grid);
  const n = gridPoints(grid);
  const out = new Float32Array(n);
  for (let start = 0; start < n; start += mlp.capacity) {
    const rows = Math.min(mlp.capacity, n - start);
    out.set(mlp.forward(grid.points.subarray(grid.dims * start, grid.dims * (start + rows)), rows).subarray(0, rows), start);
  }
  return out;
}

/** Class probabilities (softmax of the logits) at every grid point: [size*size x classes], row-major. */
export function boundaryProbabilities(mlp: Mlp, grid: BoundaryGrid): Float32Array<ArrayBuffer> {
  const classes = mlp.shape.outputs;
  const n = gridPoints(grid);
  const out = new Float32Array(n * classes);
  for (let start = 0; start < n; start += mlp.capacity) {
    const rows = Math.min(mlp.capacity, n - start);
    const logits = mlp.forward(grid.points.subarray(grid.dims * start, grid.dims * (start + rows)), rows);
    for (let r = 0; r < rows; r++) {
      let max = -Infinity;
      for (let c = 0; c < classes; c++) max = Math.max(max, logits[r * classes + c]!);
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += exp(logits[r * classes + c]! - max);
      for (let c = 0; c < classes; c++) out[(start + r) * classes + c] = exp(logits[r * classes + c]! - max) / sum;
    }
  }
  return out;
}
