// Entry of the kernel module (AssemblyScript, compiled by scripts/build-wasm.mjs into
// src/core/kernels/kernels-wasm.generated.ts): what src/core/kernels/wasm-kernels.ts calls. Pointers are
// byte offsets into the imported memory; 0 means "none" (the arena never places a tensor there).
import { colsum, transpose } from './layout';
import { matmul } from './matmul';

export { leakyRelu, leakyReluBackward, relu, reluBackward, sgd } from './elementwise';

// Orientation: the kernels vectorize across the columns of their output. When a layer has fewer than
// four outputs (forward) or inputs (weight gradient) there are too few columns, so they compute the
// transposed product, whose columns are the rows, and transpose the small result back. Every element
// is still the same sum in the same order: the bits do not change, only the speed.

/** z = x W^T + b for `rows` rows: x [rows x nIn], W [nOut x nIn] (nn.Linear's layout), z [rows x nOut]. */
export function denseForward(rows: i32, nIn: i32, nOut: i32, x: usize, w: usize, b: usize, z: usize, scratch: usize): void {
  if (nOut >= 4 || rows < 4) {
    matmul(rows, nOut, nIn, x, nIn, 1, w, 1, nIn, z, nOut, b, scratch);
    return;
  }
  // z^T = W x^T into scratch [nOut x rows], then z = (z^T)^T + b (the bias last, as everywhere).
  const zt = scratch;
  matmul(nOut, rows, nIn, w, nIn, 1, x, 1, nIn, zt, rows, 0, scratch + (((<usize>nOut) * (<usize>rows)) << 2));
  for (let j = 0; j < nOut; j++) {
    const bj = load<f32>(b + ((<usize>j) << 2));
    let s = zt + (((<usize>j) * (<usize>rows)) << 2);
    let d = z + ((<usize>j) << 2);
    const step = (<usize>nOut) << 2;
    for (let i = 0; i < rows; i++) {
      store<f32>(d, load<f32>(s) + bj);
      s += 4;
      d += step;
    }
  }
}

/**
 * gW = dz^T x, gb = column sums of dz, and dx = dz W unless dx is 0. dz is transposed first, so that
 * the rows of dz^T are read contiguously: reading its columns with a power-of-two stride thrashes L1.
 * scratch holds rows * nOut + 8 * max(rows, nIn, nOut) floats (dz^T or a transposed result, then one
 * packed strip), as denseScratchFloats in src/core/kernels/tensor-arena.ts says.
 */
export function denseBackward(rows: i32, nIn: i32, nOut: i32, x: usize, w: usize, dz: usize, gw: usize, gb: usize, dx: usize, scratch: usize): void {
  const after = scratch + (((<usize>rows) * (<usize>nOut)) << 2);
  if (nIn >= 4 || nOut < 4) {
    transpose(rows, nOut, dz, scratch);
    matmul(nOut, nIn, rows, scratch, rows, 1, x, nIn, 1, gw, nIn, 0, after);
  } else {
    // gW^T = x^T dz into scratch [nIn x nOut], then transposed into gW.
    matmul(nIn, nOut, rows, x, 1, nIn, dz, nOut, 1, scratch, nOut, 0, scratch + (((<usize>nIn) * (<usize>nOut)) << 2));
    transpose(nIn, nOut, scratch, gw);
  }
  colsum(rows, nOut, dz, gb);
  if (dx != 0) matmul(rows, nIn, nOut, dz, nOut, 1, w, nIn, 1, dx, nIn, 0, scratch);
}
export { bAdam, bCount, bGather, bGatherWithTargets, bMse, bPrelu, bPreluBackward, bScaleLanes, bShuffle, bSumSquares } from './batched';
export { bDenseBackward, bDenseForward } from './batched-dense';
