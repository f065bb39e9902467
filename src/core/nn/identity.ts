import type { Activation, ActivationSpec } from './activation';

/** Identity (a linear layer): f(z) = z; f'(z) = 1. */
export class Identity implements Activation {
  readonly spec: ActivationSpec = { kind: 'identity' };
  readonly param = null;
  readonly grad = null;

  forward(z: Float32Array, a: Float32Array, rows: number, width: number): void {
    a.set(z.subarray(0, rows * width));
  }

  backward(_z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void {
    dz.set(da.subarray(0, rows * width));
  }

  negativeSlope(): number {
    return 1;
  }
}
