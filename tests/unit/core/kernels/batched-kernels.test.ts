// The batched WebAssembly SIMD kernels (wasm/batched.ts) against their TypeScript definition
// (batched-reference.ts): the same bits on interleaved tensors of several networks, on shapes of 1 to
// 5 wide and values that catch rounding shortcuts (subnormals, signed zeros, wide magnitudes, NaN).
import { describe, expect, it } from 'vitest';
import { type AdamStep, type BatchedArena, batchLanes } from '../../../../src/core/kernels/batched-kernels';
import { batchedReferenceArena } from '../../../../src/core/kernels/batched-reference';
import { defaultBatchedArena, wasmBatchedArena } from '../../../../src/core/kernels/batched-wasm';
import { Rng } from '../../../../src/core/math/rng';

/** Random float32 values with zeros, negative zeros, subnormals, large magnitudes and (when asked) NaN mixed in. */
function values(n: number, rng: Rng, nan = false): Float32Array<ArrayBuffer> {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    if (u < 0.03) a[i] = 0;
    else if (u < 0.06) a[i] = -0;
    else if (u < 0.09) a[i] = rng.normal() * 1e-39;
    else if (u < 0.12) a[i] = rng.normal() * 1e15;
    else if (nan && u < 0.13) a[i] = Number.NaN;
    else a[i] = rng.normal();
  }
  return a;
}

/** Index of the first element that differs (signed zeros distinguished, NaN equal to NaN), or -1. */
function firstDifference(a: Tensor, b: Tensor): number {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return i;
  return -1;
}

/** The same tensors in both arenas: `make(arena)` allocates and fills, `run` computes; returns the outputs of each. */
function both<T extends readonly Tensor[]>(floats: number, make: (a: BatchedArena) => T, run: (a: BatchedArena, t: T) => void): [T, T] {
  const out = [batchedReferenceArena(), wasmBatchedArena(floats)].map((a) => {
    const t = make(a);
    run(a, t);
    return t;
  });
  return [out[0]!, out[1]!];
}

/** The arrays the kernels take. */
type Tensor = Float32Array | Float64Array | Uint32Array | Int32Array;

/** An array of the arena holding a copy of src's integers. */
function u32(a: BatchedArena, src: Uint32Array): Uint32Array<ArrayBuffer> {
  const t = a.allocU32(src.length);
  t.set(src);
  return t;
}

/** An array of the arena holding a copy of src's signed integers. */
function i32(a: BatchedArena, src: Int32Array): Int32Array<ArrayBuffer> {
  const t = a.allocI32(src.length);
  t.set(src);
  return t;
}

/** A tensor of the arena holding a copy of src. */
function copy(a: BatchedArena, src: Float32Array): Float32Array<ArrayBuffer> {
  const t = a.alloc(src.length);
  t.set(src);
  return t;
}

function expectSame<T extends readonly Tensor[]>(pair: [T, T]): void {
  pair[0].forEach((t, k) => expect({ tensor: k, at: firstDifference(t, pair[1][k]!) }).toEqual({ tensor: k, at: -1 }));
}

const WIDTHS = [1, 2, 3, 4, 5, 8, 9];
// 1 to 30 networks: below, at and past the kernels' blocks of 16 networks, with and without a tail.
const NETWORKS = [1, 3, 4, 9, 16, 17, 30];

describe('the batched kernels give the reference bits', () => {
  it('runs on WebAssembly by default here', () => {
    expect(defaultBatchedArena(1000).kind).toBe('wasm');
  });

  it('dense forward and backward, every small shape, rows 1 to 7, 1 to 9 networks', () => {
    const rng = new Rng(11);
    for (const R of NETWORKS) {
      const L = batchLanes(R);
      for (const rows of [1, 2, 7]) {
        for (const nIn of WIDTHS) {
          for (const nOut of WIDTHS) {
            const x = values(rows * nIn * L, rng);
            const w = values(nIn * nOut * L, rng);
            const b = values(nOut * L, rng);
            const dz = values(rows * nOut * L, rng);
            const floats = 4 * (3 * x.length + 2 * w.length + 2 * b.length + 4 * dz.length) + 1024;
            expectSame(both(floats, (a) => [copy(a, x), copy(a, w), copy(a, b), a.alloc(dz.length)] as const, (a, [xa, wa, ba, z]) => a.kernels.denseForward(xa, wa, ba, z, L, rows, nIn, nOut)));
            for (const withDx of [true, false]) {
              expectSame(both(floats, (a) => [copy(a, x), copy(a, w), copy(a, dz), a.alloc(w.length), a.alloc(b.length), a.alloc(x.length)] as const, (a, [xa, wa, dza, gw, gb, dx]) => a.kernels.denseBackward(xa, wa, dza, gw, gb, withDx ? dx : null, L, rows, nIn, nOut)));
            }
            // With the activation fused in (the layer's own forward; the layer below's backward, whose z has NaN and signed zeros).
            const zBelow = values(x.length, rng, true);
            for (const [kind, alpha] of [['relu', 0], ['leaky_relu', Math.fround(0.2)]] as const) {
              expectSame(both(floats, (a) => [copy(a, x), copy(a, w), copy(a, b), a.alloc(dz.length), a.alloc(dz.length)] as const, (a, [xa, wa, ba, z, out]) => a.kernels.denseForward(xa, wa, ba, z, L, rows, nIn, nOut, { kind, alpha, a: out })));
              expectSame(both(floats, (a) => [copy(a, x), copy(a, w), copy(a, dz), a.alloc(w.length), a.alloc(b.length), a.alloc(x.length), copy(a, zBelow)] as const, (a, [xa, wa, dza, gw, gb, dx, zb]) => a.kernels.denseBackward(xa, wa, dza, gw, gb, dx, L, rows, nIn, nOut, { kind, alpha, z: zb })));
            }
            // PReLU fused in, one slope per network or one per neuron (negative, zero and subnormal slopes among them).
            for (const shared of [true, false]) {
              const slopes = values((shared ? 1 : nOut) * L, rng);
              expectSame(both(floats + slopes.length, (a) => [copy(a, x), copy(a, w), copy(a, b), a.alloc(dz.length), a.alloc(dz.length), copy(a, slopes)] as const, (a, [xa, wa, ba, z, out, s]) => a.kernels.denseForward(xa, wa, ba, z, L, rows, nIn, nOut, { kind: 'prelu', a: out, slopes: s, shared })));
            }
          }
        }
      }
    }
  });

  it('dense layers of 1 or 2 inputs and outputs over many rows (the narrow kernels take them in tiles of rows)', () => {
    const rng = new Rng(17);
    // 16 KB tiles: 64 rows of 2 x 32 networks, 512 of 1 x 4; 300 and 1,100 rows end in a partial tile.
    for (const [R, rows] of [[30, 300], [3, 1100]] as const) {
      const L = batchLanes(R);
      for (const nIn of [1, 2]) {
        for (const nOut of [1, 2]) {
          const x = values(rows * nIn * L, rng);
          const w = values(nIn * nOut * L, rng);
          const b = values(nOut * L, rng);
          const dz = values(rows * nOut * L, rng);
          const zBelow = values(x.length, rng, true);
          const slopes = values(nOut * L, rng);
          const floats = 4 * (3 * x.length + 2 * w.length + 2 * b.length + 4 * dz.length) + 1024;
          expectSame(both(floats, (a) => [copy(a, x), copy(a, w), copy(a, b), a.alloc(dz.length), a.alloc(dz.length), copy(a, slopes)] as const, (a, [xa, wa, ba, z, out, s]) => a.kernels.denseForward(xa, wa, ba, z, L, rows, nIn, nOut, { kind: 'prelu', a: out, slopes: s, shared: false })));
          expectSame(both(floats, (a) => [copy(a, x), copy(a, w), copy(a, dz), a.alloc(w.length), a.alloc(b.length), a.alloc(x.length), copy(a, zBelow)] as const, (a, [xa, wa, dza, gw, gb, dx, zb]) => a.kernels.denseBackward(xa, wa, dza, gw, gb, dx, L, rows, nIn, nOut, { kind: 'relu', alpha: 0, z: zb })));
          expectSame(both(floats, (a) => [copy(a, x), copy(a, w), copy(a, dz), a.alloc(w.length), a.alloc(b.length)] as const, (a, [xa, wa, dza, gw, gb]) => a.kernels.denseBackward(xa, wa, dza, gw, gb, null, L, rows, nIn, nOut)));
        }
      }
    }
  });

  it('ReLU, Leaky ReLU and PReLU (shared and per neuron) forward and backward, with NaN', () => {
    const rng = new Rng(12);
    for (const R of NETWORKS) {
      const L = batchLanes(R);
      for (const width of WIDTHS) {
        const rows = 5;
        const n = rows * width * L;
        const z = values(n, rng, true);
        const da = values(n, rng, true);
        const floats = 8 * n + 1024;
        expectSame(both(floats, (a) => [copy(a, z), a.alloc(n)] as const, (a, [za, out]) => a.kernels.relu(za, out, n)));
        expectSame(both(floats, (a) => [copy(a, z), copy(a, da), a.alloc(n)] as const, (a, [za, daa, out]) => a.kernels.reluBackward(za, daa, out, n)));
        expectSame(both(floats, (a) => [copy(a, z), a.alloc(n)] as const, (a, [za, out]) => a.kernels.leakyRelu(za, out, n, Math.fround(0.01))));
        expectSame(both(floats, (a) => [copy(a, z), copy(a, da), a.alloc(n)] as const, (a, [za, daa, out]) => a.kernels.leakyReluBackward(za, daa, out, n, Math.fround(0.2))));
        for (const shared of [true, false]) {
          const alpha = values((shared ? 1 : width) * L, rng);
          expectSame(both(floats, (a) => [copy(a, z), a.alloc(n), copy(a, alpha)] as const, (a, [za, out, al]) => a.kernels.prelu(za, out, al, L, rows, width, shared)));
          expectSame(both(floats, (a) => [copy(a, z), copy(a, da), a.alloc(n), copy(a, alpha), a.alloc(alpha.length)] as const, (a, [za, daa, dz, al, g]) => a.kernels.preluBackward(za, daa, dz, al, g, L, rows, width, shared)));
        }
      }
    }
  });

  it('the squared error, sums of squares and per-network scaling', () => {
    const rng = new Rng(13);
    for (const R of NETWORKS) {
      const L = batchLanes(R);
      for (const rows of [1, 3, 64]) {
        const p = values(rows * L, rng, true);
        const t = values(rows * L, rng);
        const coef = values(L, rng);
        const floats = 8 * rows * L + 1024;
        expectSame(both(floats, (a) => [copy(a, p), copy(a, t), a.alloc(p.length), a.alloc64(L)] as const, (a, [pa, ta, dp, loss]) => a.kernels.mse(pa, ta, dp, loss, L, rows)));
        expectSame(both(floats, (a) => [copy(a, p), a.alloc64(L)] as const, (a, [g, out]) => a.kernels.sumSquares(g, out, L, rows)));
        expectSame(both(floats, (a) => [copy(a, p), copy(a, coef)] as const, (a, [g, c]) => a.kernels.scaleLanes(g, c, L, rows)));
      }
    }
  });

  it('shuffles as Rng.shuffle does, from the same generator state, and gathers a batch into one lane', () => {
    // 300,000 rows: about n^2 / 2^33 = 10 draws rejected (the kernel forms the limit only for draws near 2^32).
    for (const [seed, n] of [[1, 1], [2, 2], [3, 17], [4, 256], [5, 1000], [6, 300_000]] as const) {
      const rng = new Rng(seed);
      const words = rng.saveState();
      const expected = new Uint32Array(n).map((_, i) => i);
      rng.shuffle(expected);
      rng.shuffle(expected);
      for (const a of [batchedReferenceArena(), wasmBatchedArena(4 * n + 64)]) {
        const order = a.allocU32(n);
        for (let i = 0; i < n; i++) order[i] = i;
        const state = a.allocU32(4);
        for (let i = 0; i < 4; i++) state[i] = words[i]!;
        a.kernels.shuffle(order, state);
        a.kernels.shuffle(order, state);
        expect(Array.from(order)).toEqual(Array.from(expected));
        expect(Array.from(state)).toEqual(rng.saveState().slice(0, 4));
      }
    }
    const rng = new Rng(15);
    const dims = 3;
    const src = values(40 * dims, rng);
    const batch = new Uint32Array([39, 0, 7, 7, 12]);
    for (const R of [1, 5, 17]) {
      const L = batchLanes(R);
      expectSame(both(4096, (a) => [u32(a, batch), copy(a, src), a.alloc(batch.length * dims * L)] as const, (a, [b, s, x]) => a.kernels.gather(b, b.length, s, dims, x, L, R - 1)));
      const targets = values(40, rng);
      expectSame(both(4096, (a) => [u32(a, batch), copy(a, src), a.alloc(batch.length * dims * L), copy(a, targets), a.alloc(batch.length * L)] as const, (a, [b, s, x, st, t]) => a.kernels.gatherWithTargets(b, b.length, s, dims, x, st, t, L, R - 1)));
    }
  });

  it('a shuffle of 300,000 rows rejects some draws (the case where the limit matters)', () => {
    const rng = new Rng(6);
    let rejected = 0;
    for (let i = 300_000 - 1; i > 0; i--) {
      const limit = 4294967296 - (4294967296 % (i + 1));
      while (rng.nextU32() >= limit) rejected++;
    }
    expect(rejected).toBeGreaterThan(0);
  });

  it('counts rows with z > 0 per neuron and activations exactly 0 (signed zeros, NaN) per network, adding to the counts', () => {
    const rng = new Rng(16);
    for (const R of NETWORKS) {
      const L = batchLanes(R);
      for (const width of WIDTHS) {
        for (const rows of [1, 5, 64]) {
          const n = rows * width * L;
          const z = values(n, rng, true);
          const act = values(n, rng, true);
          const start = new Int32Array(width * L).map((_, e) => e % 3);
          const zeros = new Int32Array(L).map((_, e) => e % 5);
          const floats = 3 * n + 2 * width * L + 1024;
          expectSame(both(floats, (a) => [copy(a, z), copy(a, act), i32(a, start), i32(a, zeros)] as const, (a, [za, aa, active, zs]) => a.kernels.count(za, aa, active, zs, L, rows, width)));
        }
      }
    }
    // The definition itself, on one network of one neuron: z 1, -0, NaN, 0.5 and a 0, -0, NaN, 2.
    const a = batchedReferenceArena();
    const active = new Int32Array(4);
    const zeros = new Int32Array(4);
    const z = new Float32Array(16);
    const act = new Float32Array(16).fill(1);
    [1, -0, Number.NaN, 0.5].forEach((v, r) => (z[r * 4] = v));
    [0, -0, Number.NaN, 2].forEach((v, r) => (act[r * 4] = v));
    a.kernels.count(z, act, active, zeros, 4, 4, 1);
    expect([active[0], zeros[0]]).toEqual([2, 2]);
  });

  it('Adam and AdamW steps (with and without decay) and SGD, from fresh and from trained state', () => {
    const rng = new Rng(14);
    const n = 4 * 37;
    for (const decoupled of [false, true]) {
      for (const wd of [0, 0.01]) {
        for (const t of [1, 2, 50]) {
          const lr = 0.003;
          const h: AdamStep = { beta1: 0.9, beta2: 0.999, eps: 1e-8, wd, decoupled, stepSize: lr / (1 - 0.9 ** t), bc2Sqrt: Math.sqrt(1 - 0.999 ** t), shrink: Math.fround(1 - lr * wd) };
          const v = values(n, rng);
          const g = values(n, rng);
          const m = t === 1 ? new Float32Array(n) : values(n, rng);
          const s = t === 1 ? new Float32Array(n) : values(n, rng).map(Math.abs);
          expectSame(both(8 * n, (a) => [copy(a, v), copy(a, g), copy(a, m), copy(a, s)] as const, (a, [va, ga, ma, sa]) => a.kernels.adam(va, ga, ma, sa, n, h)));
        }
      }
    }
    for (const first of [true, false]) {
      const v = values(n, rng);
      const g = values(n, rng);
      const buf = values(n, rng);
      expectSame(both(8 * n, (a) => [copy(a, v), copy(a, g), copy(a, buf)] as const, (a, [va, ga, b]) => a.kernels.sgd(va, ga, b, n, 0.1, 0.9, 0.1, !first, 0.001, first)));
    }
  });
});
