// The WebAssembly SIMD kernels against the plain TypeScript reference: the same bits, on shapes chosen
// to hit every blocking path (1-wide, odd, not multiples of 4 or 8, a single row) and on values that
// catch rounding shortcuts (subnormals, signed zeros, wide magnitudes).
import { describe, expect, it } from 'vitest';
import type { Kernels } from '../../../../src/core/kernels/kernels';
import { referenceKernels } from '../../../../src/core/kernels/reference-kernels';
import { denseScratchFloats, type TensorArena } from '../../../../src/core/kernels/tensor-arena';
import { wasmApi } from '../../../../src/core/kernels/wasm-api';
import { wasmArenaFactory } from '../../../../src/core/kernels/wasm-arena';
import { Rng } from '../../../../src/core/math/rng';
import { LeakyRelu } from '../../../../src/core/nn/leaky-relu';
import { Relu } from '../../../../src/core/nn/relu';

const factory = wasmArenaFactory(wasmApi()!);

/** A WebAssembly arena with room for `floats` floats of tensors and the scratch of one layer shape. */
function arena(floats: number, rows = 1, nIn = 1, nOut = 1): TensorArena {
  return factory({ tensors: floats + 64 * 16, scratch: denseScratchFloats(rows, nIn, nOut) });
}

/** Random float32 values with some exact zeros, negative zeros, subnormals and large magnitudes mixed in. */
function values(n: number, rng: Rng): Float32Array<ArrayBuffer> {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    if (u < 0.03) a[i] = 0;
    else if (u < 0.06) a[i] = -0;
    else if (u < 0.09) a[i] = rng.normal() * 1e-39; // subnormal
    else if (u < 0.12) a[i] = rng.normal() * 1e15;
    else a[i] = rng.normal();
  }
  return a;
}

/** `a` copied into a tensor of the arena. */
function into(ar: TensorArena, a: Float32Array): Float32Array<ArrayBuffer> {
  const t = ar.alloc(a.length);
  t.set(a);
  return t;
}

/** Index of the first element whose bits differ (NaN equals NaN), or -1. */
function firstDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return i;
  return -1;
}

const SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17, 33];

/** Checks forward and backward of one layer shape on random values against the reference. */
function checkLayer(rows: number, nIn: number, nOut: number): void {
  const at = `rows ${rows}, ${nIn} -> ${nOut}`;
  const rng = new Rng(rows * 10007 + nIn * 101 + nOut);
  const x = values(rows * nIn, rng);
  const w = values(nIn * nOut, rng);
  const b = values(nOut, rng);
  const dz = values(rows * nOut, rng);
  const ar = arena(4 * (rows * nIn + nIn * nOut + rows * nOut + nOut) + 512, rows, nIn, nOut);
  const k: Kernels = ar.kernels;
  const [xw, ww, bw, dzw] = [into(ar, x), into(ar, w), into(ar, b), into(ar, dz)];
  const [zw, gww, gbw, dxw] = [ar.alloc(rows * nOut), ar.alloc(nIn * nOut), ar.alloc(nOut), ar.alloc(rows * nIn)];
  const [z, gw, gb, dx] = [new Float32Array(rows * nOut), new Float32Array(nIn * nOut), new Float32Array(nOut), new Float32Array(rows * nIn)];

  k.denseForward(xw, ww, bw, zw, rows, nIn, nOut);
  referenceKernels.denseForward(x, w, b, z, rows, nIn, nOut);
  expect(firstDifference(zw, z), `z, ${at}`).toBe(-1);

  k.denseBackward(xw, ww, dzw, gww, gbw, dxw, rows, nIn, nOut);
  referenceKernels.denseBackward(x, w, dz, gw, gb, dx, rows, nIn, nOut);
  expect(firstDifference(gww, gw), `gW, ${at}`).toBe(-1);
  expect(firstDifference(gbw, gb), `gb, ${at}`).toBe(-1);
  expect(firstDifference(dxw, dx), `dx, ${at}`).toBe(-1);

  // Without dx (the first layer), gW and gb come out the same and dx is left alone.
  dxw.fill(7);
  k.denseBackward(xw, ww, dzw, gww, gbw, null, rows, nIn, nOut);
  expect(firstDifference(gww, gw), `gW without dx, ${at}`).toBe(-1);
  expect(dxw.every((v) => v === 7), at).toBe(true);
}

describe('WebAssembly dense kernels equal the TypeScript reference bit for bit', () => {
  it.each([1, 2, 3, 4, 5, 9, 32, 33])('%i rows, every layer shape from 1 -> 1 to 33 -> 33', (rows) => {
    for (const nIn of SIZES) for (const nOut of SIZES) checkLayer(rows, nIn, nOut);
  });

  it('on larger layers (784 -> 20, 70 -> 130, 128 -> 512)', () => {
    checkLayer(64, 784, 20);
    checkLayer(9, 70, 130);
    checkLayer(16, 128, 512);
  });

  it('refuses tensors from outside its memory and rows beyond its scratch', () => {
    const ar = arena(64, 2, 3, 4);
    const x = ar.alloc(6);
    const w = ar.alloc(12);
    const b = ar.alloc(4);
    expect(() => ar.kernels.denseForward(new Float32Array(6), w, b, ar.alloc(8), 2, 3, 4)).toThrow(/own arena/);
    expect(() => ar.kernels.denseForward(x, w, b, ar.alloc(8), 9, 3, 4)).toThrow(/scratch|own arena/);
  });
});

describe('WebAssembly elementwise kernels equal the TypeScript they replace', () => {
  const special = [0, -0, 1e-45, -1e-45, 1e-39, -1e-39, 1, -1, 3e38, -3e38, Infinity, -Infinity, NaN, 0.5, -0.25];

  it.each([1, 3, 4, 7, 16, 37])('ReLU and Leaky ReLU forward and backward, %i entries', (n) => {
    const rng = new Rng(n);
    const z = values(n, rng);
    const da = values(n, rng);
    for (let i = 0; i < Math.min(n, special.length); i++) z[i] = special[i]!;
    const ar = arena(8 * n + 64);
    const k = ar.kernels;
    const [zw, daw, out] = [into(ar, z), into(ar, da), ar.alloc(n)];
    const ref = new Float32Array(n);

    k.relu!(zw, out, n);
    new Relu().forward(z, ref, 1, n);
    expect(firstDifference(out, ref), 'relu').toBe(-1);
    k.reluBackward!(zw, daw, out, n);
    new Relu().backward(z, da, ref, 1, n);
    expect(firstDifference(out, ref), 'relu backward').toBe(-1);

    for (const alpha of [0.01, 0.1, 0.2, 1 / 3]) {
      const leaky = new LeakyRelu(alpha);
      k.leakyRelu!(zw, out, n, Math.fround(alpha));
      leaky.forward(z, ref, 1, n);
      expect(firstDifference(out, ref), `leaky ${alpha}`).toBe(-1);
      k.leakyReluBackward!(zw, daw, out, n, Math.fround(alpha));
      leaky.backward(z, da, ref, 1, n);
      expect(firstDifference(out, ref), `leaky backward ${alpha}`).toBe(-1);
    }
  });

  const sgdCases = [
    { momentum: 0, dampening: 0, nesterov: false, wd: 0, first: false },
    { momentum: 0.9, dampening: 0, nesterov: false, wd: 0, first: true },
    { momentum: 0.9, dampening: 0, nesterov: false, wd: 0, first: false },
    { momentum: 0.9, dampening: 0.1, nesterov: true, wd: 5e-4, first: false },
    { momentum: 0.5, dampening: 0, nesterov: false, wd: 0.01, first: false },
  ];
  it.each(sgdCases)('SGD update %o', (c) => {
    for (const n of [1, 3, 4, 5, 17, 64]) {
      const rng = new Rng(n + 77);
      const v = values(n, rng);
      const g = values(n, rng);
      const buf = values(n, rng);
      const ar = arena(8 * n + 64);
      const [vw, gw, bufw] = [into(ar, v), into(ar, g), into(ar, buf)];
      ar.kernels.sgd(vw, gw, c.momentum === 0 ? null : bufw, 0.037, c.momentum, c.dampening, c.nesterov, c.wd, c.first);
      referenceKernels.sgd(v, g, c.momentum === 0 ? null : buf, 0.037, c.momentum, c.dampening, c.nesterov, c.wd, c.first);
      expect(firstDifference(vw, v), `value, n ${n}`).toBe(-1);
      expect(firstDifference(bufw, buf), `buffer, n ${n}`).toBe(-1);
    }
  });
});
