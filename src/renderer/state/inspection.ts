import type { InspectedNeuron } from '../../core/protocol/messages';

/** The neuron the inspector shows: its lane and index into the concatenated hidden layers. */
export interface InspectTarget {
  readonly lane: number;
  readonly index: number;
}

function isOf(m: InspectedNeuron | null, target: InspectTarget): m is InspectedNeuron {
  return m !== null && m.lane === target.lane && m.neuron === target.index;
}

/**
 * The measurement of the inspected neuron to show after a snapshot: the snapshot's own when it is of the
 * target (a snapshot sent before the engine got a new 'inspect' still carries the old neuron, and is
 * ignored), keeping the previous response when this one carries none (responses come with boundary
 * frames only, every ~250 ms while playing). Null when nothing is inspected.
 */
export function keepInspection(prev: InspectedNeuron | null, next: InspectedNeuron | null, target: InspectTarget | null): InspectedNeuron | null {
  if (target === null) return null;
  const kept = isOf(prev, target) ? prev : null;
  if (!isOf(next, target)) return kept;
  if (next.response === null && kept !== null && kept.response !== null) return { ...next, response: kept.response };
  return next;
}
