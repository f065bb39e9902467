import type { Activation, ActivationSpec } from './activation';
import { exp } from '../math/dmath';

/** Sigmoid: f(z) = 1 / (1 + e^-z); f'(z) = s (1 - s) with s = f(z), computed from the float32 output as PyTorch does. */
export class Sigmoid implements Activation {
  readonly spec: ActivationSpec = { kind: 'sigmoid' };
  readonly param = null;
  readonly grad = null;

  forward(z: Float32Array, a: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) a[i] = 1 / (1 + exp(-z[i]!));
  }

  backward(z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) {
      const s = Math.fround(1 / (1 + exp(-z[i]!)));
      dz[i] = da[i]! * s * (1 - s);
    }
  }

  negativeSlope(): number {
    return 0;
  }
}
