import { describe, expect, it } from 'vitest';
import type { Activation, ActivationSpec } from '../../../../src/core/nn/activation';
import { LeakyRelu } from '../../../../src/core/nn/leaky-relu';
import { Prelu } from '../../../../src/core/nn/prelu';
import { Relu } from '../../../../src/core/nn/relu';
import { Rrelu } from '../../../../src/core/nn/rrelu';
import { makeActivation } from '../../../../src/core/nn/make-activation';
import { asF32, awayFromZero, randomArray, worstGradientError, worstGradientError64 } from '../../../helpers/finite-difference';

const rows = 5;
const width = 4;

// Loss L = sum_i c_i * f(z_i), so dL/da = c and the analytic dL/dz comes from backward.
function lossOf(act: Activation, z: Float32Array, c: Float32Array): number {
  const a = new Float32Array(z.length);
  act.forward(z, a, rows, width, false);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += c[i]! * a[i]!;
  return s;
}

const cases: [string, () => Activation][] = [
  ['ReLU', () => new Relu()],
  ['Leaky ReLU 0.01', () => new LeakyRelu(0.01)],
  ['Leaky ReLU 0.3', () => new LeakyRelu(0.3)],
  ['PReLU shared', () => new Prelu(width, 0.25, false)],
  ['PReLU per neuron', () => new Prelu(width, 0.25, true)],
];

// The smooth activations (and the ReLU family again, through the factory the engine uses).
const smooth: ActivationSpec[] = [
  { kind: 'elu', alpha: 1 },
  { kind: 'elu', alpha: 0.5 },
  { kind: 'selu' },
  { kind: 'gelu', approximate: 'none' },
  { kind: 'gelu', approximate: 'tanh' },
  { kind: 'silu' },
  { kind: 'softplus', beta: 1, threshold: 20 },
  { kind: 'softplus', beta: 3, threshold: 20 },
  { kind: 'tanh' },
  { kind: 'sigmoid' },
  { kind: 'identity' },
];

describe.each(smooth)('%o', (spec) => {
  it('has the gradient finite differences give', () => {
    const act = makeActivation(spec, width, 0);
    const z = awayFromZero(randomArray(rows * width, 3, 3), 0.05);
    const c = randomArray(rows * width, 4);
    const dz = new Float32Array(z.length);
    act.backward(z, c, dz, rows, width);
    expect(worstGradientError(z, dz, () => lossOf(act, z, c), 1e-2)).toBeLessThan(2e-3);
  });
});

// The same checks in float64: the activation loops run unchanged on Float64Array, so the analytic
// gradient is compared with differences at h = 1e-6, far finer than float32 allows.
describe.each([{ kind: 'relu' }, { kind: 'leaky_relu', alpha: 0.1 }, ...smooth] as ActivationSpec[])('%o in float64', (spec) => {
  it('has the gradient float64 finite differences give (to 1e-7)', () => {
    const act = makeActivation(spec, width, 0);
    const z = Float64Array.from(awayFromZero(randomArray(rows * width, 5, 3), 0.05));
    const c = Float64Array.from(randomArray(rows * width, 6));
    const dz = new Float64Array(z.length);
    act.backward(asF32(z), asF32(c), asF32(dz), rows, width);
    const loss = () => {
      const a = new Float64Array(z.length);
      act.forward(asF32(z), asF32(a), rows, width, false);
      return a.reduce((s, v, i) => s + v * c[i]!, 0);
    };
    expect(worstGradientError64(z, dz, loss)).toBeLessThan(1e-7);
  });
});

describe('RReLU', () => {
  it('draws a slope in [lower, upper] per negative element in training, uses it as the gradient, and the mean in evaluation', () => {
    const act = new Rrelu(0.1, 0.3, 5);
    const z = new Float32Array([-1, 2, -3, 0, -0.5, 4]);
    const a = new Float32Array(6);
    act.forward(z, a, 2, 3, true);
    const dz = new Float32Array(6);
    act.backward(z, new Float32Array(6).fill(1), dz, 2, 3);
    for (let i = 0; i < 6; i++) {
      if (z[i]! > 0) {
        expect(a[i]).toBe(z[i]);
        expect(dz[i]).toBe(1);
      } else {
        expect(dz[i]).toBeGreaterThanOrEqual(0.1 - 1e-7);
        expect(dz[i]).toBeLessThanOrEqual(0.3 + 1e-7);
        expect(a[i]).toBe(Math.fround(z[i]! * dz[i]!));
      }
    }
    act.forward(z, a, 2, 3, false);
    expect(a[0]).toBe(Math.fround(-Math.fround(0.2)));
    // Same seed, same slopes.
    const again = new Rrelu(0.1, 0.3, 5);
    const b = new Float32Array(6);
    again.forward(z, b, 2, 3, true);
    const first = new Rrelu(0.1, 0.3, 5);
    const c = new Float32Array(6);
    first.forward(z, c, 2, 3, true);
    expect([...b]).toEqual([...c]);
  });
});

describe.each(cases)('%s', (_name, make) => {
  it('has the gradient finite differences give, away from the kink', () => {
    const act = make();
    const z = awayFromZero(randomArray(rows * width, 1, 3), 0.05);
    const c = randomArray(rows * width, 2);
    const dz = new Float32Array(z.length);
    act.grad?.fill(0);
    act.backward(z, c, dz, rows, width);
    expect(worstGradientError(z, dz, () => lossOf(act, z, c))).toBeLessThan(1e-3);
    if (act.param !== null && act.grad !== null) {
      const analytic = act.grad.slice();
      expect(worstGradientError(act.param, analytic, () => lossOf(act, z, c))).toBeLessThan(1e-3);
    }
  });

  it('follows PyTorch at exactly 0: value 0, gradient equal to the negative slope', () => {
    const act = make();
    const z = new Float32Array(rows * width); // all zeros, including -0 below
    z[1] = -0;
    const a = new Float32Array(z.length).fill(7);
    act.forward(z, a, rows, width, false);
    expect([...a].every((v) => v === 0)).toBe(true);
    const dz = new Float32Array(z.length);
    act.grad?.fill(0);
    act.backward(z, new Float32Array(z.length).fill(1), dz, rows, width);
    for (let j = 0; j < width; j++) expect(dz[j]).toBe(Math.fround(act.negativeSlope(j)));
  });
});

describe('PReLU', () => {
  it('starts at alpha 0.25 per neuron and learns from negative inputs only', () => {
    const act = new Prelu(3, 0.25, true);
    expect([...act.param]).toEqual([0.25, 0.25, 0.25]);
    const z = new Float32Array([2, -1, 0, 3, -4, 5]); // rows 2 x width 3
    act.grad.fill(0);
    act.backward(z, z, new Float32Array(6).fill(0), 2, 3);
    // dL/dalpha_j = sum over rows with z <= 0 of z * upstream; upstream = z here.
    expect([...act.grad]).toEqual([0, 1 + 16, 0]);
  });
});
