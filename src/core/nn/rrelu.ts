import { Rng } from '../math/rng';
import type { Activation, ActivationSpec } from './activation';

/**
 * RReLU (Xu et al. 2015), as torch.nn.RReLU. Training: each z <= 0 (NaN is not) is multiplied by a
 * slope drawn from U(lower, upper) (kept for backward, so the gradient there is that slope); z > 0 passes
 * through. Evaluation: a leaky ReLU with the mean slope (lower + upper) / 2, and so is its gradient,
 * as torch's rrelu_with_noise_backward: the mean slope wherever z > 0 is false (z = 0, -0 and NaN too).
 */
export class Rrelu implements Activation {
  readonly spec: ActivationSpec;
  readonly param = null;
  readonly grad = null;
  /** Slopes drawn in the last training forward, one per element (reused buffer). */
  private noise: Float32Array<ArrayBuffer> = new Float32Array(0);
  /** Whether the last forward was in training mode (backward then uses its slopes, else the mean). */
  private trained = false;
  private readonly mean: number;
  /** The stream training slopes are drawn from (a state checkpoint saves its position). */
  readonly random: Rng;

  /** seed: the stream from which training slopes are drawn (same seed, same slopes). */
  constructor(
    private readonly lower: number,
    private readonly upper: number,
    seed: number,
  ) {
    this.spec = { kind: 'rrelu', lower, upper };
    this.mean = Math.fround((lower + upper) / 2);
    this.random = new Rng(seed);
  }

  forward(z: Float32Array, a: Float32Array, rows: number, width: number, training: boolean): void {
    const n = rows * width;
    this.trained = training;
    if (!training) {
      for (let i = 0; i < n; i++) {
        const v = z[i]!;
        a[i] = v > 0 ? v : this.mean * v;
      }
      return;
    }
    if (this.noise.length < n) this.noise = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      const r = v <= 0 ? Math.fround(this.random.range(this.lower, this.upper)) : 1;
      this.noise[i] = r;
      a[i] = v * r;
    }
  }

  /** After a training forward, the slopes it drew; after an evaluation forward, the mean slope for z <= 0. */
  backward(z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void {
    const n = rows * width;
    if (this.trained) {
      rreluBackward(da, this.noise, dz, n);
      return;
    }
    const mean = this.mean;
    for (let i = 0; i < n; i++) dz[i] = z[i]! > 0 ? da[i]! : mean * da[i]!;
  }

  negativeSlope(): number {
    return this.mean;
  }
}

/** Training-mode RReLU gradient given the forward's slopes: dz[i] = da[i] * slopes[i] for the first n. */
export function rreluBackward(da: Float32Array, slopes: Float32Array, dz: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) dz[i] = da[i]! * slopes[i]!;
}
