import { referenceArena } from '../kernels/reference-kernels';
import type { Kernels } from '../kernels/kernels';
import { arenaSlot, type TensorArena } from '../kernels/tensor-arena';

/**
 * A fully connected layer, z = x W^T + b, with W stored row-major as [outputs x inputs] exactly like
 * PyTorch's nn.Linear.weight. Its tensors live in an arena (WebAssembly memory for the engine, plain
 * arrays by default); buffers are owned by the caller so that a training step allocates nothing. Sums
 * are float32, in increasing index order (see src/core/kernels/reference-kernels.ts).
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
  private readonly kernels: Kernels;

  /** arena: where the tensors live; x, z, dz and dx passed to forward/backward must satisfy arena.owns. */
  constructor(
    readonly inputs: number,
    readonly outputs: number,
    arena: TensorArena = referenceArena({ tensors: 0, scratch: 0 }),
  ) {
    this.weight = arena.alloc(inputs * outputs);
    this.bias = arena.alloc(outputs);
    this.weightGrad = arena.alloc(inputs * outputs);
    this.biasGrad = arena.alloc(outputs);
    this.kernels = arena.kernels;
  }

  /** Floats a layer of this shape takes from its arena. */
  static arenaFloats(inputs: number, outputs: number): number {
    return 2 * arenaSlot(inputs * outputs) + 2 * arenaSlot(outputs);
  }

  /** z[r, j] = b[j] + sum_k x[r, k] * W[j, k] for the first `rows` rows. */
  forward(x: Float32Array, z: Float32Array, rows: number): void {
    this.kernels.denseForward(x, this.weight, this.bias, z, rows, this.inputs, this.outputs);
  }

  /**
   * Given dz = dLoss/dz, sets weightGrad = dz^T x and biasGrad = column sums of dz, and, when dx is
   * given, dx = dz W (the gradient for the layer below; the first layer skips it).
   */
  backward(x: Float32Array, dz: Float32Array, dx: Float32Array | null, rows: number): void {
    this.kernels.denseBackward(x, this.weight, dz, this.weightGrad, this.biasGrad, dx, rows, this.inputs, this.outputs);
  }
}
