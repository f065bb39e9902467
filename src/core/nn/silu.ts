import type { Activation, ActivationSpec } from './activation';
import { exp } from '../math/dmath';

/** SiLU (swish): f(z) = z sigmoid(z); f'(z) = s (1 + z (1 - s)) with s = sigmoid(z). */
export class Silu implements Activation {
  readonly spec: ActivationSpec = { kind: 'silu' };
  readonly param = null;
  readonly grad = null;

  forward(z: Float32Array, a: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      a[i] = v / (1 + exp(-v));
    }
  }

  backward(z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      const s = 1 / (1 + exp(-v));
      dz[i] = da[i]! * s * (1 + v * (1 - s));
    }
  }

  negativeSlope(): number {
    return 0;
  }
}
