import type { Kernels } from './kernels';

/**
 * Where a network's tensors live, with the kernels that compute on them. A WebAssembly arena hands out
 * views into its instance's linear memory, which the kernels read in place; the reference arena hands
 * out plain Float32Arrays.
 */
export interface TensorArena {
  /** Which kernels compute: WebAssembly SIMD, or the TypeScript reference (same bits, slower). */
  readonly kind: 'wasm' | 'reference';
  /** The kernels; every array passed to them must satisfy `owns`. */
  readonly kernels: Kernels;
  /** A fresh zero-filled tensor of `length` floats, taking arenaSlot(length) floats of the arena. */
  alloc(length: number): Float32Array<ArrayBuffer>;
  /** True when the kernels can use this array directly (otherwise copy it into a tensor of the arena). */
  owns(a: Float32Array): boolean;
}

/** How much an arena must hold, in floats: its tensors (sum of arenaSlot sizes) and the kernels' scratch. */
export interface ArenaSize {
  readonly tensors: number;
  readonly scratch: number;
}

/** Makes an arena of the given size; sized once, because growing WebAssembly memory detaches its views. */
export type ArenaFactory = (size: ArenaSize) => TensorArena;

/** Floats a tensor of `length` floats occupies in an arena: rounded up to 64 bytes (a cache line). */
export function arenaSlot(length: number): number {
  return Math.ceil(length / 16) * 16;
}

/** Scratch floats the kernels may use for `rows` rows of an nIn -> nOut layer (dz^T or a transposed product, then one packed 8-column strip). */
export function denseScratchFloats(rows: number, nIn: number, nOut: number): number {
  return rows * nOut + 8 * Math.max(rows, nIn, nOut);
}
