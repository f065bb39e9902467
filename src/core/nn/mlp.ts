import { defaultArena } from '../kernels/default-arena';
import { StateRoom } from '../kernels/state-room';
import { type ArenaFactory, type ArenaSize, arenaSlot, denseScratchFloats, type TensorArena } from '../kernels/tensor-arena';
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
  /** Room for optimizer state beside value in its arena (tensors of the network's layers only). */
  readonly room?: StateRoom;
}

/**
 * A multilayer perceptron: Dense -> activation for each hidden layer, then a Dense output layer (logits).
 * Holds its own scratch buffers sized for `capacity` rows, so forward/backward allocate nothing. All its
 * tensors (weights, gradients, pre-activations, activations) live in one arena, by default WebAssembly
 * memory computed on by the SIMD kernels.
 */
export class Mlp {
  readonly layers: Dense[];
  /** One activation per hidden layer; replaced (not mutated) by a hot-swap. */
  readonly activations: Activation[];
  /** Pre-activations per layer (hidden layers and the output logits), [capacity x width]. */
  readonly z: Float32Array<ArrayBuffer>[];
  /** Activations per hidden layer, [capacity x width]. */
  readonly a: Float32Array<ArrayBuffer>[];
  /** dLoss/dz per layer; the output layer's holds a copy of dlogits when the caller's is not in the arena. */
  private readonly dz: Float32Array<ArrayBuffer>[];
  private readonly da: Float32Array<ArrayBuffer>[];
  /** The input rows, copied here when the caller's array is not in the arena. */
  private readonly input: Float32Array<ArrayBuffer>;
  /** Per layer, the optimizer-state rooms of W and of b. */
  private readonly rooms: { readonly weight: StateRoom; readonly bias: StateRoom }[];
  private readonly arena: TensorArena;

  constructor(
    readonly shape: MlpShape,
    activation: ActivationSpec,
    readonly capacity: number,
    /** Seed of the random streams of stochastic activations (RReLU); layer l uses noiseSeed + l. */
    private readonly noiseSeed = 0,
    /** Where the tensors live and which kernels compute; referenceArena selects plain TypeScript. */
    arenaFactory: ArenaFactory = defaultArena,
  ) {
    const widths = [shape.inputs, ...shape.hidden, shape.outputs];
    this.arena = arenaFactory(mlpArenaSize(widths, capacity));
    this.layers = [];
    for (let l = 1; l < widths.length; l++) this.layers.push(new Dense(widths[l - 1]!, widths[l]!, this.arena));
    this.activations = shape.hidden.map((w, l) => makeActivation(activation, w, noiseSeed + l));
    this.z = this.layers.map((d) => this.arena.alloc(capacity * d.outputs));
    this.dz = this.layers.map((d) => this.arena.alloc(capacity * d.outputs));
    this.a = shape.hidden.map((w) => this.arena.alloc(capacity * w));
    this.da = shape.hidden.map((w) => this.arena.alloc(capacity * w));
    this.input = this.arena.alloc(capacity * shape.inputs);
    const k = this.arena.kernels;
    this.rooms = this.layers.map((d) => ({ weight: new StateRoom(this.arena.alloc(d.weight.length), k), bias: new StateRoom(this.arena.alloc(d.bias.length), k) }));
  }

  /**
   * Which kernels train this network: 'wasm' (WebAssembly SIMD) or 'reference' (plain TypeScript, where
   * the host refused WebAssembly, e.g. under a Content-Security-Policy without 'wasm-unsafe-eval').
   * Both give the same bits; only the speed differs.
   */
  get backend(): 'wasm' | 'reference' {
    return this.arena.kind;
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
    if (rows > this.capacity) throw new Error(`${rows} rows exceed the network's capacity of ${this.capacity}`);
    let input = this.inArena(x, this.input, rows * this.shape.inputs);
    const last = this.layers.length - 1;
    for (let l = 0; l < last; l++) {
      const width = this.layers[l]!.outputs;
      this.layers[l]!.forward(input, this.z[l]!, rows);
      this.activate(l, rows, width, training);
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
    if (rows > this.capacity) throw new Error(`${rows} rows exceed the network's capacity of ${this.capacity}`);
    const last = this.layers.length - 1;
    const x0 = this.inArena(x, this.input, rows * this.shape.inputs);
    let upstream = this.inArena(dlogits, this.dz[last]!, rows * this.shape.outputs);
    for (let l = last; l >= 0; l--) {
      const input = l === 0 ? x0 : this.a[l - 1]!;
      const dInput = l === 0 ? null : this.da[l - 1]!;
      this.layers[l]!.backward(input, upstream, dInput, rows);
      if (l === 0) break;
      this.deactivate(l - 1, rows, this.layers[l - 1]!.outputs);
      upstream = this.dz[l - 1]!;
    }
  }

  /**
   * Hidden layer l's dLoss/da as the last backward left it ([capacity x width], row-major: what the layer
   * above sent down). A view: the next backward overwrites it. With z[l], which the next forward (a
   * probe's too) overwrites, it is read right after a training step.
   */
  upstreamGrad(l: number): Float32Array<ArrayBuffer> {
    return this.da[l]!;
  }

  /** Hidden layer l's dLoss/dz = dLoss/da * f'(z) as the last backward left it (a view, like upstreamGrad). */
  preActivationGrad(l: number): Float32Array<ArrayBuffer> {
    return this.dz[l]!;
  }

  /** Every trainable tensor, in a fixed order: per layer W then b, then each PReLU slope vector. */
  params(): Param[] {
    const out: Param[] = [];
    this.layers.forEach((d, l) => {
      out.push({ value: d.weight, grad: d.weightGrad, decay: true, room: this.rooms[l]!.weight });
      out.push({ value: d.bias, grad: d.biasGrad, decay: true, room: this.rooms[l]!.bias });
    });
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

  /** a = f(z) for hidden layer l: the kernels' fast path for ReLU and Leaky ReLU (same bits), else the Activation's own code. */
  private activate(l: number, rows: number, width: number, training: boolean): void {
    const act = this.activations[l]!;
    const spec = act.spec;
    const k = this.arena.kernels;
    if (spec.kind === 'relu' && k.relu !== undefined) k.relu(this.z[l]!, this.a[l]!, rows * width);
    else if (spec.kind === 'leaky_relu' && k.leakyRelu !== undefined) k.leakyRelu(this.z[l]!, this.a[l]!, rows * width, Math.fround(spec.alpha));
    else act.forward(this.z[l]!, this.a[l]!, rows, width, training);
  }

  /** dz = da * f'(z) for hidden layer l (and the activation's parameter gradient, zeroed first). */
  private deactivate(l: number, rows: number, width: number): void {
    const act = this.activations[l]!;
    const spec = act.spec;
    const k = this.arena.kernels;
    if (spec.kind === 'relu' && k.reluBackward !== undefined) k.reluBackward(this.z[l]!, this.da[l]!, this.dz[l]!, rows * width);
    else if (spec.kind === 'leaky_relu' && k.leakyReluBackward !== undefined) k.leakyReluBackward(this.z[l]!, this.da[l]!, this.dz[l]!, rows * width, Math.fround(spec.alpha));
    else {
      if (act.grad !== null) act.grad.fill(0);
      act.backward(this.z[l]!, this.da[l]!, this.dz[l]!, rows, width);
    }
  }

  /** src itself when the kernels can read it in place, else its first n floats copied into dst. */
  private inArena(src: Float32Array, dst: Float32Array<ArrayBuffer>, n: number): Float32Array {
    if (this.arena.owns(src)) return src;
    if (src.length <= dst.length) dst.set(src);
    else for (let i = 0; i < n; i++) dst[i] = src[i]!;
    return dst;
  }
}

/** What a network of these layer widths needs from its arena for `capacity` rows (see the constructor). */
function mlpArenaSize(widths: readonly number[], capacity: number): ArenaSize {
  let tensors = arenaSlot(capacity * widths[0]!);
  let scratch = 0;
  for (let l = 1; l < widths.length; l++) {
    const nIn = widths[l - 1]!;
    const nOut = widths[l]!;
    // The layer, its state rooms (one buffer each for W and b), z and dz, and a and da if hidden.
    tensors += Dense.arenaFloats(nIn, nOut) + arenaSlot(nIn * nOut) + arenaSlot(nOut) + (l < widths.length - 1 ? 4 : 2) * arenaSlot(capacity * nOut);
    scratch = Math.max(scratch, denseScratchFloats(capacity, nIn, nOut));
  }
  return { tensors, scratch };
}
