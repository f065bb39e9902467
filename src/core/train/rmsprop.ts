import type { Param } from '../nn/mlp';
import { type Optimizer, StateMap } from './optimizer';

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

  constructor(readonly config: RmspropConfig) {}

  step(params: readonly Param[], lr: number): void {
    const { alpha, eps, momentum, centered, weightDecay } = this.config;
    for (const p of params) {
      const v = p.value;
      const g = p.grad;
      const [sq, mean, buf] = this.state.get(v, 3) as [Float32Array, Float32Array, Float32Array];
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
}
