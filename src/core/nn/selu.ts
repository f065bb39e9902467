import type { Activation, ActivationSpec } from './activation';
import { exp, expm1 } from '../math/dmath';

/** SELU's constants (Klambauer et al. 2017), as torch.nn.SELU defines them. */
export const SELU_ALPHA = 1.6732632423543772;
/** SELU's output scale. */
export const SELU_SCALE = 1.0507009873554805;

/**
 * SELU: f(z) = scale z for z > 0, scale alpha (e^z - 1) otherwise; f'(z) = scale for z > 0 and
 * scale alpha e^z for z <= 0 (so scale * alpha at exactly 0, as in PyTorch).
 */
export class Selu implements Activation {
  readonly spec: ActivationSpec = { kind: 'selu' };
  readonly param = null;
  readonly grad = null;

  forward(z: Float32Array, a: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      a[i] = v > 0 ? SELU_SCALE * v : SELU_SCALE * SELU_ALPHA * expm1(v) + 0; // + 0: PyTorch gives +0 at z = -0
    }
  }

  backward(z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      dz[i] = v > 0 ? SELU_SCALE * da[i]! : da[i]! * SELU_SCALE * SELU_ALPHA * exp(v);
    }
  }

  negativeSlope(): number {
    return 0;
  }
}
