import type { ActivationSpec } from '../../core/nn/activation';
import { evaluationSpec } from '../../core/engine/neuron-ledger';
import { makeActivation } from '../../core/nn/make-activation';
import { HIST_BINS } from '../../core/stats/histogram';

/** f(z) and f'(z) sampled at evenly spaced z, as the engine computes them. */
export interface ActivationCurve {
  readonly z: Float32Array;
  readonly f: Float32Array;
  readonly df: Float32Array;
}

/** Samples per curve: odd, so that z = 0 (the ReLU family's kink) is one of them. */
export const CURVE_POINTS = 241;

/** The spec whose evaluation-mode curve is drawn: core's evaluationSpec (PReLU's learned slope, RReLU's mean slope). */
export const drawnSpec = evaluationSpec;

/** f and f' over [-range, range], through the engine's own forward and backward (identical math). */
export function activationCurve(spec: ActivationSpec, slope: number, range: number): ActivationCurve {
  const n = CURVE_POINTS;
  const z = new Float32Array(n);
  for (let i = 0; i < n; i++) z[i] = -range + (2 * range * i) / (n - 1);
  const f = new Float32Array(n);
  const df = new Float32Array(n);
  const act = makeActivation(drawnSpec(spec, slope), 1, 0);
  // One row of n "neurons" (a shared PReLU slope applies to every column alike).
  act.forward(z, f, 1, n, false);
  act.backward(z, new Float32Array(n).fill(1), df, 1, n);
  return { z, f, df };
}

/** Counts of one hidden layer's histogram (a view, not a copy). */
export function layerHistogram(histograms: Int32Array, layer: number): Int32Array {
  return histograms.subarray(layer * HIST_BINS, (layer + 1) * HIST_BINS);
}

/**
 * Share (0 to 1) of the histogram's mass below z = 0, the middle bin edge: where ReLU's gradient is 0.
 * NaN when the histogram is empty.
 */
export function nonPositiveShare(counts: Int32Array): number {
  let below = 0;
  let total = 0;
  for (let b = 0; b < counts.length; b++) {
    total += counts[b]!;
    if (b < counts.length / 2) below += counts[b]!;
  }
  return total > 0 ? below / total : Number.NaN;
}

/** Mean and extremes of a layer's negative slopes (PReLU learns one per neuron). */
export function slopeStats(slopes: Float32Array, offset: number, width: number): { mean: number; min: number; max: number } {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let j = offset; j < offset + width; j++) {
    const s = slopes[j] ?? 0;
    sum += s;
    min = Math.min(min, s);
    max = Math.max(max, s);
  }
  return width > 0 ? { mean: sum / width, min, max } : { mean: 0, min: 0, max: 0 };
}
