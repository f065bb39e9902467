import type { Dataset } from '../data/dataset';
import type { Mlp } from '../nn/mlp';
import { exp } from '../math/dmath';

/** Side of the decision-boundary grid, in cells (GRID_SIZE x GRID_SIZE points). */
export const GRID_SIZE = 48;

/** Where a decision-boundary grid lies in input space (input units), with its points row-major. */
export interface BoundaryGrid {
  readonly size: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  /** [size*size x 2] cell centres, row 0 at y0, as network input. */
  readonly points: Float32Array<ArrayBuffer>;
}

/** A grid over the 2-D data's bounding box plus 10% margin, or null when the data is not 2-D. */
export function makeBoundaryGrid(d: Dataset): BoundaryGrid | null {
  if (d.dims !== 2 || d.rows === 0) return null;
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
  return { size, x0, x1, y0, y1, points };
}

/** Class probabilities (softmax of the logits) at every grid point: [size*size x classes], row-major. */
export function boundaryProbabilities(mlp: Mlp, grid: BoundaryGrid): Float32Array<ArrayBuffer> {
  const classes = mlp.shape.outputs;
  const n = grid.size * grid.size;
  const out = new Float32Array(n * classes);
  for (let start = 0; start < n; start += mlp.capacity) {
    const rows = Math.min(mlp.capacity, n - start);
    const logits = mlp.forward(grid.points.subarray(2 * start, 2 * (start + rows)), rows);
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
