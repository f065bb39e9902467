import type { Dataset } from '../data/dataset';
import { Replayer } from '../engine/replay';
import { Session } from '../engine/session';
import { type Experiment, userEvents } from '../protocol/experiment';

/**
 * One ReDo recycle as the exported script replays it: after loop step `at` (1-based: once the lanes
 * have trained `at` times, before that step's probe), lane `lane`'s neurons of hidden layer `layer` get
 * the incoming weights and bias the engine drew (arrays recycle{arrays}_w [k x inputs], _b [k], and
 * _alpha [k] for a per-neuron PReLU lane's reset slopes), their outgoing weights 0 and their optimizer
 * state zeroed.
 */
export interface ExportedRecycle {
  readonly at: number;
  readonly lane: number;
  readonly layer: number;
  readonly neurons: readonly number[];
  readonly arrays: number;
}

/** Whether ReDo can act within `steps` steps of the experiment (a lane's spec, or a 'redo' event that turns it on). */
export function redoWithin(x: Experiment, steps: number): boolean {
  return x.spec.lanes.some((l) => l.redo != null && l.redo.every <= steps) || x.events.some((e) => e.type === 'redo' && e.redo !== null && e.step < steps);
}

/**
 * Replays the experiment in the engine for `steps` steps and records every ReDo recycle with the values
 * the engine gave the recycled weights (re-drawn from the lane's init by the engine's generator, which
 * the script does not have), handing each array to `put`. Keyed by loop step, not lane step, so that a
 * rewound lane, which passes a step twice, recycles where the engine did.
 */
export function exportedRecycles(x: Experiment, rows: Dataset | null, steps: number, put: (name: string, a: Float32Array, shape: readonly number[]) => void): ExportedRecycle[] {
  if (!redoWithin(x, steps)) return [];
  const session = new Session(x.spec, rows);
  const out: ExportedRecycle[] = [];
  let seen = 0;
  new Replayer(session, userEvents(x.events), {
    onStep: (at) => {
      for (const r of session.recycles.slice(seen)) {
        const lane = session.lanes[r.lane]!;
        const into = lane.mlp.layers[r.layer]!;
        const n = into.inputs;
        const j = out.length;
        put(`recycle${j}_w`, Float32Array.from(r.neurons.flatMap((k) => Array.from(into.weight.subarray(k * n, (k + 1) * n)))), [r.neurons.length, n]);
        put(`recycle${j}_b`, Float32Array.from(r.neurons.map((k) => into.bias[k]!)), [r.neurons.length]);
        const act = lane.spec.activation;
        const slopes = lane.mlp.activations[r.layer]!.param;
        if (act.kind === 'prelu' && act.perNeuron && slopes !== null && slopes.length === into.outputs) put(`recycle${j}_alpha`, Float32Array.from(r.neurons.map((k) => slopes[k]!)), [r.neurons.length]);
        out.push({ at, lane: r.lane, layer: r.layer, neurons: r.neurons, arrays: j });
      }
      seen = session.recycles.length;
    },
  }).advance(steps);
  return out;
}
