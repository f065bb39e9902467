import { describe, expect, it } from 'vitest';
import type { Activation } from '../../../../src/core/nn/activation';
import { LeakyRelu } from '../../../../src/core/nn/leaky-relu';
import { Prelu } from '../../../../src/core/nn/prelu';
import { Relu } from '../../../../src/core/nn/relu';
import { awayFromZero, randomArray, worstGradientError } from '../../../helpers/finite-difference';

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
