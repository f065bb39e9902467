import { leaksGradient } from '../../core/nn/activation';
import type { LaneSnapshot } from '../../core/protocol/messages';
import { NEURON_EVENT } from '../../core/stats/neuron-tracker';

/** A neuron counts as "revived" in the UI for this many steps after its revival. */
export const REVIVED_WINDOW = 500;

/**
 * What a hidden neuron looks like in the UI. "dead": no probe input gives z > 0 and the activation has
 * zero gradient there (ReLU). "inactive": no probe input gives z > 0 but the activation still passes a
 * gradient for z < 0 (Leaky ReLU, PReLU, ELU...), so the neuron keeps learning.
 */
export type NeuronState = 'dead' | 'inactive' | 'alive' | 'revived';

/** State of hidden neuron `i` (index into the lane's concatenated per-neuron arrays). */
export function neuronState(lane: LaneSnapshot, i: number): NeuronState {
  if (lane.dead[i] === 1) return 'dead';
  if (lane.inactive[i] === 1) return 'inactive';
  const revived = lane.lastRevived[i] ?? -1;
  return revived >= 0 && lane.step - revived <= REVIVED_WINDOW ? 'revived' : 'alive';
}

/** What the inactive state means, for tooltips and labels. */
export const INACTIVE_TEXT = 'inactive (still learning through α)';

/** Spoken/tooltip summary of a neuron's state: "dead", "inactive (still learning through α)", "active 42%", "revived at step 1230". */
export function stateText(lane: LaneSnapshot, i: number): string {
  const state = neuronState(lane, i);
  if (state === 'dead') return 'dead';
  if (state === 'inactive') return INACTIVE_TEXT;
  if (state === 'revived') return `revived at step ${lane.lastRevived[i] ?? -1}`;
  return `active ${formatPercent(lane.activity[i] ?? 0)}`;
}

/** What brought a neuron back the last time it revived; null when it never did. */
export function revivalCause(lane: LaneSnapshot, i: number): string | null {
  const kind = lane.lastRevivalKind[i] ?? -1;
  if (kind === NEURON_EVENT.revivedByCure) return "the leaky slope's gradient brought it back (a cure)";
  if (kind === NEURON_EVENT.revivedByDrift) return 'its inputs moved back above zero (momentum or upstream layers)';
  if (kind === NEURON_EVENT.revivedByRedo) return 'ReDo re-drew its incoming weights and bias (a recycle)';
  return null;
}

/** A rate in [0, 1] as a whole percentage, keeping tiny non-zero rates visible ("<1%"). */
export function formatPercent(rate: number): string {
  if (rate > 0 && rate < 0.005) return '<1%';
  return `${Math.round(rate * 100)}%`;
}

/** Total dead neurons of a lane (only ReLU lanes have any). */
export function deadCount(lane: LaneSnapshot): number {
  return sum(lane.dead);
}

/** Total inactive neurons of a lane (dead ones included). */
export function inactiveCount(lane: LaneSnapshot): number {
  return sum(lane.inactive);
}

function sum(a: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i]!;
  return n;
}

/**
 * What a lane's readouts count as "off": its dead neurons under an activation with no gradient for
 * z < 0 (ReLU), else its inactive ones, which are never called dead. Per hidden layer in percent.
 */
export interface OffReadout {
  readonly word: 'dead' | 'inactive';
  readonly count: number;
  readonly total: number;
  readonly perLayer: readonly number[];
}

/** The lane's dead (ReLU) or inactive (any leaky activation) neurons, for the readouts and the badge. */
export function offReadout(lane: LaneSnapshot): OffReadout {
  const dead = !leaksGradient(lane.activation);
  return dead
    ? { word: 'dead', count: deadCount(lane), total: lane.dead.length, perLayer: lane.deadPercent }
    : { word: 'inactive', count: inactiveCount(lane), total: lane.inactive.length, perLayer: lane.inactivePercent };
}
