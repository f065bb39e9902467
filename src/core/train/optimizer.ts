import type { Param } from '../nn/mlp';

/** An optimizer updates parameters in place from their gradients; lr is given per step (schedules). */
export interface Optimizer {
  /** Applies one update with learning rate `lr` (parameter units per gradient unit). */
  step(params: readonly Param[], lr: number): void;
  /** Forgets state for tensors no longer trained (after a hot-swap away from PReLU). */
  retain(params: readonly Param[]): void;
  /** Forgets all state (a reset to initial weights). */
  clear(): void;
}

/** Per-tensor optimizer state, keyed by the tensor, so it survives a hot-swap that keeps the tensor. */
export class StateMap {
  private readonly map = new Map<Float32Array, Float32Array<ArrayBuffer>[]>();

  /** The `count` state buffers of tensor v (zero-filled when new), and whether they were just made. */
  get(v: Float32Array, count: number): Float32Array<ArrayBuffer>[] {
    let s = this.map.get(v);
    if (s === undefined) {
      s = Array.from({ length: count }, () => new Float32Array(v.length));
      this.map.set(v, s);
    }
    return s;
  }

  /** True when tensor v has state. */
  has(v: Float32Array): boolean {
    return this.map.has(v);
  }

  /** Drops the state of every tensor not in params. */
  retain(params: readonly Param[]): void {
    const keep = new Set<Float32Array>(params.map((p) => p.value));
    for (const key of [...this.map.keys()]) if (!keep.has(key)) this.map.delete(key);
  }

  /** Drops all state. */
  clear(): void {
    this.map.clear();
  }
}
