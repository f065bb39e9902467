import type { Param } from '../nn/mlp';
import { type Optimizer, StateMap } from './optimizer';

/** SGD settings with torch.optim.SGD's names (weightDecay is L2, added to the gradient). */
export interface SgdConfig {
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
}

const f = Math.fround;

/**
 * torch.optim.SGD: g = grad + wd * p; with momentum, buf = g on the first step and
 * buf = momentum * buf + (1 - dampening) * g after; g = g + momentum * buf (Nesterov) or g = buf;
 * p -= lr * g. Each intermediate is rounded to float32, as PyTorch's float32 kernels round it.
 */
export class Sgd implements Optimizer {
  private readonly state = new StateMap();

  constructor(readonly config: SgdConfig) {}

  step(params: readonly Param[], lr: number): void {
    const { momentum, dampening, nesterov, weightDecay } = this.config;
    for (const p of params) {
      const v = p.value;
      const g = p.grad;
      const wd = p.decay ? weightDecay : 0;
      const first = momentum !== 0 && !this.state.has(v);
      const buf = momentum !== 0 ? this.state.get(v, 1)[0]! : null;
      for (let i = 0; i < v.length; i++) {
        let d = wd !== 0 ? f(g[i]! + f(wd * v[i]!)) : g[i]!;
        if (buf !== null) {
          const b = first ? d : f(f(momentum * buf[i]!) + f((1 - dampening) * d));
          buf[i] = b;
          d = nesterov ? f(d + f(momentum * b)) : b;
        }
        v[i] = v[i]! - f(lr * d);
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
