import { exp, log } from '../math/dmath';
import type { Mlp } from '../nn/mlp';
import { HIST_BINS, histogramBin, nextRange } from './histogram';

/** Counts gathered by one probe pass over the probe set. */
export interface ProbeCounts {
  /** Per hidden neuron (layers concatenated): number of probe rows with z > 0. */
  readonly active: Int32Array<ArrayBuffer>;
  /** Per hidden layer: number of (row, neuron) activations exactly equal to 0. */
  readonly zeros: Int32Array<ArrayBuffer>;
  /** Per hidden neuron: sum over probe rows of |a| (activation output units; Sokar et al.'s dormant score is built on its mean). */
  readonly absSum: Float64Array<ArrayBuffer>;
  /** Rows in the probe set. */
  rows: number;
  /** Probe rows whose arg-max logit equals the label (classification). */
  correct: number;
  /** Regression: sum over probe rows of (prediction - target)^2, and of (target - mean target)^2 (target units squared). */
  sse: number;
  sst: number;
  /** Classification, when the probe was asked for it: sum over rows of the cross-entropy (nats); else NaN. */
  lossSum: number;
}

/** Rows a probe runs: features [rows x inputs], and labels (classification) or targets (regression, else empty). */
export interface ProbeSet {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly t: Float32Array;
  readonly rows: number;
}

/** Rows of the probe set whose pre-activations go into the histograms (a picture needs no more). */
export const HISTOGRAM_ROWS = 512;

/** Per hidden layer, HIST_BINS counts of pre-activations (layer l at l * HIST_BINS) and each layer's half-range (z units). */
export interface LayerHistograms {
  readonly counts: Int32Array<ArrayBuffer>;
  readonly ranges: number[];
}

/**
 * Histograms of every hidden layer's pre-activations over the first HISTOGRAM_ROWS rows of `set`, each
 * over [-range, range] with range the power of two covering the layer's largest |z|. Taken when a
 * snapshot is built rather than at every probe: only the picture needs them, and binning at every probe
 * cost more than training (measured: 43% of a default session's time).
 */
export function layerHistograms(mlp: Mlp, set: ProbeSet): LayerHistograms {
  const hidden = mlp.shape.hidden;
  const dims = mlp.shape.inputs;
  const rows = Math.min(set.rows, HISTOGRAM_ROWS);
  const z = hidden.map((w) => new Float32Array(rows * w));
  for (let start = 0; start < rows; start += mlp.capacity) {
    const n = Math.min(mlp.capacity, rows - start);
    mlp.forward(set.x.subarray(start * dims, (start + n) * dims), n);
    hidden.forEach((w, l) => z[l]!.set(mlp.z[l]!.subarray(0, n * w), start * w));
  }
  const counts = new Int32Array(hidden.length * HIST_BINS);
  const ranges = z.map((values, l) => {
    let maxAbs = 0;
    for (let i = 0; i < values.length; i++) maxAbs = Math.max(maxAbs, Math.abs(values[i]!));
    const range = nextRange(maxAbs);
    for (let i = 0; i < values.length; i++) counts[l * HIST_BINS + histogramBin(values[i]!, range)]!++;
    return range;
  });
  return { counts, ranges };
}

/** Allocates probe counters for a network with these hidden widths. */
export function makeProbeCounts(hidden: readonly number[]): ProbeCounts {
  const total = hidden.reduce((s, w) => s + w, 0);
  return { active: new Int32Array(total), zeros: new Int32Array(hidden.length), absSum: new Float64Array(total), rows: 0, correct: 0, sse: 0, sst: 0, lossSum: Number.NaN };
}

/**
 * Runs the probe rows through the network in chunks of its capacity (no gradients) and fills `out`:
 * per neuron how many rows had z > 0 and the sum of |a|, per layer how many activations were exactly 0, and how many rows the network classifies correctly (or, when the set has targets,
 * its squared errors). `neurons` false skips the per-neuron counts (the test rows need only the score).
 */
export function probe(mlp: Mlp, set: ProbeSet, out: ProbeCounts, withLoss = false, neurons = true): void {
  const { x, y, t, rows } = set;
  const regression = t.length > 0;
  const dims = mlp.shape.inputs;
  const hidden = mlp.shape.hidden;
  const classes = mlp.shape.outputs;
  out.active.fill(0);
  out.zeros.fill(0);
  out.absSum.fill(0);
  out.rows = rows;
  out.correct = 0;
  out.sse = 0;
  out.sst = regression ? totalSumOfSquares(t, rows) : 0;
  out.lossSum = withLoss && !regression ? 0 : Number.NaN;
  for (let start = 0; start < rows; start += mlp.capacity) {
    const n = Math.min(mlp.capacity, rows - start);
    const logits = mlp.forward(x.subarray(start * dims, (start + n) * dims), n);
    let offset = 0;
    for (let l = 0; neurons && l < hidden.length; l++) {
      const w = hidden[l]!;
      out.zeros[l]! += countNeurons(mlp.z[l]!, mlp.a[l]!, n, w, out.active, out.absSum, offset);
      offset += w;
    }
    if (regression) {
      for (let r = 0; r < n; r++) {
        const d = logits[r]! - t[start + r]!;
        out.sse += d * d;
      }
      continue;
    }
    for (let r = 0; r < n; r++) {
      let best = 0;
      for (let c = 1; c < classes; c++) if (logits[r * classes + c]! > logits[r * classes + best]!) best = c;
      if (best === y[start + r]) out.correct++;
      if (withLoss) out.lossSum += crossEntropy(logits, r * classes, classes, y[start + r]!);
    }
  }
}

/**
 * Adds, per neuron of one layer's [n x w] block, the rows with z > 0 to active[offset + j] and |a| to
 * absSum[offset + j] (float64, rows in order, so the sum is the same on every host); returns the exact zeros of a.
 */
function countNeurons(z: Float32Array, a: Float32Array, n: number, w: number, active: Int32Array, absSum: Float64Array, offset: number): number {
  // Neuron by neuron, so the counts and the sum stay in registers (the block fits in the cache either
  // way); branch-free: z > 0 holds for about half the rows, so an if would mispredict half the time.
  let zeros = 0;
  for (let j = 0; j < w; j++) {
    let on = 0;
    // Continuing the running sum (not a chunk's own) keeps the additions in row order across chunks.
    let abs = absSum[offset + j]!;
    for (let o = j; o < n * w; o += w) {
      const aj = a[o]!;
      on += z[o]! > 0 ? 1 : 0;
      abs += Math.abs(aj);
      zeros += aj === 0 ? 1 : 0;
    }
    active[offset + j] = active[offset + j]! + on;
    absSum[offset + j] = abs;
  }
  return zeros;
}

/** -log softmax(logits)[label] for one row starting at `o` (nats), computed stably (max subtracted). */
function crossEntropy(logits: Float32Array, o: number, classes: number, label: number): number {
  let max = -Infinity;
  for (let c = 0; c < classes; c++) max = Math.max(max, logits[o + c]!);
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += exp(logits[o + c]! - max);
  return log(sum) + max - logits[o + label]!;
}

/** Mean loss over the probe rows: cross-entropy (nats) when measured, or the mean squared error for regression. */
export function probeLoss(c: ProbeCounts, regression: boolean): number {
  if (c.rows === 0) return Number.NaN;
  return regression ? c.sse / c.rows : c.lossSum / c.rows;
}

/** Sum of squared deviations of the first `rows` targets from their mean (float64, fixed order). */
function totalSumOfSquares(t: Float32Array, rows: number): number {
  let mean = 0;
  for (let i = 0; i < rows; i++) mean += t[i]!;
  mean /= Math.max(1, rows);
  let s = 0;
  for (let i = 0; i < rows; i++) s += (t[i]! - mean) * (t[i]! - mean);
  return s;
}

/**
 * The probe's score: accuracy in [0, 1] for classification, R^2 = 1 - SSE/SST for regression (1 is a
 * perfect fit). NaN when not measured: no rows (an empty test split), or a constant regression target.
 */
export function probeScore(c: ProbeCounts, regression: boolean): number {
  // An empty split has no accuracy; 0 would read as "measured, all wrong".
  if (c.rows === 0) return Number.NaN;
  if (!regression) return c.correct / c.rows;
  return c.sst > 0 ? 1 - c.sse / c.sst : Number.NaN;
}
