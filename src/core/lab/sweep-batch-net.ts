import { type AdamStep, type BatchedArena, type BatchedKernels, batchLanes, type FusedBackward, type FusedForward } from '../kernels/batched-kernels';
import { powInt } from '../math/dmath';
import type { ActivationSpec } from '../nn/activation';
import type { MlpShape } from '../nn/mlp';
import type { OptimizerSpec } from '../train/make-optimizer';

/** One trainable tensor of all networks, interleaved (see BatchedKernels), with its gradient and optimizer buffers. */
interface BatchedParam {
  /** Floats per network. */
  readonly size: number;
  readonly value: Float32Array<ArrayBuffer>;
  readonly grad: Float32Array<ArrayBuffer>;
  readonly decay: boolean;
  /** Adam's m and v, or SGD's momentum buffer (empty without momentum). */
  readonly state: Float32Array<ArrayBuffer>[];
}

/**
 * R multilayer perceptrons of one shape and activation in one arena, interleaved by network, trained
 * together with one optimizer spec: the batched twin of Mlp + Lane.train's arithmetic. Parameters are
 * in Mlp.params()'s order (per layer W then b, then each PReLU slope vector), so network i's tensors
 * copy to and from a Lane's one for one.
 */
export class BatchedMlp {
  /** Networks rounded up to a multiple of 4. */
  readonly lanes: number;
  /** Input rows of the current step, [rows x inputs] per network; fill with setInput. */
  readonly x: Float32Array<ArrayBuffer>;
  /** Regression targets of the current step, [rows] per network. */
  readonly t: Float32Array<ArrayBuffer>;
  /** Per network, the last step's loss (float64). */
  readonly loss: Float64Array<ArrayBuffer>;
  /** Every trainable tensor, in Mlp.params()'s order. */
  readonly params: BatchedParam[];
  private readonly k: BatchedKernels;
  private readonly widths: number[];
  /** Per layer: pre-activations and their gradient, [rows x width] per network. */
  private readonly z: Float32Array<ArrayBuffer>[];
  private readonly dz: Float32Array<ArrayBuffer>[];
  /** Per hidden layer: activations and their gradient. */
  private readonly a: Float32Array<ArrayBuffer>[];
  private readonly da: Float32Array<ArrayBuffer>[];
  /** Per hidden layer, its ReLU / Leaky ReLU as the dense kernels fuse it (empty for PReLU). */
  private readonly fusedForward: FusedForward[];
  private readonly fusedBackward: FusedBackward[];
  /** Per-network scratch: sums of squares (float64), clipping factors (float32). */
  private readonly squares: Float64Array<ArrayBuffer>;
  private readonly coef: Float32Array<ArrayBuffer>;
  /** Optimizer steps taken (every network takes each one: the diverged are zeroed, not skipped). */
  private t_ = 0;

  constructor(
    readonly shape: MlpShape,
    readonly networks: number,
    /** Rows of every step (the batch size). */
    readonly rows: number,
    private readonly activation: ActivationSpec,
    private readonly optimizer: OptimizerSpec,
    arena: BatchedArena,
  ) {
    if (activation.kind !== 'relu' && activation.kind !== 'leaky_relu' && activation.kind !== 'prelu') throw new Error(`the batched path has no ${activation.kind} activation`);
    if (optimizer.kind === 'rmsprop') throw new Error('the batched path has no RMSprop');
    const L = (this.lanes = batchLanes(networks));
    this.k = arena.kernels;
    this.widths = [shape.inputs, ...shape.hidden, shape.outputs];
    const nLayers = this.widths.length - 1;
    const states = optimizer.kind === 'sgd' ? (optimizer.momentum !== 0 ? 1 : 0) : 2;
    const param = (size: number, decay: boolean): BatchedParam => ({
      size,
      value: arena.alloc(size * L),
      grad: arena.alloc(size * L),
      decay,
      state: Array.from({ length: states }, () => arena.alloc(size * L)),
    });
    this.params = [];
    for (let l = 0; l < nLayers; l++) this.params.push(param(this.widths[l]! * this.widths[l + 1]!, true), param(this.widths[l + 1]!, true));
    if (activation.kind === 'prelu') for (const w of shape.hidden) this.params.push(param(activation.perNeuron ? w : 1, false));
    this.z = this.widths.slice(1).map((w) => arena.alloc(rows * w * L));
    this.dz = this.widths.slice(1).map((w) => arena.alloc(rows * w * L));
    this.a = shape.hidden.map((w) => arena.alloc(rows * w * L));
    this.da = shape.hidden.map((w) => arena.alloc(rows * w * L));
    this.x = arena.alloc(rows * shape.inputs * L);
    this.t = arena.alloc(rows * L);
    this.loss = arena.alloc64(L);
    this.squares = arena.alloc64(L);
    this.coef = arena.alloc(L);
    const fuse = activation.kind === 'prelu' ? null : { kind: activation.kind, alpha: activation.kind === 'leaky_relu' ? Math.fround(activation.alpha) : 0 };
    this.fusedForward = this.fusedFor(this.a);
    this.fusedBackward = fuse === null ? [] : this.z.slice(0, -1).map((z) => ({ ...fuse, z }));
  }

  /** Copies network i's tensors in (Mlp.params() values, in order). */
  load(i: number, values: readonly Float32Array[]): void {
    const L = this.lanes;
    this.params.forEach((p, n) => {
      const src = values[n]!;
      for (let e = 0; e < p.size; e++) p.value[e * L + i] = src[e]!;
    });
  }

  /** Copies network i's tensors out into `values` (Mlp.params() values, in order). */
  store(i: number, values: readonly Float32Array[]): void {
    const L = this.lanes;
    this.params.forEach((p, n) => {
      const dst = values[n]!;
      for (let e = 0; e < p.size; e++) dst[e] = p.value[e * L + i]!;
    });
  }

  /** Zeroes network i's tensors and optimizer state (a finished or diverged network then computes harmless zeros). */
  clear(i: number): void {
    const L = this.lanes;
    for (const p of this.params) {
      for (const buf of [p.value, ...p.state]) for (let e = 0; e < p.size; e++) buf[e * L + i] = 0;
    }
  }

  /** Forward pass of the step's rows in x; returns the logits [rows x outputs] per network. */
  forward(): Float32Array<ArrayBuffer> {
    return this.forwardInto(this.x, this.rows, this.z, this.a, this.fusedForward);
  }

  /**
   * Forward pass of `rows` rows of x (interleaved, [rows x inputs] per network) into z and a (per layer,
   * as this network's own buffers, holding at least `rows` rows); fused: fusedFor(a).
   * Returns the logits. The same arithmetic per row as forward(), whatever the number of rows.
   */
  forwardInto<T extends Float32Array>(x: Float32Array, rows: number, z: readonly T[], a: readonly Float32Array[], fused: readonly FusedForward[]): T {
    const k = this.k;
    const L = this.lanes;
    const last = this.widths.length - 2;
    let input = x;
    for (let l = 0; l <= last; l++) {
      const nIn = this.widths[l]!;
      const nOut = this.widths[l + 1]!;
      // The hidden activation is applied by the dense kernel itself (fused: one pass less over memory).
      k.denseForward(input, this.params[2 * l]!.value, this.params[2 * l + 1]!.value, z[l]!, L, rows, nIn, nOut, l < last ? fused[l]! : null);
      if (l === last) break;
      input = a[l]!;
    }
    return z[last]!;
  }

  /** The fused activations forwardInto takes for hidden activation buffers a (one per hidden layer). */
  fusedFor(a: readonly Float32Array[]): FusedForward[] {
    const act = this.activation;
    if (act.kind === 'prelu') return a.map((buf, l) => ({ kind: 'prelu', a: buf, slopes: this.slope(l).value, shared: !act.perNeuron }));
    if (act.kind !== 'relu' && act.kind !== 'leaky_relu') return [];
    const fuse = { kind: act.kind, alpha: act.kind === 'leaky_relu' ? Math.fround(act.alpha) : 0 };
    return a.map((buf) => ({ ...fuse, a: buf }));
  }

  /** The logits of the last forward pass, [rows x outputs] per network. */
  get forwardLogits(): Float32Array<ArrayBuffer> {
    return this.z[this.z.length - 1]!;
  }

  /** The gradient of the loss by the logits, [rows x outputs] per network: write it before backward. */
  get dlogits(): Float32Array<ArrayBuffer> {
    return this.dz[this.dz.length - 1]!;
  }

  /** Regression: per network the mean squared error of the logits against t into loss, and its gradient into dlogits. */
  mse(): void {
    this.k.mse(this.z[this.z.length - 1]!, this.t, this.dlogits, this.loss, this.lanes, this.rows);
  }

  /** Back-propagates dlogits, overwriting every gradient (Mlp.backward). */
  backward(): void {
    const k = this.k;
    const L = this.lanes;
    const last = this.widths.length - 2;
    for (let l = last; l >= 0; l--) {
      const nIn = this.widths[l]!;
      const nOut = this.widths[l + 1]!;
      const input = l === 0 ? this.x : this.a[l - 1]!;
      const act = this.activation;
      if (l === 0 || act.kind !== 'prelu') {
        // The layer below's ReLU / Leaky ReLU backward is fused: its dz comes straight out of the kernel.
        const fused = l === 0 ? null : this.fusedBackward[l - 1]!;
        k.denseBackward(input, this.params[2 * l]!.value, this.dz[l]!, this.params[2 * l]!.grad, this.params[2 * l + 1]!.grad, l === 0 ? null : this.dz[l - 1]!, L, this.rows, nIn, nOut, fused);
        continue;
      }
      const h = l - 1;
      k.denseBackward(input, this.params[2 * l]!.value, this.dz[l]!, this.params[2 * l]!.grad, this.params[2 * l + 1]!.grad, this.da[h]!, L, this.rows, nIn, nOut);
      const s = this.slope(h);
      k.preluBackward(this.z[h]!, this.da[h]!, this.dz[h]!, s.value, s.grad, L, this.rows, nIn, !act.perNeuron);
    }
  }

  /**
   * Per network, the 2-norm of all gradients as clip.ts's gradNorm computes it (float32, in float64
   * sums), written to out[i]; with maxNorm, then scales each network's gradients as clipGradNorm does.
   */
  gradNorms(out: Float64Array, maxNorm: number | null): void {
    const L = this.lanes;
    const total = out;
    total.fill(0, 0, L);
    for (const p of this.params) {
      this.k.sumSquares(p.grad, this.squares, L, p.size);
      for (let i = 0; i < L; i++) {
        const n = Math.fround(Math.sqrt(this.squares[i]!));
        total[i] = total[i]! + n * n;
      }
    }
    let clip = false;
    for (let i = 0; i < L; i++) {
      total[i] = Math.fround(Math.sqrt(total[i]!));
      if (maxNorm === null) continue;
      const c = Math.min(1, Math.fround(maxNorm / Math.fround(total[i]! + 1e-6)));
      this.coef[i] = c < 1 ? c : 1;
      if (c < 1) clip = true;
    }
    if (clip) for (const p of this.params) this.k.scaleLanes(p.grad, this.coef, L, p.size);
  }

  /** One optimizer update of every network at learning rate lr (the optimizer's rule, as Adam / Sgd apply it). */
  update(lr: number): void {
    const o = this.optimizer;
    const L = this.lanes;
    const first = this.t_ === 0;
    const t = ++this.t_;
    for (const p of this.params) {
      const n = p.size * L;
      if (o.kind === 'sgd') {
        this.k.sgd(p.value, p.grad, o.momentum !== 0 ? p.state[0]! : null, n, lr, o.momentum, o.dampening, o.nesterov, p.decay ? o.weightDecay : 0, first);
        continue;
      }
      if (o.kind === 'rmsprop') continue;
      const wd = p.decay ? o.weightDecay : 0;
      const h: AdamStep = {
        beta1: o.beta1,
        beta2: o.beta2,
        eps: o.eps,
        wd,
        decoupled: o.kind === 'adamw',
        stepSize: lr / (1 - powInt(o.beta1, t)),
        bc2Sqrt: Math.sqrt(1 - powInt(o.beta2, t)),
        shrink: Math.fround(1 - lr * wd),
      };
      this.k.adam(p.value, p.grad, p.state[0]!, p.state[1]!, n, h);
    }
  }

  /** Hidden layer l's PReLU slopes. */
  private slope(l: number): BatchedParam {
    return this.params[2 * (this.widths.length - 1) + l]!;
  }
}

/** Floats (float64 counting 2) a BatchedMlp of this shape takes from its arena, each tensor rounded up to 16 floats. */
export function batchedFloats(shape: MlpShape, networks: number, rows: number, activation: ActivationSpec, optimizer: OptimizerSpec): number {
  const L = batchLanes(networks);
  const slot = (n: number) => Math.ceil(n / 16) * 16;
  const widths = [shape.inputs, ...shape.hidden, shape.outputs];
  const states = optimizer.kind === 'sgd' ? (optimizer.momentum !== 0 ? 1 : 0) : 2;
  const sizes: number[] = [];
  for (let l = 1; l < widths.length; l++) sizes.push(widths[l - 1]! * widths[l]!, widths[l]!);
  if (activation.kind === 'prelu') for (const w of shape.hidden) sizes.push(activation.perNeuron ? w : 1);
  let floats = sizes.reduce((s, n) => s + (2 + states) * slot(n * L), 0);
  for (let l = 1; l < widths.length; l++) floats += (l < widths.length - 1 ? 4 : 2) * slot(rows * widths[l]! * L);
  return floats + slot(rows * shape.inputs * L) + slot(rows * L) + 2 * slot(2 * L) + slot(L);
}
