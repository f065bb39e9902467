import { Rng, streamSeed } from '../math/rng';
import { Dense } from '../nn/dense';
import { initLayer } from '../nn/init';
import type { Mlp } from '../nn/mlp';
import type { LaneSpec, RedoSpec } from '../protocol/spec';
import { dormantNeurons } from '../stats/dormant';
import { makeProbeCounts, probe, type ProbeSet } from '../stats/probe';
import type { Optimizer } from '../train/optimizer';

/** The neurons ReDo recycled in one hidden layer (`layer`, from 0) at one step: indices within the layer, increasing. */
export interface Recycled {
  readonly layer: number;
  readonly neurons: readonly number[];
}

/** Seed of the re-drawn incoming weights of one recycle: the session seed's 'redo' stream mixed with the lane and the step, so no state is needed to reproduce it. */
export function redoSeed(sessionSeed: number, lane: number, step: number): number {
  return streamSeed((sessionSeed + Math.imul(step, 0x9e3779b1) + Math.imul(lane + 1, 0x85ebca6b)) >>> 0, 'redo');
}

/** True when a lane with this spec recycles after its step number `step` (ReDo on, every K steps, never at step 0). */
export function redoDue(redo: RedoSpec | null | undefined, step: number): redo is RedoSpec {
  return redo !== null && redo !== undefined && step > 0 && step % redo.every === 0;
}

/**
 * ReDo (Sokar et al. 2023, algorithm 1) on one network: scores every hidden neuron over the probe rows,
 * and for each with score <= redo.tau re-draws its incoming weights and bias from the lane's init (without
 * its bias shift: that models a bad start, and re-applying it would re-create the dead neuron), sets its
 * outgoing weights to 0 (so the network's output does not jump), and zeroes the optimizer state of
 * exactly those weights. A per-neuron PReLU slope goes back to the slope the lane's activation starts
 * from, its state zeroed too; a shared slope is left alone (it belongs to every neuron of the layer).
 * Layers are scored before any is changed, as the paper scores the whole network on one batch.
 */
export function recycleDormant(mlp: Mlp, optimizer: Optimizer, spec: LaneSpec, redo: RedoSpec, set: ProbeSet, seed: number): Recycled[] {
  const hidden = mlp.shape.hidden;
  const counts = makeProbeCounts(hidden);
  probe(mlp, set, counts);
  const chosen: Recycled[] = [];
  let offset = 0;
  hidden.forEach((w, l) => {
    const neurons = dormantNeurons(counts.absSum, offset, w, redo.tau);
    if (neurons.length > 0) chosen.push({ layer: l, neurons });
    offset += w;
  });
  const rng = new Rng(seed);
  for (const { layer, neurons } of chosen) recycleLayer(mlp, optimizer, spec, layer, neurons, rng);
  return chosen;
}

function recycleLayer(mlp: Mlp, optimizer: Optimizer, spec: LaneSpec, l: number, neurons: readonly number[], rng: Rng): void {
  const into = mlp.layers[l]!;
  const out = mlp.layers[l + 1]!;
  // A fresh draw of the whole layer from the lane's init (RAI and the fan-based scales need the layer's shape); the recycled rows are taken from it.
  const fresh = new Dense(into.inputs, into.outputs);
  initLayer(fresh, spec.init, 0, rng);
  const n = into.inputs;
  for (const j of neurons) {
    const rows: number[] = [];
    for (let k = 0; k < n; k++) {
      into.weight[j * n + k] = fresh.weight[j * n + k]!;
      rows.push(j * n + k);
    }
    into.bias[j] = fresh.bias[j]!;
    optimizer.resetAt(into.weight, rows);
    optimizer.resetAt(into.bias, [j]);
    const column: number[] = [];
    for (let r = 0; r < out.outputs; r++) {
      out.weight[r * out.inputs + j] = 0;
      column.push(r * out.inputs + j);
    }
    optimizer.resetAt(out.weight, column);
  }
  const act = mlp.activations[l]!;
  const a = spec.activation;
  if (act.param !== null && a.kind === 'prelu' && a.perNeuron && act.param.length === into.outputs) {
    for (const j of neurons) act.param[j] = a.alpha;
    optimizer.resetAt(act.param, neurons);
  }
}
