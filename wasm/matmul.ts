// Matrix products for the dense layer (AssemblyScript; wasm/kernels.ts is the module's entry). Every
// pointer is a byte offset into the imported memory; every stride is in floats (bytes inside).
//
// The one rule that makes these kernels exact: each output element is a float32 sum over the reduction
// index p in increasing order, s = 0; s = s + a*b (each product and each sum rounded to float32, no
// fused multiply-add). SIMD runs across independent output elements only (four columns per f32x4), never
// across p, so the blocking below changes speed but never a bit, and the plain TypeScript reference
// (src/core/kernels/reference-kernels.ts) gives identical results.
import { store4x4T } from './layout';
import { tile1x1, tile1x4, tile1x8, tile4x1, tile4x4, tile4x8 } from './tiles';

/**
 * Copies columns j0 .. j0 + w - 1 of B (element [p, j] at b + p * bRow + j * bCol, strides in bytes)
 * into dst as a row-major [k x w] strip, so that the inner kernels read B contiguously whatever its
 * layout (a transposed weight matrix, or a row stride that is a power of two and thrashes the cache).
 */
@inline
function packStrip(k: i32, b: usize, bRow: usize, bCol: usize, w: i32, dst: usize): void {
  if (bRow == 4 && w == 8) {
    packTransposed8(k, b, bCol, dst);
    return;
  }
  if (bCol == 4 && w == 8) {
    for (let p = 0; p < k; p++) {
      v128.store(dst, v128.load(b));
      v128.store(dst, v128.load(b, 16), 16);
      b += bRow;
      dst += 32;
    }
    return;
  }
  const wB = (<usize>w) << 2;
  for (let jj = 0; jj < w; jj++) {
    let s = b + (<usize>jj) * bCol;
    let d = dst + ((<usize>jj) << 2);
    for (let p = 0; p < k; p++) {
      store<f32>(d, load<f32>(s));
      s += bRow;
      d += wB;
    }
  }
}

/**
 * packStrip for eight columns whose elements are consecutive in p (B[p, j] at b + 4 p + j * bCol, as
 * for the weights W^T in the forward pass): 4 x 4 blocks transposed in registers, the tail one by one.
 */
function packTransposed8(k: i32, b: usize, bCol: usize, dst: usize): void {
  const b4 = b + (bCol << 2);
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const o = (<usize>p) << 2;
    const d = dst + ((<usize>p) << 5);
    store4x4T(v128.load(b + o), v128.load(b + bCol + o), v128.load(b + (bCol << 1) + o), v128.load(b + (bCol << 1) + bCol + o), d, 32);
    store4x4T(v128.load(b4 + o), v128.load(b4 + bCol + o), v128.load(b4 + (bCol << 1) + o), v128.load(b4 + (bCol << 1) + bCol + o), d + 16, 32);
  }
  for (; p < k; p++) {
    const o = (<usize>p) << 2;
    for (let jj = 0; jj < 8; jj++) store<f32>(dst + ((<usize>p) << 5) + ((<usize>jj) << 2), load<f32>(b + (<usize>jj) * bCol + o));
  }
}

/**
 * C[i, j] = sum over p < k of A[i, p] * B[p, j], plus bias[j] when bias is not 0, for i < m and j < n.
 * A[i, p] is at a + 4 * (i * aRow + p * aCol) and B[p, j] at b + 4 * (p * bRow + j * bCol) (any strides:
 * B is packed, eight columns at a time, into `pack`, which holds 8 * k floats); C is row-major with row
 * stride ldc.
 */
export function matmul(m: i32, n: i32, k: i32, a: usize, aRow: i32, aCol: i32, b: usize, bRow: i32, bCol: i32, c: usize, ldc: i32, bias: usize, pack: usize): void {
  const aRowB = (<usize>aRow) << 2;
  const aColB = (<usize>aCol) << 2;
  const bRowB = (<usize>bRow) << 2;
  const bColB = (<usize>bCol) << 2;
  const ldcB = (<usize>ldc) << 2;
  for (let j = 0; j < n; j += 8) {
    const w = min(8, n - j);
    const wB = (<usize>w) << 2;
    const o = (<usize>j) << 2;
    packStrip(k, b + (<usize>j) * bColB, bRowB, bColB, w, pack);
    const bj = bias != 0 ? bias + o : 0;
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const ai = a + (<usize>i) * aRowB;
      const ci = c + (<usize>i) * ldcB + o;
      if (w == 8) {
        tile4x8(k, ai, aRowB, aColB, pack, 32, ci, ldcB, bj);
        continue;
      }
      let jj = 0;
      if (w >= 4) {
        tile4x4(k, ai, aRowB, aColB, pack, wB, ci, ldcB, bj);
        jj = 4;
      }
      for (; jj < w; jj++) {
        const q = (<usize>jj) << 2;
        tile4x1(k, ai, aRowB, aColB, pack + q, wB, ci + q, ldcB, bj != 0 ? bj + q : 0);
      }
    }
    for (; i < m; i++) {
      const ai = a + (<usize>i) * aRowB;
      const ci = c + (<usize>i) * ldcB + o;
      if (w == 8) {
        tile1x8(k, ai, aColB, pack, ci, bj);
        continue;
      }
      let jj = 0;
      for (; jj + 4 <= w; jj += 4) {
        const q = (<usize>jj) << 2;
        tile1x4(k, ai, aColB, pack + q, wB, ci + q, bj != 0 ? bj + q : 0);
      }
      for (; jj < w; jj++) {
        const q = (<usize>jj) << 2;
        tile1x1(k, ai, aColB, pack + q, wB, ci + q, bj != 0 ? bj + q : 0);
      }
    }
  }
}
