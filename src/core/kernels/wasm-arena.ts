import { decodeBase64 } from './base64';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.generated';
import type { Kernels } from './kernels';
import { type ArenaFactory, type ArenaSize, arenaSlot, type TensorArena } from './tensor-arena';
import type { WasmApi } from './wasm-api';
import { type KernelExports, WasmKernels } from './wasm-kernels';

const PAGE_BYTES = 65536;
/**
 * Bytes at the start of memory never handed out: to the kernels, pointer 0 means "none" (no dx, no
 * buffer), and the float64 argument block lives here (ARGS_OFFSET, 8 + 4 x 8 bytes).
 */
const RESERVED_BYTES = 64;

/** An arena in one WebAssembly memory: tensors are bump-allocated views, sized once (growing would detach them). */
class WasmArena implements TensorArena {
  readonly kind = 'wasm';
  readonly kernels: Kernels;
  private readonly buffer: ArrayBuffer;
  /** Next free byte, and the end of the tensor area (the kernels' scratch follows it). */
  private next = RESERVED_BYTES;
  private readonly end: number;

  constructor(api: WasmApi, module: object, size: ArenaSize) {
    this.end = RESERVED_BYTES + size.tensors * 4;
    const pages = Math.max(1, Math.ceil((this.end + size.scratch * 4) / PAGE_BYTES));
    const memory = new api.Memory({ initial: pages, maximum: pages });
    const instance = new api.Instance(module, { env: { memory } });
    this.buffer = memory.buffer;
    this.kernels = new WasmKernels(instance.exports as unknown as KernelExports, this.buffer, RESERVED_BYTES, this.end, size.scratch);
  }

  alloc(length: number): Float32Array<ArrayBuffer> {
    const bytes = arenaSlot(length) * 4;
    if (this.next + bytes > this.end) throw new Error(`WebAssembly arena full: ${length} more floats do not fit`);
    const view = new Float32Array(this.buffer, this.next, length);
    this.next += bytes;
    return view;
  }

  owns(a: Float32Array): boolean {
    return a.buffer === this.buffer;
  }
}

/**
 * A factory of arenas computed on by the WebAssembly SIMD kernels. Compiles the embedded module
 * synchronously (fine in workers and Node; V8 reuses the compiled code for identical bytes). Throws where
 * WebAssembly or its SIMD instructions are unavailable.
 */
export function wasmArenaFactory(api: WasmApi): ArenaFactory {
  const module = new api.Module(decodeBase64(KERNELS_WASM_BASE64));
  return (size) => new WasmArena(api, module, size);
}
