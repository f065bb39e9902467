import type { LaneSnapshot } from '../../core/protocol/messages';

/** A neuron counts as "revived" in the UI for this many steps after its revival. */
export const REVIVED_WINDOW = 500;

/** What a hidden neuron looks like in the UI. */
export type NeuronState = 'dead' | 'alive' | 'revived';

/** State of hidden neuron `i` (index into the lane's concatenated per-neuron arrays). */
export function neuronState(lane: LaneSnapshot, i: number): NeuronState {
  if (lane.dead[i] === 1) return 'dead';
  const revived = lane.lastRevived[i] ?? -1;
  return revived >= 0 && lane.step - revived <= REVIVED_WINDOW ? 'revived' : 'alive';
}

/** Spoken/tooltip summary of a neuron's state: "dead", "active 42%", "revived at step 1230". */
export function stateText(lane: LaneSnapshot, i: number): string {
  const state = neuronState(lane, i);
  if (state === 'dead') return 'dead';
  if (state === 'revived') return `revived at step ${lane.lastRevived[i] ?? -1}`;
  return `active ${formatPercent(lane.activity[i] ?? 0)}`;
}

/** A rate in [0, 1] as a whole percentage, keeping tiny non-zero rates visible ("<1%"). */
export function formatPercent(rate: number): string {
  if (rate > 0 && rate < 0.005) return '<1%';
  return `${Math.round(rate * 100)}%`;
}

/** Total dead neurons of a lane. */
export function deadCount(lane: LaneSnapshot): number {
  let n = 0;
  for (let i = 0; i < lane.dead.length; i++) n += lane.dead[i]!;
  return n;
}
