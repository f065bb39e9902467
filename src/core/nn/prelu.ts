import type { Activation, ActivationSpec } from './activation';

/**
 * PReLU (He et al. 2015): f(z) = z for z > 0, alpha_j*z otherwise, with alpha learned (one per layer,
 * or one per neuron j). df/dz = 1 for z > 0 and alpha_j for z <= 0; df/dalpha_j = 0 for z > 0 and z
 * otherwise, as in PyTorch's prelu backward.
 */
export class Prelu implements Activation {
  readonly spec: ActivationSpec;
  readonly param: Float32Array<ArrayBuffer>;
  readonly grad: Float32Array<ArrayBuffer>;

  /** alpha: initial slope (PyTorch default 0.25); perNeuron: one slope per neuron instead of one shared. */
  constructor(width: number, alpha: number, perNeuron: boolean) {
    this.spec = { kind: 'prelu', alpha, perNeuron };
    this.param = new Float32Array(perNeuron ? width : 1).fill(alpha);
    this.grad = new Float32Array(this.param.length);
  }

  forward(z: Float32Array, a: Float32Array, rows: number, width: number): void {
    const p = this.param;
    const shared = p.length === 1;
    for (let r = 0; r < rows; r++) {
      const o = r * width;
      for (let j = 0; j < width; j++) {
        const v = z[o + j]!;
        a[o + j] = v > 0 ? v : (shared ? p[0]! : p[j]!) * v;
      }
    }
  }

  backward(z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void {
    const p = this.param;
    const g = this.grad;
    const shared = p.length === 1;
    for (let j = 0; j < width; j++) {
      const alpha = shared ? p[0]! : p[j]!;
      let ga = 0;
      for (let r = 0; r < rows; r++) {
        const i = r * width + j;
        const v = z[i]!;
        if (v > 0) {
          dz[i] = da[i]!;
        } else {
          dz[i] = alpha * da[i]!;
          ga += v * da[i]!;
        }
      }
      if (shared) g[0] = g[0]! + ga;
      else g[j] = g[j]! + ga;
    }
  }

  negativeSlope(j: number): number {
    return this.param.length === 1 ? this.param[0]! : this.param[j]!;
  }
}
