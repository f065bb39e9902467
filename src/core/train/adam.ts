import { adamUpdate } from '../kernels/adam-update';
import { powInt } from '../math/dmath';
import type { Param } from '../nn/mlp';
import { type Optimizer, type OptimizerState, StateMap } from './optimizer';

/** Adam / AdamW settings with torch.optim's names. */
export interface AdamConfig {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  /** true: AdamW's decoupled decay (p *= 1 - lr * wd); false: Adam's L2 term added to the gradient. */
  readonly decoupled: boolean;
}

const f = Math.fround;

/**
 * torch.optim.Adam and AdamW (1.13, no amsgrad): m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps). Bias corrections are computed in
 * float64 as PyTorch computes its Python scalars; tensor arithmetic is rounded to float32.
 */
export class Adam implements Optimizer {
  private readonly state = new StateMap();
  private readonly steps = new Map<Float32Array, number>();
  // Copies of the config, so that step() reads one object shape (see Sgd) and allocates nothing.
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly weightDecay: number;
  private readonly decoupled: boolean;

  constructor(readonly config: AdamConfig) {
    this.beta1 = config.beta1;
    this.beta2 = config.beta2;
    this.eps = config.eps;
    this.weightDecay = config.weightDecay;
    this.decoupled = config.decoupled;
  }

  step(params: readonly Param[], lr: number): void {
    const beta1 = this.beta1;
    const beta2 = this.beta2;
    const eps = this.eps;
    const weightDecay = this.weightDecay;
    const decoupled = this.decoupled;
    for (const p of params) {
      const v = p.value;
      const g = p.grad;
      // Indexing, not array destructuring: destructuring runs the iterator protocol, which may allocate.
      const state = this.state.get(v, 2);
      const m = state[0]!;
      const s = state[1]!;
      const t = (this.steps.get(v) ?? 0) + 1;
      this.steps.set(v, t);
      const wd = p.decay ? weightDecay : 0;
      const stepSize = lr / (1 - powInt(beta1, t));
      const bc2Sqrt = Math.sqrt(1 - powInt(beta2, t));
      adamUpdate(v, g, m, s, v.length, beta1, beta2, eps, wd, decoupled, stepSize, bc2Sqrt, f(1 - lr * wd));
    }
  }

  retain(params: readonly Param[]): void {
    this.state.retain(params);
    const keep = new Set<Float32Array>(params.map((p) => p.value));
    for (const key of [...this.steps.keys()]) if (!keep.has(key)) this.steps.delete(key);
  }

  clear(): void {
    this.state.clear();
    this.steps.clear();
  }

  resetAt(v: Float32Array, indices: readonly number[]): void {
    this.state.zeroAt(v, indices);
  }

  saveState(params: readonly Param[]): OptimizerState {
    return this.state.save(params, (v) => this.steps.get(v) ?? 0);
  }

  loadState(params: readonly Param[], state: OptimizerState): void {
    this.state.load(params, state, 2);
    params.forEach((p, i) => {
      const saved = state[i];
      if (saved !== null && saved !== undefined) this.steps.set(p.value, saved.steps);
    });
  }
}
