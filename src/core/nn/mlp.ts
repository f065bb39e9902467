import type { Activation, ActivationSpec } from './activation';
import { Dense } from './dense';
import { makeActivation } from './make-activation';

/** Shape of a multilayer perceptron: input width, hidden widths, number of outputs (classes). */
export interface MlpShape {
  readonly inputs: number;
  readonly hidden: readonly number[];
  readonly outputs: number;
}

/** A trainable tensor as the optimizer sees it: values, gradient, and whether weight decay applies. */
export interface Param {
  readonly value: Float32Array<ArrayBuffer>;
  readonly grad: Float32Array<ArrayBuffer>;
  readonly decay: boolean;
}

/**
 * A multilayer perceptron: Dense -> activation for each hidden layer, then a Dense output layer (logits).
 * Holds its own scratch buffers sized for `capacity` rows, so forward/backward allocate nothing.
 */
export class Mlp {
  readonly layers: Dense[];
  /** One activation per hidden layer; replaced (not mutated) by a hot-swap. */
  readonly activations: Activation[];
  /** Pre-activations per layer (hidden layers and the output logits), [capacity x width]. */
  readonly z: Float32Array<ArrayBuffer>[];
  /** Activations per hidden layer, [capacity x width]. */
  readonly a: Float32Array<ArrayBuffer>[];
  private readonly dz: Float32Array<ArrayBuffer>[];
  private readonly da: Float32Array<ArrayBuffer>[];

  constructor(
    readonly shape: MlpShape,
    activation: ActivationSpec,
    readonly capacity: number,
    /** Seed of the random streams of stochastic activations (RReLU); layer l uses noiseSeed + l. */
    private readonly noiseSeed = 0,
  ) {
    const widths = [shape.inputs, ...shape.hidden, shape.outputs];
    this.layers = [];
    for (let l = 1; l < widths.length; l++) this.layers.push(new Dense(widths[l - 1]!, widths[l]!));
    this.activations = shape.hidden.map((w, l) => makeActivation(activation, w, noiseSeed + l));
    this.z = this.layers.map((d) => new Float32Array(capacity * d.outputs));
    this.dz = this.layers.map((d) => new Float32Array(capacity * d.outputs));
    this.a = shape.hidden.map((w) => new Float32Array(capacity * w));
    this.da = shape.hidden.map((w) => new Float32Array(capacity * w));
  }

  /** Widths of the hidden layers. */
  get hiddenWidths(): readonly number[] {
    return this.shape.hidden;
  }

  /**
   * Runs `rows` (<= capacity) rows of x through the network; returns the logits buffer (row-major).
   * training: true for a training step (stochastic activations draw noise), false for evaluation.
   */
  forward(x: Float32Array, rows: number, training = false): Float32Array {
    let input: Float32Array = x;
    const last = this.layers.length - 1;
    for (let l = 0; l < last; l++) {
      const width = this.layers[l]!.outputs;
      this.layers[l]!.forward(input, this.z[l]!, rows);
      this.activations[l]!.forward(this.z[l]!, this.a[l]!, rows, width, training);
      input = this.a[l]!;
    }
    this.layers[last]!.forward(input, this.z[last]!, rows);
    return this.z[last]!;
  }

  /**
   * Back-propagates dLoss/dlogits through the activations of the last forward call. Overwrites every
   * layer's weight and bias gradient and sets (not adds) the activation parameter gradients.
   */
  backward(x: Float32Array, dlogits: Float32Array, rows: number): void {
    const last = this.layers.length - 1;
    let upstream: Float32Array = dlogits;
    for (let l = last; l >= 0; l--) {
      const input = l === 0 ? x : this.a[l - 1]!;
      const dInput = l === 0 ? null : this.da[l - 1]!;
      this.layers[l]!.backward(input, upstream, dInput, rows);
      if (l === 0) break;
      const act = this.activations[l - 1]!;
      if (act.grad !== null) act.grad.fill(0);
      act.backward(this.z[l - 1]!, this.da[l - 1]!, this.dz[l - 1]!, rows, this.layers[l - 1]!.outputs);
      upstream = this.dz[l - 1]!;
    }
  }

  /** Every trainable tensor, in a fixed order: per layer W then b, then each PReLU slope vector. */
  params(): Param[] {
    const out: Param[] = [];
    for (const d of this.layers) {
      out.push({ value: d.weight, grad: d.weightGrad, decay: true });
      out.push({ value: d.bias, grad: d.biasGrad, decay: true });
    }
    for (const act of this.activations) {
      // PReLU slopes get no weight decay by default: decaying alpha pushes PReLU back towards ReLU.
      if (act.param !== null && act.grad !== null) out.push({ value: act.param, grad: act.grad, decay: false });
    }
    return out;
  }

  /** Replaces hidden layer l's activation, keeping all weights (a hot-swap). */
  setActivation(l: number, spec: ActivationSpec): void {
    this.activations[l] = makeActivation(spec, this.layers[l]!.outputs, this.noiseSeed + l);
  }
}
