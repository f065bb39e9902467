import { describe, expect, it } from 'vitest';
import { Dense } from '../../../../src/core/nn/dense';
import { initLinearDefault } from '../../../../src/core/nn/init';
import { Rng } from '../../../../src/core/math/rng';
import { randomArray, worstGradientError } from '../../../helpers/finite-difference';

const rows = 4;

function setup() {
  const layer = new Dense(3, 5);
  layer.weight.set(randomArray(15, 11));
  layer.bias.set(randomArray(5, 12));
  const x = randomArray(rows * 3, 13, 2);
  const c = randomArray(rows * 5, 14);
  const loss = () => {
    const z = new Float32Array(rows * 5);
    layer.forward(x, z, rows);
    return z.reduce((s, v, i) => s + v * c[i]!, 0);
  };
  return { layer, x, c, loss };
}

describe('Dense', () => {
  it('computes z = x W^T + b with W as [outputs x inputs]', () => {
    const layer = new Dense(2, 1);
    layer.weight.set([2, -3]);
    layer.bias.set([0.5]);
    const z = new Float32Array(2);
    layer.forward(new Float32Array([1, 1, 4, 2]), z, 2);
    expect([...z]).toEqual([-0.5, 2.5]);
  });

  it('has weight, bias and input gradients that match finite differences', () => {
    const { layer, x, c, loss } = setup();
    const dx = new Float32Array(x.length);
    layer.backward(x, c, dx, rows);
    const gw = layer.weightGrad.slice();
    const gb = layer.biasGrad.slice();
    expect(worstGradientError(layer.weight, gw, loss)).toBeLessThan(1e-3);
    expect(worstGradientError(layer.bias, gb, loss)).toBeLessThan(1e-3);
    expect(worstGradientError(x, dx, loss)).toBeLessThan(1e-3);
  });
});

describe("PyTorch's nn.Linear default init", () => {
  it('draws weights and biases within +-1/sqrt(fan_in), spread over the whole range', () => {
    const layer = new Dense(64, 64);
    initLinearDefault(layer, new Rng(1));
    const bound = 1 / 8;
    const w = [...layer.weight];
    expect(Math.max(...w)).toBeLessThanOrEqual(bound);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-bound);
    expect(Math.max(...w)).toBeGreaterThan(0.95 * bound);
    expect(Math.min(...w)).toBeLessThan(-0.95 * bound);
    // Uniform(-b, b) has variance b^2 / 3.
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    expect(variance).toBeCloseTo(bound ** 2 / 3, 3);
    expect([...layer.bias].every((v) => Math.abs(v) <= bound)).toBe(true);
  });
});
