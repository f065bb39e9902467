import type { Param } from '../nn/mlp';
import { type Optimizer, type OptimizerState, StateMap } from './optimizer';

/** RMSprop settings with torch.optim.RMSprop's names (alpha is the smoothing constant). */
export interface RmspropConfig {
  readonly alpha: number;
  readonly eps: number;
  readonly momentum: number;
  readonly centered: boolean;
  readonly weightDecay: number;
}

const f = Math.fround;

/**
 * torch.optim.RMSprop: g += wd p; sq = alpha sq + (1 - alpha) g^2; avg = sqrt(sq - mean_g^2 when
 * centered, else sq) + eps; with momentum buf = momentum buf + g / avg and p -= lr buf, else
 * p -= lr g / avg.
 */
export class Rmsprop implements Optimizer {
  private readonly state = new StateMap();
  // Copies of the config, so that step() reads one object shape (see Sgd) and allocates nothing.
  private readonly alpha: number;
  private readonly eps: number;
  private readonly momentum: number;
  private readonly centered: boolean;
  private readonly weightDecay: number;

  constructor(readonly config: RmspropConfig) {
    this.alpha = config.alpha;
    this.eps = config.eps;
    this.momentum = config.momentum;
    this.centered = config.centered;
    this.weightDecay = config.weightDecay;
  }

  step(params: readonly Param[], lr: number): void {
    const alpha = this.alpha;
    const eps = this.eps;
    const momentum = this.momentum;
    const centered = this.centered;
    const weightDecay = this.weightDecay;
    for (const p of params) {
      const v = p.value;
      const g = p.grad;
      // Indexing, not array destructuring: destructuring runs the iterator protocol, which may allocate.
      const state = this.state.get(v, 3);
      const sq = state[0]!;
      const mean = state[1]!;
      const buf = state[2]!;
      const wd = p.decay ? weightDecay : 0;
      for (let i = 0; i < v.length; i++) {
        const gi = wd !== 0 ? f(g[i]! + f(wd * v[i]!)) : g[i]!;
        sq[i] = f(f(sq[i]! * alpha) + f(f(gi * gi) * (1 - alpha)));
        let avg: number;
        if (centered) {
          mean[i] = f(f(mean[i]! * alpha) + f(gi * (1 - alpha)));
          avg = f(Math.sqrt(f(sq[i]! - f(mean[i]! * mean[i]!))));
        } else {
          avg = f(Math.sqrt(sq[i]!));
        }
        avg = f(avg + eps);
        if (momentum > 0) {
          buf[i] = f(f(buf[i]! * momentum) + f(gi / avg));
          v[i] = f(v[i]! - f(lr * buf[i]!));
        } else {
          v[i] = f(v[i]! - f(lr * f(gi / avg)));
        }
      }
    }
  }

  retain(params: readonly Param[]): void {
    this.state.retain(params);
  }

  clear(): void {
    this.state.clear();
  }

  resetAt(v: Float32Array, indices: readonly number[]): void {
    this.state.zeroAt(v, indices);
  }

  saveState(params: readonly Param[]): OptimizerState {
    return this.state.save(params, () => 0);
  }

  loadState(params: readonly Param[], state: OptimizerState): void {
    this.state.load(params, state, 3);
  }
}
