import type { Mlp } from '../nn/mlp';

/** Counts gathered by one probe pass over the probe set. */
export interface ProbeCounts {
  /** Per hidden neuron (layers concatenated): number of probe rows with z > 0. */
  readonly active: Int32Array<ArrayBuffer>;
  /** Per hidden layer: number of (row, neuron) activations exactly equal to 0. */
  readonly zeros: Int32Array<ArrayBuffer>;
  /** Rows in the probe set. */
  rows: number;
  /** Probe rows whose arg-max logit equals the label. */
  correct: number;
}

/** Allocates probe counters for a network with these hidden widths. */
export function makeProbeCounts(hidden: readonly number[]): ProbeCounts {
  const total = hidden.reduce((s, w) => s + w, 0);
  return { active: new Int32Array(total), zeros: new Int32Array(hidden.length), rows: 0, correct: 0 };
}

/**
 * Runs the probe rows through the network in chunks of its capacity (no gradients) and fills `out`:
 * per neuron how many rows had z > 0, per layer how many activations were exactly 0, and how many rows
 * the network classifies correctly.
 */
export function probe(mlp: Mlp, x: Float32Array, y: Int32Array, rows: number, out: ProbeCounts): void {
  const dims = mlp.shape.inputs;
  const hidden = mlp.shape.hidden;
  const classes = mlp.shape.outputs;
  out.active.fill(0);
  out.zeros.fill(0);
  out.rows = rows;
  out.correct = 0;
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
      out.zeros[l]! += zeros;
      offset += w;
    }
    for (let r = 0; r < n; r++) {
      let best = 0;
      for (let c = 1; c < classes; c++) if (logits[r * classes + c]! > logits[r * classes + best]!) best = c;
      if (best === y[start + r]) out.correct++;
    }
  }
}
