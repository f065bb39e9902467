import type { Kernels } from './kernels';

/** The kernel module's exports (wasm/kernels.ts); pointers are byte offsets into the arena's memory, 0 meaning none. */
export interface KernelExports {
  denseForward(rows: number, nIn: number, nOut: number, x: number, w: number, b: number, z: number, scratch: number): void;
  denseBackward(rows: number, nIn: number, nOut: number, x: number, w: number, dz: number, gw: number, gb: number, dx: number, scratch: number): void;
  sgd(n: number, v: number, g: number, buf: number, args: number, nesterov: number, first: number): void;
  relu(n: number, z: number, a: number): void;
  reluBackward(n: number, z: number, da: number, dz: number): void;
  leakyRelu(n: number, z: number, a: number, args: number): void;
  leakyReluBackward(n: number, z: number, da: number, dz: number, args: number): void;
}

/**
 * Byte offset of the block through which float64 arguments reach the kernels (inside the reserved bytes
 * at the start of memory). A float64 passed to a call the compiler did not specialize (a call site that
 * has seen several instances) is boxed, 16 bytes; integers never are.
 */
export const ARGS_OFFSET = 8;
/** Float64 slots in the argument block. */
export const ARGS_SLOTS = 4;

/** The WebAssembly kernels of one instance; every array passed must be a view into its memory. */
export class WasmKernels implements Kernels {
  /** View of the argument block (see ARGS_OFFSET). */
  private readonly args: Float64Array;

  constructor(
    private readonly exports: KernelExports,
    buffer: ArrayBuffer,
    /** Byte offsets of the first tensor and of the scratch area (the end of the tensors). */
    private readonly first: number,
    private readonly scratch: number,
    /** Size of the scratch area in floats. */
    private readonly scratchFloats: number,
  ) {
    this.args = new Float64Array(buffer, ARGS_OFFSET, ARGS_SLOTS);
  }

  denseForward(x: Float32Array, w: Float32Array, b: Float32Array, z: Float32Array, rows: number, nIn: number, nOut: number): void {
    this.checkScratch(rows, nIn, nOut);
    this.exports.denseForward(rows, nIn, nOut, this.ptr(x, rows * nIn), this.ptr(w, nIn * nOut), this.ptr(b, nOut), this.ptr(z, rows * nOut), this.scratch);
  }

  denseBackward(x: Float32Array, w: Float32Array, dz: Float32Array, gw: Float32Array, gb: Float32Array, dx: Float32Array | null, rows: number, nIn: number, nOut: number): void {
    this.checkScratch(rows, nIn, nOut);
    const dxp = dx === null ? 0 : this.ptr(dx, rows * nIn);
    this.exports.denseBackward(rows, nIn, nOut, this.ptr(x, rows * nIn), this.ptr(w, nIn * nOut), this.ptr(dz, rows * nOut), this.ptr(gw, nIn * nOut), this.ptr(gb, nOut), dxp, this.scratch);
  }

  sgd(v: Float32Array, g: Float32Array, buf: Float32Array | null, lr: number, momentum: number, dampening: number, nesterov: boolean, wd: number, first: boolean): void {
    const n = v.length;
    const bufp = buf === null ? 0 : this.ptr(buf, n);
    const args = this.args;
    args[0] = lr;
    args[1] = momentum;
    args[2] = 1 - dampening;
    args[3] = wd;
    this.exports.sgd(n, this.ptr(v, n), this.ptr(g, n), bufp, ARGS_OFFSET, nesterov ? 1 : 0, first ? 1 : 0);
  }

  relu(z: Float32Array, a: Float32Array, n: number): void {
    this.exports.relu(n, this.ptr(z, n), this.ptr(a, n));
  }

  reluBackward(z: Float32Array, da: Float32Array, dz: Float32Array, n: number): void {
    this.exports.reluBackward(n, this.ptr(z, n), this.ptr(da, n), this.ptr(dz, n));
  }

  leakyRelu(z: Float32Array, a: Float32Array, n: number, alpha: number): void {
    this.args[0] = alpha;
    this.exports.leakyRelu(n, this.ptr(z, n), this.ptr(a, n), ARGS_OFFSET);
  }

  leakyReluBackward(z: Float32Array, da: Float32Array, dz: Float32Array, n: number, alpha: number): void {
    this.args[0] = alpha;
    this.exports.leakyReluBackward(n, this.ptr(z, n), this.ptr(da, n), this.ptr(dz, n), ARGS_OFFSET);
  }

  /**
   * The byte offset of a, after checking that a holds at least n floats within this arena's tensors.
   * The kernels read raw memory, so a tensor that is too short would silently overwrite its neighbours.
   * Whether a views this memory at all is the caller's promise (TensorArena.owns): reading a.buffer costs
   * V8 about 12 ns, as much as a small kernel, while a stray array is caught here when its offset is small.
   */
  private ptr(a: Float32Array, n: number): number {
    const o = a.byteOffset;
    if (a.length < n || o < this.first || o + 4 * n > this.scratch) throw new Error(`the WebAssembly kernels need ${n} floats in their own arena`);
    return o;
  }

  private checkScratch(rows: number, nIn: number, nOut: number): void {
    // denseScratchFloats, written out: one function less for the compiler to warm up on the hot path.
    if (rows * nOut + 8 * Math.max(rows, nIn, nOut) > this.scratchFloats) throw new Error(`${rows} rows of a ${nIn} -> ${nOut} layer exceed the arena's scratch`);
  }
}
