import type { Param } from '../nn/mlp';

/** SGD settings, with PyTorch's names and meanings (lr in parameter units per gradient unit). */
export interface SgdConfig {
  readonly lr: number;
  readonly momentum: number;
  readonly weightDecay: number;
}

/**
 * Stochastic gradient descent with momentum, following torch.optim.SGD (dampening 0, no Nesterov):
 * g = grad + wd * p; buf = g on the first step, else buf = momentum * buf + g; p -= lr * buf.
 * Each intermediate is rounded to float32, as PyTorch's float32 kernels round it.
 */
export class Sgd {
  /** Momentum buffers keyed by the parameter tensor they belong to (survive a hot-swap). */
  private readonly buffers = new Map<Float32Array, Float32Array>();

  constructor(public config: SgdConfig) {}

  /** Applies one update to every parameter in place. */
  step(params: readonly Param[]): void {
    const { lr, momentum, weightDecay } = this.config;
    for (const p of params) {
      const v = p.value;
      const g = p.grad;
      const wd = p.decay ? weightDecay : 0;
      let buf = this.buffers.get(v);
      const first = buf === undefined;
      if (buf === undefined && momentum !== 0) {
        buf = new Float32Array(v.length);
        this.buffers.set(v, buf);
      }
      for (let i = 0; i < v.length; i++) {
        let d = wd !== 0 ? Math.fround(g[i]! + Math.fround(wd * v[i]!)) : g[i]!;
        if (buf !== undefined) {
          d = first ? d : Math.fround(Math.fround(momentum * buf[i]!) + d);
          buf[i] = d;
        }
        v[i] = v[i]! - Math.fround(lr * d);
      }
    }
  }

  /** Forgets momentum for tensors no longer trained (after a hot-swap away from PReLU). */
  retain(params: readonly Param[]): void {
    const keep = new Set<Float32Array>(params.map((p) => p.value));
    for (const key of [...this.buffers.keys()]) if (!keep.has(key)) this.buffers.delete(key);
  }

  /** Drops all momentum (a reset to initial weights). */
  clear(): void {
    this.buffers.clear();
  }
}
