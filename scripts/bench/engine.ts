// Our engine's side of the benchmark: one network, trained with exactly the calls src/core/engine/lane.ts
// makes (Mlp.forward, softmaxCrossEntropy, Mlp.backward, optimizer step), timed on this thread.
import { Rng } from '../../src/core/math/rng';
import { initLinearDefault } from '../../src/core/nn/init';
import { Mlp, type Param } from '../../src/core/nn/mlp';
import { softmaxCrossEntropy } from '../../src/core/nn/softmax-cross-entropy';
import { makeOptimizer } from '../../src/core/train/make-optimizer';
import type { Optimizer } from '../../src/core/train/optimizer';

/** The shape and batch size of one benchmark network (see networks.mjs). */
export interface BenchNetwork {
  readonly inputs: number;
  readonly hidden: readonly number[];
  readonly outputs: number;
  readonly batch: number;
}

/** Steps taken and wall-clock seconds of one timed repetition. */
export interface Timing {
  readonly steps: number;
  readonly seconds: number;
}

// Several distinct batches, cycled, so that a long run cannot memorise one batch, drive the loss to
// zero and end up timing subnormal arithmetic instead of ordinary training.
const BATCHES = 8;
const LR = 0.01;

/** One network with its optimizer and a fixed pool of random batches (random inputs, random labels). */
export class EngineBench {
  private readonly mlp: Mlp;
  private readonly optimizer: Optimizer;
  private readonly params: Param[];
  private readonly xs: Float32Array<ArrayBuffer>[] = [];
  private readonly ys: Int32Array[] = [];
  private readonly dlogits: Float32Array<ArrayBuffer>;
  private next = 0;

  constructor(
    readonly net: BenchNetwork,
    seed: number,
  ) {
    const rng = new Rng(seed);
    this.mlp = new Mlp({ inputs: net.inputs, hidden: net.hidden, outputs: net.outputs }, { kind: 'relu' }, net.batch);
    for (const layer of this.mlp.layers) initLinearDefault(layer, rng);
    this.optimizer = makeOptimizer({ kind: 'sgd', momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 });
    this.params = this.mlp.params();
    this.dlogits = new Float32Array(net.batch * net.outputs);
    for (let b = 0; b < BATCHES; b++) {
      const x = new Float32Array(net.batch * net.inputs);
      for (let i = 0; i < x.length; i++) x[i] = rng.normal();
      const y = new Int32Array(net.batch);
      for (let i = 0; i < y.length; i++) y[i] = rng.int(net.outputs);
      this.xs.push(x);
      this.ys.push(y);
    }
  }

  /** One training step (forward, loss, backward, SGD update) on the next batch; returns the loss. */
  step(): number {
    const x = this.xs[this.next]!;
    const y = this.ys[this.next]!;
    this.next = (this.next + 1) % BATCHES;
    const rows = this.net.batch;
    const logits = this.mlp.forward(x, rows);
    const loss = softmaxCrossEntropy(logits, y, rows, this.net.outputs, this.dlogits);
    this.mlp.backward(x, this.dlogits, rows);
    this.optimizer.step(this.params, LR);
    return loss;
  }

  /** Runs steps until at least `seconds` have passed; reads the clock after every step. */
  time(seconds: number): Timing {
    const start = performance.now();
    const end = start + seconds * 1000;
    let steps = 0;
    let now: number;
    let loss = 0;
    do {
      loss += this.step();
      steps++;
      now = performance.now();
    } while (now < end);
    // A non-finite loss would mean we timed NaN arithmetic, not training.
    if (!Number.isFinite(loss)) throw new Error(`loss became ${loss}: the benchmark diverged`);
    return { steps, seconds: (now - start) / 1000 };
  }
}
