import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/core/math/rng';
import { Dense } from '../../../../src/core/nn/dense';
import { initLayer, type InitSpec } from '../../../../src/core/nn/init';

const fanIn = 200;
const fanOut = 300;

function moments(a: Float32Array): { mean: number; variance: number; min: number; max: number } {
  let s = 0;
  let s2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of a) {
    s += v;
    s2 += v * v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = s / a.length;
  return { mean, variance: s2 / a.length - mean * mean, min, max };
}

// Expected weight variance per scheme (PyTorch's torch.nn.init formulas, fan_in mode).
const cases: [InitSpec, number, number | null][] = [
  [{ kind: 'he_normal', a: 0 }, 2 / fanIn, null],
  [{ kind: 'he_normal', a: 0.2 }, 2 / (1.04 * fanIn), null],
  [{ kind: 'he_uniform', a: 0.01 }, 2 / (1.0001 * fanIn), Math.sqrt(6 / (1.0001 * fanIn))],
  [{ kind: 'xavier_normal' }, 2 / (fanIn + fanOut), null],
  [{ kind: 'xavier_uniform' }, 2 / (fanIn + fanOut), Math.sqrt(6 / (fanIn + fanOut))],
  [{ kind: 'lecun_normal' }, 1 / fanIn, null],
  [{ kind: 'torch_default' }, 1 / (3 * fanIn), 1 / Math.sqrt(fanIn)],
];

describe.each(cases)('init %o', (spec, variance, bound) => {
  it('draws zero-mean weights with the scheme variance (and bound), biases shifted by the bias shift', () => {
    const layer = new Dense(fanIn, fanOut);
    initLayer(layer, spec, -0.5, new Rng(3));
    const m = moments(layer.weight);
    expect(Math.abs(m.mean)).toBeLessThan(0.02 * Math.sqrt(variance)); // 5 standard errors of the mean
    expect(m.variance / variance).toBeGreaterThan(0.97);
    expect(m.variance / variance).toBeLessThan(1.03);
    if (bound !== null) {
      expect(m.max).toBeLessThanOrEqual(bound);
      expect(m.min).toBeGreaterThanOrEqual(-bound);
    }
    if (spec.kind !== 'torch_default') expect([...layer.bias].every((b) => b === -0.5)).toBe(true);
  });
});

describe('randomized asymmetric initialization (Lu et al. 2019)', () => {
  it('gives each neuron one positive Beta(2, 1) entry among its weights and bias', () => {
    const layer = new Dense(fanIn, fanOut);
    initLayer(layer, { kind: 'rai' }, 0, new Rng(4));
    const std = 0.6007 / Math.sqrt(fanIn);
    let betaSum = 0;
    for (let j = 0; j < fanOut; j++) {
      const row = [...layer.weight.subarray(j * fanIn, (j + 1) * fanIn), layer.bias[j]!];
      // Gaussian entries are ~N(0, 0.0018); the Beta entry is in (0, 1) with mean 2/3: the row's largest
      // entry is the Beta draw unless that draw was tiny.
      const big = row.filter((v) => v > 8 * std);
      expect(big.length).toBeLessThanOrEqual(1);
      betaSum += Math.max(...row);
    }
    expect(betaSum / fanOut).toBeGreaterThan(0.6);
    expect(betaSum / fanOut).toBeLessThan(0.73);
  });
});
