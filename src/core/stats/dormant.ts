/**
 * Sokar et al. (ICML 2023, "The Dormant Neuron Phenomenon in Deep Reinforcement Learning"), their
 * definition 3.1: the score of neuron i of layer l over the probe rows x is
 *   s_i = mean_x |a_i(x)| / ((1/H_l) * sum_k mean_x |a_k(x)|),
 * a the activation's output and H_l the layer's width; the neuron is tau-dormant when s_i <= tau.
 * A layer whose mean is 0 (every output 0 on every row) gives every neuron the score 0. With tau = 0 a
 * neuron is dormant exactly when it outputs 0 on every probe row: under ReLU, an inactive (dead) neuron.
 */

/**
 * Scores of one layer's neurons (dimensionless; 1 is the layer's mean) from the sums of |a| over the
 * probe rows, `absSum[offset .. offset + width)`, written to out[0 .. width). The row count cancels.
 */
export function layerScores(absSum: Float64Array, offset: number, width: number, out: Float64Array): void {
  let total = 0;
  for (let j = 0; j < width; j++) total += absSum[offset + j]!;
  for (let j = 0; j < width; j++) out[j] = total > 0 ? (absSum[offset + j]! * width) / total : 0;
}

/** Per hidden layer, how many of its neurons are tau-dormant (score <= tau), from per-neuron sums of |a| (layers concatenated). */
export function dormantCounts(absSum: Float64Array, hidden: readonly number[], tau: number): number[] {
  const counts: number[] = [];
  let offset = 0;
  let scratch = new Float64Array(0);
  for (const w of hidden) {
    if (scratch.length < w) scratch = new Float64Array(w);
    layerScores(absSum, offset, w, scratch);
    let n = 0;
    for (let j = 0; j < w; j++) n += scratch[j]! <= tau ? 1 : 0;
    counts.push(n);
    offset += w;
  }
  return counts;
}

/** The neurons of one layer that are tau-dormant (indices within the layer, increasing). */
export function dormantNeurons(absSum: Float64Array, offset: number, width: number, tau: number): number[] {
  const scores = new Float64Array(width);
  layerScores(absSum, offset, width, scores);
  const out: number[] = [];
  for (let j = 0; j < width; j++) if (scores[j]! <= tau) out.push(j);
  return out;
}
