import type { Activation, ActivationSpec } from '../nn/activation';
import { makeActivation } from '../nn/make-activation';
import type { NeuronLedger } from '../protocol/messages';

/** The z values of the lesson page's ledger table. */
export const LEDGER_Z: readonly number[] = [-3, -1, -0.2, 0, 0.8, 2];

/**
 * The activation one neuron computes at evaluation, as a spec of its own: PReLU with that neuron's
 * learned slope (one shared value), RReLU as the Leaky ReLU with its mean slope (what it computes outside
 * training; its training slope is random per element), every other kind as it is.
 */
export function evaluationSpec(spec: ActivationSpec, slope: number): ActivationSpec {
  if (spec.kind === 'prelu') return { kind: 'prelu', alpha: slope, perNeuron: false };
  if (spec.kind === 'rrelu') return { kind: 'leaky_relu', alpha: (spec.lower + spec.upper) / 2 };
  return spec;
}

/** f(z) and f'(z) at each z (float32), by the activation's own forward and backward. */
function evaluate(act: Activation, z: Float32Array): { f: Float32Array<ArrayBuffer>; slope: Float32Array<ArrayBuffer> } {
  const n = z.length;
  const f = new Float32Array(n);
  const slope = new Float32Array(n);
  // One row of n columns: a shared PReLU slope applies to each alike.
  act.forward(z, f, 1, n, false);
  act.backward(z, new Float32Array(n).fill(1), slope, 1, n);
  return { f, slope };
}

/**
 * The ledger of a neuron with activation `spec` and negative slope `slope` (its learned alpha under
 * PReLU) at the values `zs`: ReLU's output, f(z), f'(z) and upstream x f'(z), the gradient that would
 * reach z if every batch row sat there (upstream: the measured sum of dLoss/da; NaN before a step).
 */
export function neuronLedger(spec: ActivationSpec, slope: number, upstream: number, zs: readonly number[] = LEDGER_Z): NeuronLedger {
  const z = Float32Array.from(zs);
  const relu = evaluate(makeActivation({ kind: 'relu' }, 1, 0), z).f;
  const own = evaluate(makeActivation(evaluationSpec(spec, slope), 1, 0), z);
  const gradient = Float64Array.from(own.slope, (s) => upstream * s);
  return { z, relu, f: own.f, slope: own.slope, gradient };
}
