import { NEURON_EVENT } from '../../core/stats/neuron-tracker';

/** Where a hidden neuron sits: its layer (0-based among hidden layers) and index within the layer. */
export interface NeuronLocation {
  readonly layer: number;
  readonly j: number;
}

/** Locates hidden neuron `index` (layers concatenated) given the layer widths [inputs, hidden..., outputs]. */
export function locateNeuron(widths: readonly number[], index: number): NeuronLocation | null {
  let offset = 0;
  for (let l = 1; l < widths.length - 1; l++) {
    const w = widths[l]!;
    if (index < offset + w) return { layer: l - 1, j: index - offset };
    offset += w;
  }
  return null;
}

/** The incoming weights of hidden neuron (layer, j): row j of that layer's [outputs x inputs] matrix. */
export function incomingWeights(weights: readonly Float32Array[], widths: readonly number[], at: NeuronLocation): Float32Array {
  const inputs = widths[at.layer]!;
  return weights[at.layer]!.subarray(at.j * inputs, (at.j + 1) * inputs);
}

/** One death or revival of a neuron: its step, whether it revived, and what brought it back: a cure (a leaky slope's gradient), ReDo's recycle, or else drift. */
export interface NeuronEvent {
  readonly step: number;
  readonly revived: boolean;
  readonly cure: boolean;
  readonly redo: boolean;
}

/** The deaths and revivals of neuron `index` among a lane's recent (neuron, step, kind) triples (kind: NEURON_EVENT). */
export function neuronEventsOf(events: Int32Array, index: number): NeuronEvent[] {
  const out: NeuronEvent[] = [];
  for (let i = 0; i + 2 < events.length; i += 3) {
    if (events[i] !== index) continue;
    const kind = events[i + 2]!;
    out.push({ step: events[i + 1]!, revived: kind !== NEURON_EVENT.wentInactive, cure: kind === NEURON_EVENT.revivedByCure, redo: kind === NEURON_EVENT.revivedByRedo });
  }
  return out;
}
