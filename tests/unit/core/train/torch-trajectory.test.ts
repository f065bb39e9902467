import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ActivationSpec } from '../../../../src/core/nn/activation';
import { defaultSessionSpec } from '../../../../src/core/protocol/spec';
import { Mlp } from '../../../../src/core/nn/mlp';
import { softmaxCrossEntropy } from '../../../../src/core/nn/softmax-cross-entropy';
import { clipGradNorm } from '../../../../src/core/train/clip';
import { makeOptimizer, type OptimizerSpec } from '../../../../src/core/train/make-optimizer';
import { scheduledLr, type ScheduleSpec } from '../../../../src/core/train/schedule';

// Made by scripts/fixtures/make_torch_fixtures.py with Debian's PyTorch 1.13: a 2-16-16-2 network
// trained for 60 steps by torch.optim from recorded initial weights on recorded batches, and the same
// run in float64 (its distance from the float32 run per weight is `drift`).
/** torch.optim keyword arguments as the fixture script recorded them. */
interface TorchSettings {
  lr: number;
  weight_decay: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  betas?: [number, number];
  eps?: number;
  alpha?: number;
  centered?: boolean;
}
interface Run {
  activation: 'relu' | 'leaky_relu' | 'prelu' | 'prelu_shared';
  /** sgd is Nesterov with weight decay; sgd_momentum plain momentum 0.9 (the app's default); sgd_dampening with dampening 0.5. */
  optimizer: 'sgd' | 'sgd_momentum' | 'sgd_dampening' | 'adam' | 'adamw' | 'rmsprop';
  settings: TorchSettings;
  clip: number | null;
  schedule: ScheduleSpec | null;
  initial: number[][];
  losses: number[];
  final: number[][];
  /** |float32 final - float64 final| per weight, PyTorch's own rounding amplified by the run (2 digits). */
  drift: number[][];
}
interface Fixture { hidden: number[]; x: number[]; y: number[]; batches: number[][]; runs: Run[] }
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/torch/trajectories.json', import.meta.url), 'utf8')) as Fixture;

const activationOf: Record<Run['activation'], ActivationSpec> = {
  relu: { kind: 'relu' },
  leaky_relu: { kind: 'leaky_relu', alpha: 0.1 },
  prelu: { kind: 'prelu', alpha: 0.25, perNeuron: true },
  prelu_shared: { kind: 'prelu', alpha: 0.25, perNeuron: false },
};

function optimizerOf(run: Run): OptimizerSpec {
  const s = run.settings;
  switch (run.optimizer) {
    case 'sgd':
    case 'sgd_momentum':
    case 'sgd_dampening':
      // torch.optim.SGD's defaults for what the fixture leaves out.
      return { kind: 'sgd', momentum: s.momentum!, dampening: s.dampening ?? 0, nesterov: s.nesterov ?? false, weightDecay: s.weight_decay ?? 0 };
    case 'adam':
    case 'adamw':
      return { kind: run.optimizer, beta1: s.betas![0], beta2: s.betas![1], eps: s.eps!, weightDecay: s.weight_decay };
    case 'rmsprop':
      return { kind: 'rmsprop', alpha: s.alpha!, eps: s.eps!, momentum: s.momentum!, centered: s.centered!, weightDecay: s.weight_decay };
  }
}

/**
 * Tolerance of one final weight: float32 rounding at the weight's scale (1e-4 relative, about 100x what
 * a well-conditioned weight differs by), plus 4x the weight's drift, i.e. how far float32 rounding alone
 * moved it in PyTorch. The drift is about 1e-7 for almost every weight, but a few sit on a knife edge:
 * RMSprop + Leaky ReLU's W2[8, 12] (tensor 2, element 140) has a data gradient and an L2 term that
 * cancel at step 0 to 1e-7 (3 digits left in float32), which RMSprop's first step divides by sqrt(v) +
 * eps with sqrt(v) about eps, so a 0.025 step carries those 3 digits; float32 lands 8e-5 from float64
 * there, and two float32 runs (ours, or PyTorch's with other BLAS kernels) differ by as much. With a
 * flat 1e-4 it sat at 99.6% of its tolerance; a fixture regenerated on an AVX-512 machine moved it by
 * 1.2e-5. Measured on fixtures from both OpenBLAS kernels (AVX2 and AVX-512): every weight within 22%
 * of this tolerance, every loss within 22% of its own.
 */
function tolerance(want: number, drift: number): number {
  return 1e-4 * Math.max(1, Math.abs(want)) + 4 * drift;
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
      const worst = Math.max(...[...t].map((v, k) => Math.abs(v - want[k]!) / tolerance(want[k]!, run.drift[i]![k]!)));
      expect(worst, `final tensor ${i}, share of its tolerance`).toBeLessThan(1);
    });
  });
});

describe('the PyTorch trajectories', () => {
  it("include the app's default optimizer, dampened momentum and PReLU with one shared α", () => {
    const app = defaultSessionSpec().lanes[0]!.optimizer;
    const plain = fixture.runs.filter((r) => r.optimizer === 'sgd_momentum');
    expect(plain.length).toBeGreaterThan(0);
    for (const r of plain) expect({ ...optimizerOf(r), weightDecay: app.weightDecay }).toEqual(app);
    expect(plain.some((r) => r.clip === 1)).toBe(true);
    expect(fixture.runs.some((r) => r.optimizer === 'sgd_dampening' && optimizerOf(r).kind === 'sgd' && r.settings.dampening! > 0)).toBe(true);
    expect(new Set(fixture.runs.map((r) => r.activation))).toEqual(new Set(['relu', 'leaky_relu', 'prelu', 'prelu_shared']));
  });

  it("keep the knife-edge weight's drift, which the tolerance depends on", () => {
    const run = fixture.runs.find((r) => r.optimizer === 'rmsprop' && r.activation === 'leaky_relu')!;
    // Far above the others' (about 1e-7): if regenerating lost it, the tolerance would be too tight there.
    expect(run.drift[2]![140]).toBeGreaterThan(2e-5);
  });
});
