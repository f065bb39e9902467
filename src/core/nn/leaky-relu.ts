import type { Activation, ActivationSpec } from './activation';

/**
 * Leaky ReLU: f(z) = z for z > 0, alpha*z otherwise; f'(z) = 1 for z > 0, alpha for z <= 0
 * (PyTorch's leaky_relu_backward uses alpha at exactly 0).
 */
export class LeakyRelu implements Activation {
  readonly spec: ActivationSpec;
  readonly param = null;
  readonly grad = null;
  /** The stored slope, rounded to float32 as PyTorch's float32 kernels see it. */
  private readonly alpha: number;

  constructor(alpha: number) {
    this.spec = { kind: 'leaky_relu', alpha };
    this.alpha = Math.fround(alpha);
  }

  forward(z: Float32Array, a: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    const alpha = this.alpha;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      a[i] = v > 0 ? v : alpha * v;
    }
  }

  backward(z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    const alpha = this.alpha;
    for (let i = 0; i < n; i++) dz[i] = z[i]! > 0 ? da[i]! : alpha * da[i]!;
  }

  negativeSlope(): number {
    return this.alpha;
  }
}
