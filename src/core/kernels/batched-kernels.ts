/**
 * Kernels of the batched path: R networks of one shape trained at once, laid out interleaved by network
 * (structure of arrays). Element p of a tensor of network i sits at p * lanes + i, where `lanes` is R
 * rounded up to a multiple of 4, so one f32x4 holds the same element of four networks and SIMD lane i
 * does network i's scalar arithmetic, in the single path's order. Every result is defined to the bit by
 * batched-reference.ts, which does per network exactly what reference-kernels.ts and src/core/nn/* do.
 */
export interface BatchedKernels {
  /**
   * z[r, j] = sum_k x[r, k] * W[j, k] + b[j] per network, for r < rows (Kernels.denseForward's order);
   * with `act`, also a = f(z) as relu(), leakyRelu() or prelu() computes it.
   */
  denseForward(x: Float32Array, w: Float32Array, b: Float32Array, z: Float32Array, lanes: number, rows: number, nIn: number, nOut: number, act?: FusedForward | null): void;
  /**
   * gW = dz^T x, gb = column sums of dz, and (unless dx is null) dx = dz W per network (Kernels.denseBackward's
   * order); with `act`, dx is then the layer below's dz, as reluBackward() or leakyReluBackward() computes it from dz W.
   */
  denseBackward(x: Float32Array, w: Float32Array, dz: Float32Array, gw: Float32Array, gb: Float32Array, dx: Float32Array | null, lanes: number, rows: number, nIn: number, nOut: number, act?: FusedBackward | null): void;
  /** Relu.forward over n floats (elementwise, so the layout does not matter). */
  relu(z: Float32Array, a: Float32Array, n: number): void;
  /** Relu.backward over n floats. */
  reluBackward(z: Float32Array, da: Float32Array, dz: Float32Array, n: number): void;
  /** LeakyRelu.forward over n floats; alpha is the float32 slope. */
  leakyRelu(z: Float32Array, a: Float32Array, n: number, alpha: number): void;
  /** LeakyRelu.backward over n floats. */
  leakyReluBackward(z: Float32Array, da: Float32Array, dz: Float32Array, n: number, alpha: number): void;
  /** Prelu.forward per network; alpha holds (shared ? 1 : width) slopes per network. */
  prelu(z: Float32Array, a: Float32Array, alpha: Float32Array, lanes: number, rows: number, width: number, shared: boolean): void;
  /** Prelu.backward per network, setting (not adding) the slope gradient galpha (same layout as alpha). */
  preluBackward(z: Float32Array, da: Float32Array, dz: Float32Array, alpha: Float32Array, galpha: Float32Array, lanes: number, rows: number, width: number, shared: boolean): void;
  /** meanSquaredErrorInto per network on one output: loss[i] (float64, target units squared) and dp = 2 (p - t) / rows. */
  mse(p: Float32Array, t: Float32Array, dp: Float32Array, loss: Float64Array, lanes: number, rows: number): void;
  /** out[i] = sum over the n elements of network i of g^2, in float64 in increasing order (gradNorm's per-tensor sum). */
  sumSquares(g: Float32Array, out: Float64Array, lanes: number, n: number): void;
  /** g[p, i] = fround(g[p, i] * coef[i]) over n elements per network (gradient clipping; coef 1 leaves g unchanged). */
  scaleLanes(g: Float32Array, coef: Float32Array, lanes: number, n: number): void;
  /** One Adam / AdamW step over n floats (elementwise: every network shares the hyperparameters and step). */
  adam(v: Float32Array, g: Float32Array, m: Float32Array, s: Float32Array, n: number, h: AdamStep): void;
  /**
   * Rng.shuffle of `order` (Fisher-Yates with Rng.int's unbiased draws) on xoshiro128** state words
   * (Rng.saveState()'s first four), which it advances: a run's batch order, as its Session shuffles it.
   */
  shuffle(order: Uint32Array, state: Uint32Array): void;
  /**
   * Per network, over `rows` rows of one hidden layer of `width` neurons (z and a interleaved): adds to
   * active[j * lanes + i] the rows with z > 0 and to zeros[i] the activations a exactly 0 (probe.ts's countNeurons).
   */
  count(z: Float32Array, a: Float32Array, active: Int32Array, zeros: Int32Array, lanes: number, rows: number, width: number): void;
  /** x[(r * dims + k) * lanes + i] = src[batch[r] * dims + k] for r < rows: one run's batch into network i's lane. */
  gather(batch: Uint32Array, rows: number, src: Float32Array, dims: number, x: Float32Array, lanes: number, i: number): void;
  /** gather() of the features (dims per row) and, in the same pass, of the targets (one per row) into t. */
  gatherWithTargets(batch: Uint32Array, rows: number, src: Float32Array, dims: number, x: Float32Array, srcT: Float32Array, t: Float32Array, lanes: number, i: number): void;
  /** Kernels.sgd over n floats (elementwise). */
  sgd(v: Float32Array, g: Float32Array, buf: Float32Array | null, n: number, lr: number, momentum: number, dampening: number, nesterov: boolean, wd: number, first: boolean): void;
}

/** A ReLU (alpha unused) or Leaky ReLU (alpha: the float32 slope) fused into a dense kernel. */
export interface FusedActivation {
  readonly kind: 'relu' | 'leaky_relu';
  readonly alpha: number;
}

/**
 * The activation a dense forward pass applies, and where a = f(z) goes: a ReLU or Leaky ReLU
 * (FusedActivation), or a PReLU with its slopes (interleaved, (shared ? 1 : nOut) per network).
 */
export type FusedForward = (FusedActivation & { readonly a: Float32Array }) | { readonly kind: 'prelu'; readonly a: Float32Array; readonly slopes: Float32Array; readonly shared: boolean };

/** The activation of the layer below a dense backward pass, and that layer's pre-activations z. */
export interface FusedBackward extends FusedActivation {
  readonly z: Float32Array;
}

/** Adam's numbers for one step of one tensor, as src/core/train/adam.ts computes them (float64). */
export interface AdamStep {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  /** Weight decay for this tensor (0 where it does not decay). */
  readonly wd: number;
  /** AdamW's decoupled decay (v *= shrink) instead of Adam's L2 term. */
  readonly decoupled: boolean;
  /** lr / (1 - beta1^t). */
  readonly stepSize: number;
  /** sqrt(1 - beta2^t). */
  readonly bc2Sqrt: number;
  /** fround(1 - lr * wd). */
  readonly shrink: number;
}

/** Where a batched network's tensors live, with the kernels that compute on them. */
export interface BatchedArena {
  readonly kind: 'wasm' | 'reference';
  readonly kernels: BatchedKernels;
  /** A fresh zero-filled float32 tensor of `length` floats. */
  alloc(length: number): Float32Array<ArrayBuffer>;
  /** A fresh zero-filled float64 tensor of `length` values. */
  alloc64(length: number): Float64Array<ArrayBuffer>;
  /** A fresh zero-filled array of `length` unsigned 32-bit integers. */
  allocU32(length: number): Uint32Array<ArrayBuffer>;
  /** A fresh zero-filled array of `length` signed 32-bit integers. */
  allocI32(length: number): Int32Array<ArrayBuffer>;
}

/** Networks rounded up to whole f32x4 vectors: the `lanes` of the layout. */
export function batchLanes(networks: number): number {
  return Math.ceil(networks / 4) * 4;
}
