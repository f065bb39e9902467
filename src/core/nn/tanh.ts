import type { Activation, ActivationSpec } from './activation';
import { tanh } from '../math/dmath';

/** Tanh: f(z) = tanh z; f'(z) = 1 - tanh^2 z (PyTorch computes it from the output, as here). */
export class Tanh implements Activation {
  readonly spec: ActivationSpec = { kind: 'tanh' };
  readonly param = null;
  readonly grad = null;

  forward(z: Float32Array, a: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) a[i] = tanh(z[i]!);
  }

  backward(z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) {
      const t = Math.fround(tanh(z[i]!));
      dz[i] = da[i]! * (1 - t * t);
    }
  }

  negativeSlope(): number {
    return 0;
  }
}
