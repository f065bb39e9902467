import type { StateRoom } from '../kernels/state-room';
import type { Param } from '../nn/mlp';

/** An optimizer updates parameters in place from their gradients; lr is given per step (schedules). */
export interface Optimizer {
  /** Applies one update with learning rate `lr` (parameter units per gradient unit). */
  step(params: readonly Param[], lr: number): void;
  /** Forgets state for tensors no longer trained (after a hot-swap away from PReLU). */
  retain(params: readonly Param[]): void;
  /** Forgets all state (a reset to initial weights). */
  clear(): void;
  /**
   * Zeroes the per-element state (momentum, Adam's moments, RMSprop's buffers) of elements `indices` of
   * tensor v (ReDo's recycled weights); per-tensor step counts are kept, as torch.optim keeps one per tensor.
   */
  resetAt(v: Float32Array, indices: readonly number[]): void;
  /** Copies of the state of each of params (null where a tensor has none yet), for a state checkpoint. */
  saveState(params: readonly Param[]): OptimizerState;
  /** Replaces all state with what saveState returned for tensors of the same shapes, in the same order. */
  loadState(params: readonly Param[], state: OptimizerState): void;
}

/** An optimizer's state per parameter tensor (in the network's parameter order): its buffers and step count, or null. */
export type OptimizerState = readonly ({ readonly buffers: readonly Float32Array<ArrayBuffer>[]; readonly steps: number } | null)[];

/** The state buffers of one tensor, and the room they were borrowed from (null: plain arrays). */
export interface StateEntry {
  readonly buffers: Float32Array<ArrayBuffer>[];
  readonly room: StateRoom | null;
}

/** Per-tensor optimizer state, keyed by the tensor, so it survives a hot-swap that keeps the tensor. */
export class StateMap {
  private readonly map = new Map<Float32Array, StateEntry>();

  /** The state of tensor v, or undefined when it has none yet. */
  entry(v: Float32Array): StateEntry | undefined {
    return this.map.get(v);
  }

  /**
   * Creates zero-filled state for tensor v: `count` buffers, taken from the tensor's room when it has one
   * that is free and large enough (so the arena's kernels can use them), else fresh arrays.
   */
  create(v: Float32Array, count: number, room?: StateRoom): StateEntry {
    const borrowed = room === undefined ? null : room.borrow(this, count, v.length);
    let buffers = borrowed;
    if (buffers === null) {
      buffers = [];
      for (let i = 0; i < count; i++) buffers.push(new Float32Array(v.length));
    }
    const e: StateEntry = { buffers, room: borrowed === null ? null : room! };
    this.map.set(v, e);
    return e;
  }

  /** The `count` state buffers of tensor v, created (zero-filled) when new. */
  get(v: Float32Array, count: number, room?: StateRoom): Float32Array<ArrayBuffer>[] {
    // No arrow functions in here: one capturing v would make every call allocate a context for v.
    return (this.map.get(v) ?? this.create(v, count, room)).buffers;
  }

  /** True when tensor v has state. */
  has(v: Float32Array): boolean {
    return this.map.has(v);
  }

  /** Copies of each param's buffers with `steps(p)` beside them, or null where it has no state. */
  save(params: readonly Param[], steps: (v: Float32Array) => number): OptimizerState {
    return params.map((p) => {
      const e = this.map.get(p.value);
      return e === undefined ? null : { buffers: e.buffers.map((b) => b.slice()), steps: steps(p.value) };
    });
  }

  /** Drops all state and recreates what save returned, `count` buffers per tensor, in the tensors' rooms where they fit. */
  load(params: readonly Param[], state: OptimizerState, count: number): void {
    if (state.length !== params.length) throw new Error(`optimizer state for ${state.length} tensors does not fit ${params.length}`);
    this.clear();
    params.forEach((p, i) => {
      const saved = state[i];
      if (saved === null || saved === undefined) return;
      if (saved.buffers.length !== count || saved.buffers.some((b) => b.length !== p.value.length)) throw new Error(`optimizer state of tensor ${i} has the wrong shape`);
      const e = this.create(p.value, count, p.room);
      saved.buffers.forEach((b, k) => e.buffers[k]!.set(b));
    });
  }

  /** Zeroes elements `indices` of every state buffer of tensor v (nothing when it has no state yet). */
  zeroAt(v: Float32Array, indices: readonly number[]): void {
    const e = this.map.get(v);
    if (e === undefined) return;
    for (const b of e.buffers) for (const i of indices) b[i] = 0;
  }

  /** Drops the state of every tensor not in params. */
  retain(params: readonly Param[]): void {
    const keep = new Set<Float32Array>(params.map((p) => p.value));
    for (const key of [...this.map.keys()]) if (!keep.has(key)) this.drop(key);
  }

  /** Drops all state. */
  clear(): void {
    for (const key of [...this.map.keys()]) this.drop(key);
  }

  /** Drops the state of tensor key, giving its room back. */
  private drop(key: Float32Array): void {
    this.map.get(key)?.room?.giveBack(this);
    this.map.delete(key);
  }
}
