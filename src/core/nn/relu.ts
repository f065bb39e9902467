import type { Activation, ActivationSpec } from './activation';

/**
 * ReLU: f(z) = max(0, z); f'(z) = 1 for z > 0 and 0 for z <= 0 (PyTorch's choice at exactly 0). Like
 * torch.relu, -0 stays -0 and NaN stays NaN, so a diverging lane is seen rather than silently zeroed.
 */
export class Relu implements Activation {
  readonly spec: ActivationSpec = { kind: 'relu' };
  readonly param = null;
  readonly grad = null;

  forward(z: Float32Array, a: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      a[i] = v < 0 ? 0 : v;
    }
  }

  backward(z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) dz[i] = z[i]! <= 0 ? 0 : da[i]!;
  }

  negativeSlope(): number {
    return 0;
  }
}
