/**
 * The numeric kernels of a training step. Each result is defined to the bit by the plain TypeScript in
 * reference-kernels.ts: sums are float32, one float32-rounded product at a time in increasing index order
 * (no fused multiply-add), so the WebAssembly SIMD kernels give the same bits on every host.
 */
export interface Kernels {
  /** z[r, j] = sum_k x[r, k] * W[j, k] + b[j] for r < rows; W is [nOut x nIn] row-major (nn.Linear). */
  denseForward(x: Float32Array, w: Float32Array, b: Float32Array, z: Float32Array, rows: number, nIn: number, nOut: number): void;
  /**
   * gW[j, k] = sum_r dz[r, j] * x[r, k]; gb[j] = sum_r dz[r, j]; and, unless dx is null,
   * dx[r, k] = sum_j dz[r, j] * W[j, k]. Sums run over r < rows (respectively j < nOut) in increasing order.
   */
  denseBackward(
    x: Float32Array,
    w: Float32Array,
    dz: Float32Array,
    gw: Float32Array,
    gb: Float32Array,
    dx: Float32Array | null,
    rows: number,
    nIn: number,
    nOut: number,
  ): void;
  /**
   * One torch.optim.SGD update of v from its gradient g, in place: d = g + wd v; with a momentum buffer,
   * buf = d on the first step, else momentum buf + (1 - dampening) d, and d = buf (Nesterov: d + momentum
   * buf); then v -= lr d. Every product and sum is rounded to float32, hyperparameters staying float64.
   */
  sgd(v: Float32Array, g: Float32Array, buf: Float32Array | null, lr: number, momentum: number, dampening: number, nesterov: boolean, wd: number, first: boolean): void;
  /** Fast path of Relu.forward over n entries (absent: run the Activation itself, which gives the same bits). */
  readonly relu?: (z: Float32Array, a: Float32Array, n: number) => void;
  /** Fast path of Relu.backward over n entries. */
  readonly reluBackward?: (z: Float32Array, da: Float32Array, dz: Float32Array, n: number) => void;
  /** Fast path of LeakyRelu.forward over n entries; alpha is the float32 slope. */
  readonly leakyRelu?: (z: Float32Array, a: Float32Array, n: number, alpha: number) => void;
  /** Fast path of LeakyRelu.backward over n entries. */
  readonly leakyReluBackward?: (z: Float32Array, da: Float32Array, dz: Float32Array, n: number, alpha: number) => void;
}
