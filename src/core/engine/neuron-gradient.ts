import type { Mlp } from '../nn/mlp';
import type { NeuronGradient } from '../protocol/messages';

/**
 * Measures the backward pass through one hidden neuron right after a training step, from the buffers
 * the step left in its Mlp (z, dLoss/da, dLoss/dz). It only reads them, and restores the one thing its
 * slope computation touches (a learned activation's parameter gradient), so training keeps its bits.
 * Its scratch buffers grow once and are reused: a step allocates nothing.
 */
export class NeuronGradientProbe {
  private ones = new Float32Array(0);
  private slopes = new Float32Array(0);
  private savedGrad = new Float32Array(0);
  /** The last measurement's sums (see `measured`), kept in one array so that a step allocates nothing; step < 0: none yet. */
  private readonly sums = new Float64Array(10).fill(-1);

  constructor(
    /** Hidden layer of the neuron (0 is the first). */
    readonly layer: number,
    /** Its position in that layer. */
    readonly index: number,
  ) {}

  /** The newest measurement, or null before the first step since the neuron was chosen. */
  get measured(): NeuronGradient | null {
    const s = this.sums;
    const rows = s[1]!;
    if (s[0]! < 0) return null;
    return {
      step: s[0]!,
      rows,
      upstream: s[2]!,
      upstreamAbs: s[3]!,
      slope: rows > 0 ? s[4]! / rows : Number.NaN,
      gradient: s[5]!,
      gradientAbs: s[6]!,
      belowAbs: s[7]!,
      reluDropped: s[3]! > 0 ? s[8]! / s[3]! : Number.NaN,
      rowsBelow: s[9]!,
    };
  }

  /** Reads the step just taken by `mlp` on `rows` batch rows; `step` is the lane's step count after it. */
  capture(mlp: Mlp, rows: number, step: number): void {
    const l = this.layer;
    const j = this.index;
    const width = mlp.shape.hidden[l]!;
    const z = mlp.z[l]!;
    const da = mlp.upstreamGrad(l);
    const dz = mlp.preActivationGrad(l);
    const slopes = this.slopesOf(mlp, z, rows, width);
    let upstream = 0;
    let upstreamAbs = 0;
    let slope = 0;
    let gradient = 0;
    let gradientAbs = 0;
    let belowAbs = 0;
    let droppedAbs = 0;
    let rowsBelow = 0;
    for (let r = 0; r < rows; r++) {
      const i = r * width + j;
      const up = da[i]!;
      const g = dz[i]!;
      upstream += up;
      upstreamAbs += Math.abs(up);
      slope += slopes[i]!;
      gradient += g;
      gradientAbs += Math.abs(g);
      // z <= 0: where ReLU's slope is 0 (PyTorch's choice at exactly 0 too).
      if (!(z[i]! > 0)) {
        rowsBelow++;
        droppedAbs += Math.abs(up);
        belowAbs += Math.abs(g);
      }
    }
    const s = this.sums;
    s[0] = step;
    s[1] = rows;
    s[2] = upstream;
    s[3] = upstreamAbs;
    s[4] = slope;
    s[5] = gradient;
    s[6] = gradientAbs;
    s[7] = belowAbs;
    s[8] = droppedAbs;
    s[9] = rowsBelow;
  }

  /**
   * f'(z) for the layer's first n entries, by its activation's own backward with da = 1 (RReLU: the
   * slopes it drew in this step's forward; PReLU: each neuron's learned alpha). PReLU's backward adds
   * into its parameter gradient, which is put back as it was.
   */
  private slopesOf(mlp: Mlp, z: Float32Array, rows: number, width: number): Float32Array {
    const n = rows * width;
    if (this.ones.length < n) {
      this.ones = new Float32Array(n).fill(1);
      this.slopes = new Float32Array(n);
    }
    const act = mlp.activations[this.layer]!;
    const grad = act.grad;
    if (grad !== null) {
      if (this.savedGrad.length !== grad.length) this.savedGrad = new Float32Array(grad.length);
      this.savedGrad.set(grad);
    }
    act.backward(z, this.ones, this.slopes, rows, width);
    if (grad !== null) grad.set(this.savedGrad);
    return this.slopes;
  }
}
