import type { AdamStep, BatchedArena, BatchedKernels, FusedActivation, FusedBackward, FusedForward } from './batched-kernels';
import { batchedReferenceArena } from './batched-reference';
import { decodeBase64 } from './base64';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.generated';
import { type WasmApi, wasmApi } from './wasm-api';

/** The batched exports of the kernel module (wasm/batched.ts), plus the elementwise ones it shares with the single path. */
interface BatchedExports {
  bDenseForward(L: number, rows: number, nIn: number, nOut: number, x: number, w: number, b: number, z: number, a: number, act: number, args: number): void;
  bDenseBackward(L: number, rows: number, nIn: number, nOut: number, x: number, w: number, dz: number, gw: number, gb: number, dx: number, zIn: number, act: number, args: number): void;
  bPrelu(L: number, rows: number, width: number, z: number, a: number, alpha: number, shared: number): void;
  bPreluBackward(L: number, rows: number, width: number, z: number, da: number, dz: number, alpha: number, galpha: number, shared: number): void;
  bMse(L: number, rows: number, p: number, t: number, dp: number, loss: number): void;
  bSumSquares(L: number, n: number, g: number, out: number): void;
  bScaleLanes(L: number, n: number, g: number, coef: number): void;
  bAdam(n: number, v: number, g: number, m: number, s: number, args: number): void;
  bShuffle(n: number, order: number, st: number): void;
  bCount(L: number, rows: number, width: number, z: number, a: number, active: number, zeros: number): void;
  bGather(rows: number, dims: number, L: number, i: number, batch: number, src: number, x: number): void;
  bGatherWithTargets(rows: number, dims: number, L: number, i: number, batch: number, src: number, x: number, srcT: number, t: number): void;
  sgd(n: number, v: number, g: number, buf: number, args: number, nesterov: number, first: number): void;
  relu(n: number, z: number, a: number): void;
  reluBackward(n: number, z: number, da: number, dz: number): void;
  leakyRelu(n: number, z: number, a: number, args: number): void;
  leakyReluBackward(n: number, z: number, da: number, dz: number, args: number): void;
}

const PAGE_BYTES = 65536;
/** Bytes never handed out: pointer 0 means "none" to the kernels. */
const RESERVED_BYTES = 64;
/** Float64 slots of the argument block (JavaScript passes the kernels no floats: see ARGS_OFFSET in wasm-kernels.ts). */
const ARGS_SLOTS = 8;

/** A batched arena in one WebAssembly memory, sized once (growing would detach its views). */
class WasmBatchedArena implements BatchedArena, BatchedKernels {
  readonly kind = 'wasm';
  readonly kernels: BatchedKernels = this;
  private readonly buffer: ArrayBuffer;
  private readonly x: BatchedExports;
  private next = RESERVED_BYTES;
  private readonly end: number;
  private readonly args: Float64Array<ArrayBuffer>;
  private readonly argsPtr: number;

  constructor(api: WasmApi, floats: number) {
    this.end = RESERVED_BYTES + 4 * (floats + 16);
    const pages = Math.max(1, Math.ceil(this.end / PAGE_BYTES));
    const memory = new api.Memory({ initial: pages, maximum: pages });
    const instance = new api.Instance(new api.Module(decodeBase64(KERNELS_WASM_BASE64)), { env: { memory } });
    this.buffer = memory.buffer;
    this.x = instance.exports as unknown as BatchedExports;
    this.args = this.alloc64(ARGS_SLOTS);
    this.argsPtr = this.args.byteOffset;
  }

  alloc(length: number): Float32Array<ArrayBuffer> {
    return new Float32Array(this.buffer, this.take(4 * length), length);
  }

  alloc64(length: number): Float64Array<ArrayBuffer> {
    return new Float64Array(this.buffer, this.take(8 * length), length);
  }

  allocU32(length: number): Uint32Array<ArrayBuffer> {
    return new Uint32Array(this.buffer, this.take(4 * length), length);
  }

  allocI32(length: number): Int32Array<ArrayBuffer> {
    return new Int32Array(this.buffer, this.take(4 * length), length);
  }

  shuffle(order: Uint32Array, state: Uint32Array): void {
    this.x.bShuffle(order.length, this.ptr(order, order.length), this.ptr(state, 4));
  }

  gather(batch: Uint32Array, rows: number, src: Float32Array, dims: number, x: Float32Array, L: number, i: number): void {
    // The rows' indices are not checked against src here (the kernel would read past it): they come from the run's own order.
    if (i < 0 || i >= L) throw new Error(`network ${i} is not one of the ${L} lanes`);
    this.x.bGather(rows, dims, L, i, this.ptr(batch, rows), this.ptr(src, dims), this.ptr(x, rows * dims * L));
  }

  count(z: Float32Array, a: Float32Array, active: Int32Array, zeros: Int32Array, L: number, rows: number, width: number): void {
    const n = rows * width * L;
    this.x.bCount(L, rows, width, this.ptr(z, n), this.ptr(a, n), this.ptr(active, width * L), this.ptr(zeros, L));
  }

  gatherWithTargets(batch: Uint32Array, rows: number, src: Float32Array, dims: number, x: Float32Array, srcT: Float32Array, t: Float32Array, L: number, i: number): void {
    if (i < 0 || i >= L) throw new Error(`network ${i} is not one of the ${L} lanes`);
    this.x.bGatherWithTargets(rows, dims, L, i, this.ptr(batch, rows), this.ptr(src, dims), this.ptr(x, rows * dims * L), this.ptr(srcT, 1), this.ptr(t, rows * L));
  }

  denseForward(x: Float32Array, w: Float32Array, b: Float32Array, z: Float32Array, L: number, rows: number, nIn: number, nOut: number, act: FusedForward | null = null): void {
    const n = rows * nOut * L;
    const a = act === null ? 0 : this.ptr(act.a, n);
    let code: number;
    if (act?.kind === 'prelu') {
      // PReLU: code 3, its slopes' address and whether they are shared in the argument block.
      this.args[1] = this.ptr(act.slopes, (act.shared ? 1 : nOut) * L);
      this.args[2] = act.shared ? 1 : 0;
      code = 3;
    } else code = this.actCode(act);
    this.x.bDenseForward(L, rows, nIn, nOut, this.ptr(x, rows * nIn * L), this.ptr(w, nIn * nOut * L), this.ptr(b, nOut * L), this.ptr(z, n), a, code, this.argsPtr);
  }

  denseBackward(x: Float32Array, w: Float32Array, dz: Float32Array, gw: Float32Array, gb: Float32Array, dx: Float32Array | null, L: number, rows: number, nIn: number, nOut: number, act: FusedBackward | null = null): void {
    const n = rows * nIn * L;
    const dxp = dx === null ? 0 : this.ptr(dx, n);
    const zp = act === null || dx === null ? 0 : this.ptr(act.z, n);
    const code = dx === null ? 0 : this.actCode(act);
    this.x.bDenseBackward(L, rows, nIn, nOut, this.ptr(x, n), this.ptr(w, nIn * nOut * L), this.ptr(dz, rows * nOut * L), this.ptr(gw, nIn * nOut * L), this.ptr(gb, nOut * L), dxp, zp, code, this.argsPtr);
  }

  /** The kernels' code of a fused activation (0 none, 1 ReLU, 2 Leaky ReLU with its slope put in the argument block). */
  private actCode(act: FusedActivation | null): number {
    if (act === null) return 0;
    if (act.kind === 'relu') return 1;
    this.args[0] = act.alpha;
    return 2;
  }

  relu(z: Float32Array, a: Float32Array, n: number): void {
    this.x.relu(n, this.ptr(z, n), this.ptr(a, n));
  }

  reluBackward(z: Float32Array, da: Float32Array, dz: Float32Array, n: number): void {
    this.x.reluBackward(n, this.ptr(z, n), this.ptr(da, n), this.ptr(dz, n));
  }

  leakyRelu(z: Float32Array, a: Float32Array, n: number, alpha: number): void {
    this.args[0] = alpha;
    this.x.leakyRelu(n, this.ptr(z, n), this.ptr(a, n), this.argsPtr);
  }

  leakyReluBackward(z: Float32Array, da: Float32Array, dz: Float32Array, n: number, alpha: number): void {
    this.args[0] = alpha;
    this.x.leakyReluBackward(n, this.ptr(z, n), this.ptr(da, n), this.ptr(dz, n), this.argsPtr);
  }

  prelu(z: Float32Array, a: Float32Array, alpha: Float32Array, L: number, rows: number, width: number, shared: boolean): void {
    const n = rows * width * L;
    this.x.bPrelu(L, rows, width, this.ptr(z, n), this.ptr(a, n), this.ptr(alpha, (shared ? 1 : width) * L), shared ? 1 : 0);
  }

  preluBackward(z: Float32Array, da: Float32Array, dz: Float32Array, alpha: Float32Array, galpha: Float32Array, L: number, rows: number, width: number, shared: boolean): void {
    const n = rows * width * L;
    const p = (shared ? 1 : width) * L;
    this.x.bPreluBackward(L, rows, width, this.ptr(z, n), this.ptr(da, n), this.ptr(dz, n), this.ptr(alpha, p), this.ptr(galpha, p), shared ? 1 : 0);
  }

  mse(p: Float32Array, t: Float32Array, dp: Float32Array, loss: Float64Array, L: number, rows: number): void {
    this.x.bMse(L, rows, this.ptr(p, rows * L), this.ptr(t, rows * L), this.ptr(dp, rows * L), this.ptr(loss, L));
  }

  sumSquares(g: Float32Array, out: Float64Array, L: number, n: number): void {
    this.x.bSumSquares(L, n, this.ptr(g, n * L), this.ptr(out, L));
  }

  scaleLanes(g: Float32Array, coef: Float32Array, L: number, n: number): void {
    this.x.bScaleLanes(L, n, this.ptr(g, n * L), this.ptr(coef, L));
  }

  adam(v: Float32Array, g: Float32Array, m: Float32Array, s: Float32Array, n: number, h: AdamStep): void {
    if (n % 4 !== 0) throw new Error(`the batched Adam kernel takes whole vectors, not ${n} floats`);
    const a = this.args;
    a[0] = h.beta1;
    a[1] = h.beta2;
    a[2] = h.eps;
    a[3] = h.wd;
    a[4] = h.stepSize;
    a[5] = h.bc2Sqrt;
    a[6] = h.shrink;
    a[7] = h.decoupled ? 1 : 0;
    this.x.bAdam(n, this.ptr(v, n), this.ptr(g, n), this.ptr(m, n), this.ptr(s, n), this.argsPtr);
  }

  sgd(v: Float32Array, g: Float32Array, buf: Float32Array | null, n: number, lr: number, momentum: number, dampening: number, nesterov: boolean, wd: number, first: boolean): void {
    const a = this.args;
    a[0] = lr;
    a[1] = momentum;
    a[2] = 1 - dampening;
    a[3] = wd;
    this.x.sgd(n, this.ptr(v, n), this.ptr(g, n), buf === null ? 0 : this.ptr(buf, n), this.argsPtr, nesterov ? 1 : 0, first ? 1 : 0);
  }

  /** Next 64-byte-aligned block of `bytes` bytes. */
  private take(bytes: number): number {
    const at = this.next;
    const size = Math.ceil(bytes / 64) * 64;
    if (at + size > this.end) throw new Error(`WebAssembly batched arena full: ${bytes} more bytes do not fit`);
    this.next += size;
    return at;
  }

  /** The byte offset of a, after checking it is a view of this arena holding at least n elements (the kernels read raw memory). */
  private ptr(a: Float32Array | Float64Array | Uint32Array | Int32Array, n: number): number {
    if (a.buffer !== this.buffer || a.length < n) throw new Error(`the batched WebAssembly kernels need ${n} values in their own arena`);
    return a.byteOffset;
  }
}

/**
 * The batched path's arena for `floats` floats (float64 counting 2, each tensor rounded up to 16):
 * WebAssembly SIMD where the host has it, else the plain TypeScript reference, which gives the same bits.
 */
export function defaultBatchedArena(floats: number): BatchedArena {
  const api = wasmApi();
  if (api !== null) {
    try {
      return new WasmBatchedArena(api, floats);
    } catch {
      // No WebAssembly SIMD, or a Content-Security-Policy without 'wasm-unsafe-eval': the reference.
    }
  }
  return batchedReferenceArena();
}

/** A batched arena on the WebAssembly kernels (throws where the host has none). */
export function wasmBatchedArena(floats: number): BatchedArena {
  const api = wasmApi();
  if (api === null) throw new Error('this host has no WebAssembly');
  return new WasmBatchedArena(api, floats);
}
