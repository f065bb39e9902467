import { referenceArena } from './reference-kernels';
import type { ArenaFactory } from './tensor-arena';
import { wasmApi } from './wasm-api';
import { wasmArenaFactory } from './wasm-arena';

/**
 * The engine's arena: WebAssembly SIMD where the host has it (Node, Chromium and Electron workers all
 * do), else the plain TypeScript reference. Both give the same bits, so the fallback changes speed only.
 */
export const defaultArena: ArenaFactory = (size) => {
  const api = wasmApi();
  if (api !== null) {
    let factory: ArenaFactory | null = null;
    try {
      factory = wasmArenaFactory(api);
    } catch {
      // No WebAssembly SIMD, or a Content-Security-Policy without 'wasm-unsafe-eval': use the reference
      // (Mlp.backend tells which one runs).
    }
    if (factory !== null) return factory(size);
  }
  return referenceArena(size);
};
