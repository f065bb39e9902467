import { describe, expect, it } from 'vitest';
import { Sgd } from '../../../../src/core/train/sgd';

function param(values: number[], grads: number[], decay = true) {
  return { value: new Float32Array(values), grad: new Float32Array(grads), decay };
}

describe('SGD with momentum (torch.optim.SGD rule)', () => {
  it('uses the raw gradient on the first step, then buf = momentum * buf + g', () => {
    const p = param([1], [0.5]);
    const sgd = new Sgd({ momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 });
    sgd.step([p], 0.1);
    expect(p.value[0]).toBeCloseTo(1 - 0.1 * 0.5, 6);
    p.grad[0] = 0.25;
    sgd.step([p], 0.1);
    // buf = 0.9 * 0.5 + 0.25 = 0.7
    expect(p.value[0]).toBeCloseTo(0.95 - 0.1 * 0.7, 6);
  });

  it('adds weight decay to the gradient, but not for tensors marked decay: false (PReLU slopes)', () => {
    const w = param([2], [0]);
    const alpha = param([0.25], [0], false);
    new Sgd({ momentum: 0, dampening: 0, nesterov: false, weightDecay: 0.1 }).step([w, alpha], 0.5);
    expect(w.value[0]).toBeCloseTo(2 - 0.5 * 0.1 * 2, 6);
    expect(alpha.value[0]).toBe(0.25);
  });

  it('keeps momentum for tensors that survive retain() and drops the rest', () => {
    const a = param([0], [1]);
    const b = param([0], [1]);
    const sgd = new Sgd({ momentum: 0.5, dampening: 0, nesterov: false, weightDecay: 0 });
    sgd.step([a, b], 1);
    sgd.retain([a]);
    sgd.step([a, b], 1);
    expect(a.value[0]).toBeCloseTo(-1 - 1.5, 6); // buf 1.5
    expect(b.value[0]).toBeCloseTo(-1 - 1, 6); // fresh buffer: raw gradient
  });
});
