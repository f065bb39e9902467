/** A WebAssembly.Memory, as far as the kernels use it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** A WebAssembly.Instance, as far as the kernels use it. */
export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

/**
 * The part of the host's WebAssembly JS API the kernels use. Core compiles against lib ES2022 with no
 * host types, and global declarations here would clash with the DOM's and Node's in the other
 * tsconfig projects that include core, so the API is typed locally and looked up on globalThis.
 */
export interface WasmApi {
  readonly Module: new (bytes: Uint8Array<ArrayBuffer>) => object;
  readonly Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  readonly Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
}

/** The host's WebAssembly API, or null on a host without one. */
export function wasmApi(): WasmApi | null {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly ?? null;
}
