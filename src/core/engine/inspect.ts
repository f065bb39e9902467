import type { Mlp } from '../nn/mlp';
import type { InspectedNeuron, NeuronGradient } from '../protocol/messages';
import { HIST_BINS, histogramBin, nextRange } from '../stats/histogram';
import { HISTOGRAM_ROWS, type ProbeSet } from '../stats/probe';
import { type BoundaryGrid, gridPoints } from './boundary';
import { neuronLedger } from './neuron-ledger';

/** Which hidden neuron (index into the concatenated hidden layers) sits at which layer and position. */
export function locateNeuron(hidden: readonly number[], neuron: number): { layer: number; index: number } | null {
  let offset = 0;
  for (let l = 0; l < hidden.length; l++) {
    if (neuron < offset + hidden[l]!) return { layer: l, index: neuron - offset };
    offset += hidden[l]!;
  }
  return null;
}

/**
 * One neuron's pre-activations z: at every probe row, their histogram over the first HISTOGRAM_ROWS rows
 * (bins over [-range, range], range the power of two covering their largest |z|), and with a grid, z at
 * every grid point (its response over the input plane); its activation's ledger with the measured
 * upstream gradient of `gradient` (the last training step's). Null when the neuron does not exist.
 */
export function inspectNeuron(mlp: Mlp, lane: number, neuron: number, set: ProbeSet, grid: BoundaryGrid | null, gradient: NeuronGradient | null = null): Omit<InspectedNeuron, 'trail'> | null {
  const at = locateNeuron(mlp.shape.hidden, neuron);
  if (at === null) return null;
  const probeZ = neuronZ(mlp, at, set.x, set.rows);
  const rows = Math.min(set.rows, HISTOGRAM_ROWS);
  let maxAbs = 0;
  for (let i = 0; i < rows; i++) maxAbs = Math.max(maxAbs, Math.abs(probeZ[i]!));
  const range = nextRange(maxAbs);
  const histogram = new Int32Array(HIST_BINS);
  for (let i = 0; i < rows; i++) histogram[histogramBin(probeZ[i]!, range)]!++;
  const response = grid === null ? null : neuronZ(mlp, at, grid.points, gridPoints(grid));
  const act = mlp.activations[at.layer]!;
  const ledger = neuronLedger(act.spec, act.negativeSlope(at.index), gradient?.upstream ?? Number.NaN);
  return { lane, neuron, layer: at.layer, histogram, range, response, probeZ, gradient, ledger };
}

/** z of one neuron for each of `rows` inputs, run through the network in chunks of its capacity. */
function neuronZ(mlp: Mlp, at: { layer: number; index: number }, x: Float32Array, rows: number): Float32Array<ArrayBuffer> {
  const dims = mlp.shape.inputs;
  const width = mlp.shape.hidden[at.layer]!;
  const out = new Float32Array(rows);
  for (let start = 0; start < rows; start += mlp.capacity) {
    const n = Math.min(mlp.capacity, rows - start);
    mlp.forward(x.subarray(start * dims, (start + n) * dims), n);
    const z = mlp.z[at.layer]!;
    for (let r = 0; r < n; r++) out[start + r] = z[r * width + at.index]!;
  }
  return out;
}
