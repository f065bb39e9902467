import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ActivationSpec } from '../../../../src/core/nn/activation';
import { Mlp } from '../../../../src/core/nn/mlp';
import { softmaxCrossEntropy } from '../../../../src/core/nn/softmax-cross-entropy';
import { clipGradNorm } from '../../../../src/core/train/clip';
import { makeOptimizer, type OptimizerSpec } from '../../../../src/core/train/make-optimizer';
import { scheduledLr, type ScheduleSpec } from '../../../../src/core/train/schedule';

// Made by scripts/fixtures/make_torch_fixtures.py with Debian's PyTorch 1.13: a 2-16-16-2 network
// trained for 60 steps by torch.optim from recorded initial weights on recorded batches.
/** torch.optim keyword arguments as the fixture script recorded them. */
interface TorchSettings {
  lr: number;
  weight_decay: number;
  momentum?: number;
  nesterov?: boolean;
  betas?: [number, number];
  eps?: number;
  alpha?: number;
  centered?: boolean;
}
interface Run {
  activation: 'relu' | 'leaky_relu' | 'prelu';
  optimizer: 'sgd' | 'adam' | 'adamw' | 'rmsprop';
  settings: TorchSettings;
  clip: number | null;
  schedule: ScheduleSpec | null;
  initial: number[][];
  losses: number[];
  final: number[][];
}
interface Fixture { hidden: number[]; x: number[]; y: number[]; batches: number[][]; runs: Run[] }
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/torch/trajectories.json', import.meta.url), 'utf8')) as Fixture;

const activationOf: Record<Run['activation'], ActivationSpec> = {
  relu: { kind: 'relu' },
  leaky_relu: { kind: 'leaky_relu', alpha: 0.1 },
  prelu: { kind: 'prelu', alpha: 0.25, perNeuron: true },
};

function optimizerOf(run: Run): OptimizerSpec {
  const s = run.settings;
  switch (run.optimizer) {
    case 'sgd':
      return { kind: 'sgd', momentum: s.momentum!, dampening: 0, nesterov: s.nesterov!, weightDecay: s.weight_decay };
    case 'adam':
    case 'adamw':
      return { kind: run.optimizer, beta1: s.betas![0], beta2: s.betas![1], eps: s.eps!, weightDecay: s.weight_decay };
    case 'rmsprop':
      return { kind: 'rmsprop', alpha: s.alpha!, eps: s.eps!, momentum: s.momentum!, centered: s.centered!, weightDecay: s.weight_decay };
  }
}

const name = (r: Run) => `${r.optimizer} with ${r.activation}${r.clip === null ? '' : `, clip ${r.clip}`}${r.schedule === null ? '' : `, ${r.schedule.kind} schedule`}`;

describe.each(fixture.runs.map((r) => [name(r), r] as const))('%s against PyTorch', (_n, run) => {
  it('matches the loss at every step and the final weights within float32 tolerance', () => {
    const batch = fixture.batches[0]!.length;
    const mlp = new Mlp({ inputs: 2, hidden: fixture.hidden, outputs: 2 }, activationOf[run.activation], batch);
    // PyTorch's parameter order: Linear W, b per layer, with each PReLU's weight between its layers.
    const torchOrder = mlp.layers.flatMap((d, l) => {
      const act = mlp.activations[l];
      return act?.param ? [d.weight, d.bias, act.param] : [d.weight, d.bias];
    });
    torchOrder.forEach((t, i) => t.set(run.initial[i]!));
    const opt = makeOptimizer(optimizerOf(run));
    const lr = run.settings.lr;
    const params = mlp.params();
    const xb = new Float32Array(batch * 2);
    const yb = new Int32Array(batch);
    const d = new Float32Array(batch * 2);
    const losses = fixture.batches.map((idx, t) => {
      idx.forEach((r, i) => {
        xb[2 * i] = fixture.x[2 * r]!;
        xb[2 * i + 1] = fixture.x[2 * r + 1]!;
        yb[i] = fixture.y[r]!;
      });
      const loss = softmaxCrossEntropy(mlp.forward(xb, batch), yb, batch, 2, d);
      mlp.backward(xb, d, batch);
      if (run.clip !== null) clipGradNorm(params, run.clip);
      opt.step(params, run.schedule === null ? lr : scheduledLr(run.schedule, lr, t));
      return loss;
    });
    losses.forEach((l, s) => expect(Math.abs(l - run.losses[s]!), `loss at step ${s}`).toBeLessThan(1e-4 * Math.max(1, run.losses[s]!)));
    torchOrder.forEach((t, i) => {
      const want = run.final[i]!;
      const worst = Math.max(...[...t].map((v, k) => Math.abs(v - want[k]!) / Math.max(1, Math.abs(want[k]!))));
      expect(worst, `final tensor ${i}`).toBeLessThan(1e-4);
    });
  });
});
