import type { Kernels } from '../kernels/kernels';
import { referenceKernels } from '../kernels/reference-kernels';
import type { Param } from '../nn/mlp';
import { type Optimizer, type OptimizerState, StateMap } from './optimizer';

/** SGD settings with torch.optim.SGD's names (weightDecay is L2, added to the gradient). */
export interface SgdConfig {
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
}

/**
 * torch.optim.SGD: g = grad + wd * p; with momentum, buf = g on the first step and
 * buf = momentum * buf + (1 - dampening) * g after; g = g + momentum * buf (Nesterov) or g = buf;
 * p -= lr * g. Each intermediate is rounded to float32, as PyTorch's float32 kernels round it (the
 * arithmetic is Kernels.sgd: in place, in WebAssembly where the tensor has room for its buffer there).
 */
export class Sgd implements Optimizer {
  private readonly state = new StateMap();
  // Copies of the config: callers pass config objects of different shapes, and reading through them
  // makes step() polymorphic, which V8 then compiles into code that allocates on every call.
  private readonly momentum: number;
  private readonly dampening: number;
  private readonly nesterov: boolean;
  private readonly weightDecay: number;

  constructor(readonly config: SgdConfig) {
    this.momentum = config.momentum;
    this.dampening = config.dampening;
    this.nesterov = config.nesterov;
    this.weightDecay = config.weightDecay;
  }

  step(params: readonly Param[], lr: number): void {
    const momentum = this.momentum;
    const dampening = this.dampening;
    const nesterov = this.nesterov;
    const weightDecay = this.weightDecay;
    const state = this.state;
    for (const p of params) {
      const v = p.value;
      const wd = p.decay ? weightDecay : 0;
      // Without a buffer the tensor's own kernels apply; with one, only if the buffer is in their arena.
      let kernels: Kernels = p.room === undefined ? referenceKernels : p.room.kernels;
      let buf: Float32Array | null = null;
      let first = false;
      if (momentum !== 0) {
        let e = state.entry(v);
        if (e === undefined) {
          e = state.create(v, 1, p.room);
          first = true;
        }
        buf = e.buffers[0]!;
        if (e.room === null) kernels = referenceKernels;
      }
      kernels.sgd(v, p.grad, buf, lr, momentum, dampening, nesterov, wd, first);
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
    this.state.load(params, state, 1);
  }
}
