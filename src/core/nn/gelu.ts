import { erf } from '../math/erf';
import type { Activation, ActivationSpec } from './activation';
import { exp, tanh } from '../math/dmath';

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const BETA = Math.sqrt(2 / Math.PI);
const KAPPA = 0.044715;

/**
 * GELU (Hendrycks and Gimpel 2016), in PyTorch's two forms.
 * Exact: f(z) = z Phi(z), f'(z) = Phi(z) + z phi(z), with Phi the standard normal CDF.
 * Tanh: f(z) = z/2 (1 + tanh(u)), u = sqrt(2/pi) (z + 0.044715 z^3);
 * f'(z) = (1 + tanh u)/2 + z/2 (1 - tanh^2 u) sqrt(2/pi) (1 + 3 * 0.044715 z^2).
 */
export class Gelu implements Activation {
  readonly spec: ActivationSpec;
  readonly param = null;
  readonly grad = null;

  constructor(private readonly approximate: 'none' | 'tanh') {
    this.spec = { kind: 'gelu', approximate };
  }

  forward(z: Float32Array, a: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    if (this.approximate === 'none') {
      for (let i = 0; i < n; i++) {
        const v = z[i]!;
        a[i] = v * 0.5 * (1 + erf(v * SQRT1_2));
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = z[i]!;
        a[i] = 0.5 * v * (1 + tanh(BETA * (v + KAPPA * v * v * v)));
      }
    }
  }

  backward(z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    if (this.approximate === 'none') {
      for (let i = 0; i < n; i++) {
        const v = z[i]!;
        const cdf = 0.5 * (1 + erf(v * SQRT1_2));
        const pdf = INV_SQRT_2PI * exp(-0.5 * v * v);
        dz[i] = da[i]! * (cdf + v * pdf);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = z[i]!;
        const t = tanh(BETA * (v + KAPPA * v * v * v));
        const d = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * BETA * (1 + 3 * KAPPA * v * v);
        dz[i] = da[i]! * d;
      }
    }
  }

  negativeSlope(): number {
    return 0;
  }
}
