import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ActivationSpec } from '../../../../src/core/nn/activation';
import { Mlp } from '../../../../src/core/nn/mlp';
import { softmaxCrossEntropy } from '../../../../src/core/nn/softmax-cross-entropy';
import { Sgd } from '../../../../src/core/train/sgd';

// Made by scripts/fixtures/make_torch_fixtures.py: a 2-16-16-2 network trained by torch.optim.SGD with
// momentum for 60 steps from recorded initial weights on recorded batches.
interface Run {
  activation: 'relu' | 'leaky_relu' | 'prelu';
  lr: number;
  momentum: number;
  hidden: number[];
  x: number[];
  y: number[];
  initial: number[][];
  batches: number[][];
  losses: number[];
  final: number[][];
}
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/torch/trajectories.json', import.meta.url), 'utf8')) as { runs: Run[] };

const specOf: Record<Run['activation'], ActivationSpec> = {
  relu: { kind: 'relu' },
  leaky_relu: { kind: 'leaky_relu', alpha: 0.1 },
  prelu: { kind: 'prelu', alpha: 0.25, perNeuron: true },
};

describe.each(fixture.runs)('SGD trajectory with $activation against PyTorch', (run) => {
  it('matches the loss at every step and the final weights within float32 tolerance', () => {
    const batch = run.batches[0]!.length;
    const mlp = new Mlp({ inputs: 2, hidden: run.hidden, outputs: 2 }, specOf[run.activation], batch);
    // PyTorch's parameter order: Linear W, b per layer, with each PReLU's weight between its layers.
    const torchOrder = mlp.layers.flatMap((d, l) => {
      const own = [d.weight, d.bias];
      const act = mlp.activations[l];
      return act?.param ? [...own, act.param] : own;
    });
    torchOrder.forEach((t, i) => t.set(run.initial[i]!));
    const sgd = new Sgd({ lr: run.lr, momentum: run.momentum, weightDecay: 0 });
    const params = mlp.params();
    const xb = new Float32Array(batch * 2);
    const yb = new Int32Array(batch);
    const d = new Float32Array(batch * 2);
    const losses: number[] = [];
    for (const idx of run.batches) {
      idx.forEach((r, i) => {
        xb[2 * i] = run.x[2 * r]!;
        xb[2 * i + 1] = run.x[2 * r + 1]!;
        yb[i] = run.y[r]!;
      });
      losses.push(softmaxCrossEntropy(mlp.forward(xb, batch), yb, null, batch, 2, d).loss);
      mlp.backward(xb, d, batch);
      sgd.step(params);
    }
    losses.forEach((l, s) => expect(Math.abs(l - run.losses[s]!), `step ${s}`).toBeLessThan(1e-4 * Math.max(1, run.losses[s]!)));
    torchOrder.forEach((t, i) => {
      const want = run.final[i]!;
      const worst = Math.max(...[...t].map((v, k) => Math.abs(v - want[k]!)));
      expect(worst, `tensor ${i}`).toBeLessThan(2e-5);
    });
  });
});
