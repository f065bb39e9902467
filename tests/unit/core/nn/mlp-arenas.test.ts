// The engine's default path (tensors in WebAssembly memory, SIMD kernels) trains to exactly the same
// bits as the plain TypeScript reference path, step after step, whatever the activation and optimizer.
import { describe, expect, it } from 'vitest';
import { referenceArena } from '../../../../src/core/kernels/reference-kernels';
import type { ArenaFactory } from '../../../../src/core/kernels/tensor-arena';
import { wasmApi } from '../../../../src/core/kernels/wasm-api';
import { wasmArenaFactory } from '../../../../src/core/kernels/wasm-arena';
import { Rng } from '../../../../src/core/math/rng';
import type { ActivationSpec } from '../../../../src/core/nn/activation';
import { initLinearDefault } from '../../../../src/core/nn/init';
import { Mlp } from '../../../../src/core/nn/mlp';
import { softmaxCrossEntropy } from '../../../../src/core/nn/softmax-cross-entropy';
import { makeOptimizer, type OptimizerSpec } from '../../../../src/core/train/make-optimizer';

const wasm = wasmArenaFactory(wasmApi()!);

/** Trains a fresh network for `steps` steps; returns the losses and every parameter tensor afterwards. */
function train(arena: ArenaFactory, hidden: number[], activation: ActivationSpec, opt: OptimizerSpec, steps: number, batch: number) {
  const shape = { inputs: 3, hidden, outputs: 4 };
  const mlp = new Mlp(shape, activation, batch, 0, arena);
  const rng = new Rng(42);
  for (const layer of mlp.layers) initLinearDefault(layer, rng);
  const optimizer = makeOptimizer(opt);
  const params = mlp.params();
  const x = new Float32Array(batch * shape.inputs);
  const y = new Int32Array(batch);
  const d = new Float32Array(batch * shape.outputs);
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    // Rows vary from step to step, including a single row, to cover every blocking path.
    const rows = s % 5 === 4 ? 1 : batch - (s % 3);
    for (let i = 0; i < rows * shape.inputs; i++) x[i] = 2 * rng.normal();
    // A learnable rule (the quadrant of the first two inputs), so that training visibly progresses.
    for (let i = 0; i < rows; i++) y[i] = (x[i * 3]! > 0 ? 1 : 0) + (x[i * 3 + 1]! > 0 ? 2 : 0);
    losses.push(softmaxCrossEntropy(mlp.forward(x, rows, true), y, rows, shape.outputs, d));
    mlp.backward(x, d, rows);
    optimizer.step(params, 0.05);
  }
  return { losses, tensors: params.map((p) => [...p.value]) };
}

const sgd = (momentum: number, nesterov = false, weightDecay = 0): OptimizerSpec => ({ kind: 'sgd', momentum, dampening: 0, nesterov, weightDecay });
const CASES: [string, ActivationSpec, OptimizerSpec][] = [
  ['ReLU, SGD momentum', { kind: 'relu' }, sgd(0.9)],
  ['Leaky ReLU, SGD Nesterov with weight decay', { kind: 'leaky_relu', alpha: 0.1 }, sgd(0.9, true, 1e-3)],
  ['PReLU per neuron, plain SGD', { kind: 'prelu', alpha: 0.25, perNeuron: true }, sgd(0)],
  ['ReLU, Adam', { kind: 'relu' }, { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 }],
  ['Leaky ReLU, RMSprop centered with momentum', { kind: 'leaky_relu', alpha: 0.01 }, { kind: 'rmsprop', alpha: 0.99, eps: 1e-8, momentum: 0.9, centered: true, weightDecay: 0 }],
];

describe('the WebAssembly path trains to the same bits as the TypeScript reference', () => {
  it.each(CASES)('%s, 3-(13, 8, 5)-4, 40 steps', (_name, activation, opt) => {
    const ref = train(referenceArena, [13, 8, 5], activation, opt, 40, 9);
    const fast = train(wasm, [13, 8, 5], activation, opt, 40, 9);
    expect(fast.losses).toEqual(ref.losses);
    fast.tensors.forEach((t, i) => expect(t, `tensor ${i}`).toEqual(ref.tensors[i]));
    const mean = (a: number[]) => a.reduce((t, v) => t + v, 0) / a.length;
    expect(mean(ref.losses.slice(-10))).toBeLessThan(mean(ref.losses.slice(0, 10)));
  });

  it('uses WebAssembly by default here (Node has WebAssembly SIMD)', () => {
    const mlp = new Mlp({ inputs: 2, hidden: [4], outputs: 2 }, { kind: 'relu' }, 8);
    expect(mlp.backend).toBe('wasm');
    // Views into one WebAssembly memory: every tensor of the network shares one buffer.
    expect(new Set(mlp.layers.flatMap((l) => [l.weight.buffer, l.bias.buffer, l.weightGrad.buffer, ...mlp.z.map((z) => z.buffer)])).size).toBe(1);
    expect(mlp.params().every((p) => p.room !== undefined)).toBe(true);
  });

  it('falls back to the reference where the host has no WebAssembly', () => {
    const g = globalThis as { WebAssembly?: unknown };
    const saved = g.WebAssembly;
    try {
      delete g.WebAssembly;
      const mlp = new Mlp({ inputs: 2, hidden: [4], outputs: 2 }, { kind: 'relu' }, 8);
      expect(mlp.backend).toBe('reference');
      const buffers = new Set(mlp.layers.flatMap((l) => [l.weight.buffer, l.bias.buffer]));
      expect(buffers.size).toBe(4); // plain Float32Arrays, one buffer each
    } finally {
      g.WebAssembly = saved;
    }
  });
});
