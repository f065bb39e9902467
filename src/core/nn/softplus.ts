import type { Activation, ActivationSpec } from './activation';
import { exp, log1p } from '../math/dmath';

/**
 * Softplus as torch.nn.Softplus: f(z) = log(1 + e^(beta z)) / beta, and f(z) = z where beta z > threshold
 * (for numerical stability); f'(z) = sigmoid(beta z), and 1 above the threshold.
 */
export class Softplus implements Activation {
  readonly spec: ActivationSpec;
  readonly param = null;
  readonly grad = null;

  constructor(
    private readonly beta: number,
    private readonly threshold: number,
  ) {
    this.spec = { kind: 'softplus', beta, threshold };
  }

  forward(z: Float32Array, a: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) {
      const bz = z[i]! * this.beta;
      a[i] = bz > this.threshold ? z[i]! : log1p(exp(bz)) / this.beta;
    }
  }

  backward(z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) {
      const bz = z[i]! * this.beta;
      const e = exp(bz);
      dz[i] = bz > this.threshold ? da[i]! : (da[i]! * e) / (e + 1);
    }
  }

  negativeSlope(): number {
    return 0;
  }
}
