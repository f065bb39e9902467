import type { Activation, ActivationSpec } from './activation';
import { exp, expm1 } from '../math/dmath';

/**
 * ELU: f(z) = z for z > 0, alpha (e^z - 1) otherwise; f'(z) = 1 for z > 0, alpha e^z for z <= 0
 * (PyTorch's elu_backward takes the exponential branch at exactly 0, giving alpha).
 */
export class Elu implements Activation {
  readonly spec: ActivationSpec;
  readonly param = null;
  readonly grad = null;
  private readonly alpha: number;

  constructor(alpha: number) {
    this.spec = { kind: 'elu', alpha };
    this.alpha = Math.fround(alpha);
  }

  forward(z: Float32Array, a: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      a[i] = v > 0 ? v : this.alpha * expm1(v) + 0; // + 0: PyTorch gives +0 at z = -0
    }
  }

  backward(z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      dz[i] = v > 0 ? da[i]! : da[i]! * this.alpha * exp(v);
    }
  }

  negativeSlope(): number {
    return 0;
  }
}
