import { exp, log } from '../math/dmath';
import type { Mlp } from '../nn/mlp';
import { HIST_BINS, HIST_INITIAL_RANGE, histogramBin, nextRange } from './histogram';

/** Counts gathered by one probe pass over the probe set. */
export interface ProbeCounts {
  /** Per hidden neuron (layers concatenated): number of probe rows with z > 0. */
  readonly active: Int32Array<ArrayBuffer>;
  /** Per hidden layer: number of (row, neuron) activations exactly equal to 0. */
  readonly zeros: Int32Array<ArrayBuffer>;
  /** Per hidden layer, HIST_BINS counts of pre-activations (layer l at offset l * HIST_BINS). */
  readonly histograms: Int32Array<ArrayBuffer>;
  /** Per hidden layer, the histogram's half-range: its bins span [-range, range] (z units). */
  readonly ranges: Float64Array<ArrayBuffer>;
  /** Per hidden layer, the half-range the finished histogram was binned with (z units). */
  readonly lastRanges: Float64Array<ArrayBuffer>;
  /** Scratch: per hidden layer, the largest |z| of the probe in progress. */
  readonly maxAbs: Float64Array<ArrayBuffer>;
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

/** Adds n pre-activations to a histogram over [-range, range] and raises maxAbs[l] to their largest |z|. */
function histogramInto(z: Float32Array, n: number, range: number, hist: Int32Array, maxAbs: Float64Array, l: number): void {
  let m = maxAbs[l]!;
  for (let i = 0; i < n; i++) {
    const v = z[i]!;
    hist[histogramBin(v, range)]!++;
    const abs = v < 0 ? -v : v;
    if (abs > m) m = abs;
  }
  maxAbs[l] = m;
}

/** Allocates probe counters for a network with these hidden widths. */
export function makeProbeCounts(hidden: readonly number[]): ProbeCounts {
  const total = hidden.reduce((s, w) => s + w, 0);
  return { active: new Int32Array(total), zeros: new Int32Array(hidden.length), histograms: new Int32Array(hidden.length * HIST_BINS), ranges: new Float64Array(hidden.length).fill(HIST_INITIAL_RANGE), maxAbs: new Float64Array(hidden.length), lastRanges: new Float64Array(hidden.length).fill(HIST_INITIAL_RANGE), rows: 0, correct: 0, sse: 0, sst: 0, lossSum: Number.NaN };
}

/**
 * Runs the probe rows through the network in chunks of its capacity (no gradients) and fills `out`:
 * per neuron how many rows had z > 0, per layer how many activations were exactly 0 and the histogram of
 * pre-activations, and how many rows the network classifies correctly (or, when the set has targets,
 * its squared errors).
 */
export function probe(mlp: Mlp, set: ProbeSet, out: ProbeCounts, histogramRows = HISTOGRAM_ROWS, withLoss = false): void {
  const { x, y, t, rows } = set;
  const regression = t.length > 0;
  const dims = mlp.shape.inputs;
  const hidden = mlp.shape.hidden;
  const classes = mlp.shape.outputs;
  out.active.fill(0);
  out.zeros.fill(0);
  out.histograms.fill(0);
  const maxAbs = out.maxAbs.fill(0);
  out.rows = rows;
  out.correct = 0;
  out.sse = 0;
  out.sst = regression ? totalSumOfSquares(t, rows) : 0;
  out.lossSum = withLoss && !regression ? 0 : Number.NaN;
  for (let start = 0; start < rows; start += mlp.capacity) {
    const n = Math.min(mlp.capacity, rows - start);
    const logits = mlp.forward(x.subarray(start * dims, (start + n) * dims), n);
    let offset = 0;
    for (let l = 0; l < hidden.length; l++) {
      const w = hidden[l]!;
      const z = mlp.z[l]!;
      const a = mlp.a[l]!;
      let zeros = 0;
      for (let r = 0; r < n; r++) {
        const o = r * w;
        for (let j = 0; j < w; j++) {
          if (z[o + j]! > 0) out.active[offset + j]!++;
          if (a[o + j] === 0) zeros++;
        }
      }
      const histRows = Math.min(n, histogramRows - start);
      if (histRows > 0) histogramInto(z, histRows * w, out.ranges[l]!, out.histograms.subarray(l * HIST_BINS, (l + 1) * HIST_BINS), maxAbs, l);
      out.zeros[l]! += zeros;
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
  // This probe's largest |z| sets the next probe's range; this one used the previous range.
  if (histogramRows > 0) {
    out.lastRanges.set(out.ranges);
    for (let l = 0; l < hidden.length; l++) out.ranges[l] = nextRange(maxAbs[l]!);
  }
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

/** The probe's score: accuracy in [0, 1] for classification, R^2 = 1 - SSE/SST for regression (1 is a perfect fit). */
export function probeScore(c: ProbeCounts, regression: boolean): number {
  if (!regression) return c.correct / Math.max(1, c.rows);
  return c.sst > 0 ? 1 - c.sse / c.sst : Number.NaN;
}
