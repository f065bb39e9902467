import type { RngState } from '../math/rng';
import type { ActivationSpec } from '../nn/activation';
import type { Divergence } from '../protocol/messages';
import type { LaneSpec } from '../protocol/spec';
import type { TrackerState } from '../stats/neuron-tracker';
import type { ProbeCounts } from '../stats/probe';
import type { OptimizerState } from '../train/optimizer';

/**
 * Everything a lane needs to train on exactly as if it had never stopped: parameters, optimizer state,
 * random stream positions, neuron statistics and the lane's own bookkeeping. Arrays are copies, never
 * the lane's own; a state is never mutated after it is taken, so checkpoints may share it.
 */
export interface LaneState {
  /** The lane's spec now (activation and rate after every event). */
  readonly spec: LaneSpec;
  /** The activation the lane started with (born-dead neurons are counted under it). */
  readonly initialActivation: ActivationSpec;
  /** Per hidden layer, the activation in force (PReLU's records the slope it started from). */
  readonly layerActivations: readonly ActivationSpec[];
  /** Optimizer steps taken. */
  readonly step: number;
  /** Last batch loss (nats or MSE), NaN before the first step. */
  readonly loss: number;
  /** Moving average of the batch loss, NaN before the first step. */
  readonly smoothedLoss: number;
  /** Gradient 2-norm of the last step (before clipping), NaN before the first. */
  readonly gradNorm: number;
  readonly diverged: Divergence | null;
  /** The last hot-swap's step and which neurons were inactive then. */
  readonly swap: { readonly step: number; readonly inactive: Uint8Array<ArrayBuffer> } | null;
  /** Every parameter tensor in the network's order (per layer W then b, then PReLU slopes). */
  readonly params: readonly Float32Array<ArrayBuffer>[];
  readonly optimizer: OptimizerState;
  /** Per hidden layer, its activation's random stream position (RReLU), or null. */
  readonly random: readonly (RngState | null)[];
  readonly tracker: TrackerState;
  /** The last probe's counts on the training and the test rows. */
  readonly trainCounts: ProbeCounts;
  readonly testCounts: ProbeCounts;
}

/** A copy of probe counts (their arrays are reused by the next probe). */
export function copyCounts(c: ProbeCounts): ProbeCounts {
  return { active: c.active.slice(), zeros: c.zeros.slice(), absSum: c.absSum.slice(), rows: c.rows, correct: c.correct, sse: c.sse, sst: c.sst, lossSum: c.lossSum };
}

/** Copies saved counts into a lane's own. */
export function setCounts(into: ProbeCounts, from: ProbeCounts): void {
  if (into.active.length !== from.active.length || into.zeros.length !== from.zeros.length) throw new Error('saved probe counts do not fit this network');
  into.active.set(from.active);
  into.zeros.set(from.zeros);
  if (from.absSum.length === into.absSum.length) into.absSum.set(from.absSum);
  // A state saved before the dormant score existed: unknown until the next probe (NaN reads as "not measured").
  else into.absSum.fill(Number.NaN);
  into.rows = from.rows;
  into.correct = from.correct;
  into.sse = from.sse;
  into.sst = from.sst;
  into.lossSum = from.lossSum;
}

/** Bytes a lane state holds in typed arrays (what a checkpoint budget counts). */
export function laneStateBytes(s: LaneState): number {
  let n = s.swap?.inactive.byteLength ?? 0;
  for (const p of s.params) n += p.byteLength;
  for (const o of s.optimizer) if (o !== null) for (const b of o.buffers) n += b.byteLength;
  const t = s.tracker;
  n += t.inactive.byteLength + t.bornInactive.byteLength + t.lastDied.byteLength + t.lastRevived.byteLength + t.lastRevivalKind.byteLength + (t.recycled?.byteLength ?? 0) + t.log.byteLength;
  return n + 2 * (s.trainCounts.active.byteLength + s.trainCounts.zeros.byteLength + s.trainCounts.absSum.byteLength) + 512;
}
