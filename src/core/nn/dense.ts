/**
 * A fully connected layer, z = x W^T + b, with W stored row-major as [outputs x inputs] exactly like
 * PyTorch's nn.Linear.weight. Buffers are owned by the caller so that a training step allocates nothing.
 */
export class Dense {
  /** Weights, [outputs x inputs] row-major. */
  readonly weight: Float32Array<ArrayBuffer>;
  /** Biases, [outputs]. */
  readonly bias: Float32Array<ArrayBuffer>;
  /** dLoss/dW, same layout as weight; backward overwrites it. */
  readonly weightGrad: Float32Array<ArrayBuffer>;
  /** dLoss/db; backward overwrites it. */
  readonly biasGrad: Float32Array<ArrayBuffer>;

  constructor(
    readonly inputs: number,
    readonly outputs: number,
  ) {
    this.weight = new Float32Array(inputs * outputs);
    this.bias = new Float32Array(outputs);
    this.weightGrad = new Float32Array(inputs * outputs);
    this.biasGrad = new Float32Array(outputs);
  }

  /** z[r, j] = b[j] + sum_k x[r, k] * W[j, k] for the first `rows` rows. */
  forward(x: Float32Array, z: Float32Array, rows: number): void {
    const nIn = this.inputs;
    const nOut = this.outputs;
    const w = this.weight;
    const b = this.bias;
    for (let r = 0; r < rows; r++) {
      const xo = r * nIn;
      const zo = r * nOut;
      for (let j = 0; j < nOut; j++) {
        const wo = j * nIn;
        let s = b[j]!;
        for (let k = 0; k < nIn; k++) s += x[xo + k]! * w[wo + k]!;
        z[zo + j] = s;
      }
    }
  }

  /**
   * Given dz = dLoss/dz, sets weightGrad = dz^T x and biasGrad = column sums of dz, and, when dx is
   * given, dx = dz W (the gradient for the layer below; the first layer skips it).
   */
  backward(x: Float32Array, dz: Float32Array, dx: Float32Array | null, rows: number): void {
    const nIn = this.inputs;
    const nOut = this.outputs;
    const w = this.weight;
    const gw = this.weightGrad;
    const gb = this.biasGrad;
    for (let j = 0; j < nOut; j++) {
      const wo = j * nIn;
      let sb = 0;
      for (let r = 0; r < rows; r++) sb += dz[r * nOut + j]!;
      gb[j] = sb;
      for (let k = 0; k < nIn; k++) {
        let s = 0;
        for (let r = 0; r < rows; r++) s += dz[r * nOut + j]! * x[r * nIn + k]!;
        gw[wo + k] = s;
      }
    }
    if (dx === null) return;
    for (let r = 0; r < rows; r++) {
      const xo = r * nIn;
      const zo = r * nOut;
      for (let k = 0; k < nIn; k++) {
        let s = 0;
        for (let j = 0; j < nOut; j++) s += dz[zo + j]! * w[j * nIn + k]!;
        dx[xo + k] = s;
      }
    }
  }
}
