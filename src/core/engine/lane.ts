import { type ActivationSpec, leaksGradient } from '../nn/activation';
import { Mlp, type MlpShape, type Param } from '../nn/mlp';
import { softmaxCrossEntropyInto } from '../nn/softmax-cross-entropy';
import { type Divergence, type LaneMetrics, type LaneSnapshot, RECENT_NEURON_EVENTS } from '../protocol/messages';
import { laneTau, type LaneSpec, type RedoSpec } from '../protocol/spec';
import { dormantCounts } from '../stats/dormant';
import { NeuronTracker } from '../stats/neuron-tracker';
import { meanSquaredErrorInto } from '../nn/mse';
import { layerHistograms, makeProbeCounts, probe, probeLoss, probeScore, type ProbeCounts, type ProbeSet } from '../stats/probe';
import { clipGradNorm, gradNorm } from '../train/clip';
import { makeOptimizer } from '../train/make-optimizer';
import type { Optimizer } from '../train/optimizer';
import { scheduledLr } from '../train/schedule';
import { copyCounts, type LaneState, setCounts } from './lane-state';
import { recycleDormant, redoDue, type Recycled } from './redo';

/** Weight of the newest batch loss in the smoothed loss (it averages about the last 20 steps: batch losses are noisy). */
export const LOSS_SMOOTHING = 0.05;

/** Rows of training data a lane sees at once (shared by all lanes of a session): labels, or targets for regression. */
export type Batch = ProbeSet;

/** One network with its optimizer and neuron statistics, trained in lockstep with its sibling lanes. */
export class Lane {
  readonly mlp: Mlp;
  readonly optimizer: Optimizer;
  tracker: NeuronTracker;
  readonly trainCounts: ProbeCounts;
  readonly testCounts: ProbeCounts;
  /** Optimizer steps taken. */
  step = 0;
  /** Mean cross-entropy of the last batch (nats), or its mean squared error (regression); NaN before the first step. */
  loss = Number.NaN;
  /** Moving average of the batch loss over about the last 1 / LOSS_SMOOTHING steps (same units); NaN before the first step. */
  smoothedLoss = Number.NaN;
  /** Set when the lane stopped because of a non-finite loss or weight. */
  diverged: Divergence | null = null;
  /** Holds the 2-norm of all gradients at the last step taken, before clipping (gradient units); NaN before the first. */
  private readonly normCell = new Float64Array([Number.NaN]);
  /** The lane's last hot-swap: its step and which neurons were inactive then (to count the ones that came back). */
  swap: { step: number; inactive: Uint8Array<ArrayBuffer> } | null = null;
  /** The activation the lane started with (born-dead neurons are counted under it). */
  private initialActivation: ActivationSpec;
  private params: Param[];
  private readonly dlogits: Float32Array<ArrayBuffer>;
  /**
   * spec.lr, in a field that starts as null so that V8 stores it as a reference: a number read from a
   * plain double field (like spec.lr) is boxed anew, 16 bytes, each time it is passed to the optimizer.
   */
  private lr: number | null = null;
  /** Receives each step's loss (a returned number would be boxed when the call is not inlined). */
  private readonly lossCell = new Float64Array(1);

  constructor(
    public spec: LaneSpec,
    shape: MlpShape,
    capacity: number,
    /** Seed of the lane's RReLU noise streams. */
    noiseSeed = 0,
    /** Regression lanes have one output and minimize the mean squared error. */
    readonly regression = false,
  ) {
    this.mlp = new Mlp(shape, spec.activation, capacity, noiseSeed);
    this.optimizer = makeOptimizer(spec.optimizer);
    const total = shape.hidden.reduce((s, w) => s + w, 0);
    this.tracker = new NeuronTracker(total);
    this.trainCounts = makeProbeCounts(shape.hidden);
    this.testCounts = makeProbeCounts(shape.hidden);
    this.params = this.mlp.params();
    this.dlogits = new Float32Array(capacity * shape.outputs);
    this.lr = spec.lr;
    this.initialActivation = spec.activation;
  }

  /**
   * One optimizer step on the batch (gradients clipped and the rate scheduled as the spec says); a
   * non-finite loss stops the lane before the update, so its weights stay those of its last good step.
   */
  train(batch: Batch): void {
    if (this.diverged !== null) return;
    const logits = this.mlp.forward(batch.x, batch.rows, true);
    if (this.regression) meanSquaredErrorInto(logits, batch.t, batch.rows, this.dlogits, this.lossCell);
    else softmaxCrossEntropyInto(logits, batch.y, batch.rows, this.mlp.shape.outputs, this.dlogits, this.lossCell);
    const loss = this.lossCell[0]!;
    if (!Number.isFinite(loss)) {
      this.diverged = this.divergence('loss', String(loss));
      return;
    }
    this.loss = loss;
    this.smoothedLoss = Number.isNaN(this.smoothedLoss) ? loss : this.smoothedLoss + LOSS_SMOOTHING * (loss - this.smoothedLoss);
    this.mlp.backward(batch.x, this.dlogits, batch.rows);
    if (this.spec.clipNorm !== null) clipGradNorm(this.params, this.spec.clipNorm, this.normCell);
    else gradNorm(this.params, this.normCell);
    this.optimizer.step(this.params, this.spec.schedule.kind === 'constant' ? this.lr! : scheduledLr(this.spec.schedule, this.lr!, this.step));
    this.step++;
  }

  /** Probes train and test rows and folds the result into the neuron tracker. */
  measure(train: Batch, test: Batch): void {
    probe(this.mlp, train, this.trainCounts);
    probe(this.mlp, test, this.testCounts, true, false);
    if (this.diverged === null && !allFinite(this.params)) this.diverged = this.divergence('weights', 'NaN or infinite');
    this.tracker.update(this.step, this.trainCounts, leaksGradient(this.spec.activation));
  }

  /**
   * ReDo, when the spec has it and the lane's step is a multiple of its K: recycles the dormant neurons
   * (scored on `set`, re-drawn from a generator seeded with `seed`) and returns them per layer; else [].
   */
  redo(set: Batch, seed: number): Recycled[] {
    const redo = this.spec.redo;
    if (this.diverged !== null || !redoDue(redo, this.step)) return [];
    const done = recycleDormant(this.mlp, this.optimizer, this.spec, redo, set, seed);
    // Neuron indices into the concatenated hidden layers, as the tracker counts them.
    const offsets = this.mlp.shape.hidden.map((_, l) => this.mlp.shape.hidden.slice(0, l).reduce((s, w) => s + w, 0));
    for (const r of done) this.tracker.markRecycled(r.neurons.map((j) => offsets[r.layer]! + j));
    return done;
  }

  /** Per hidden layer, how many neurons were tau-dormant at the last probe (the lane's tau); NaN when unknown (a restored old state). */
  dormantCounts(): number[] {
    const c = this.trainCounts;
    if (c.rows === 0 || Number.isNaN(c.absSum[0])) return this.mlp.shape.hidden.map(() => Number.NaN);
    return dormantCounts(c.absSum, this.mlp.shape.hidden, laneTau(this.spec));
  }

  /** 2-norm of all gradients at the last step taken, before clipping (gradient units); NaN before the first. */
  get gradNorm(): number {
    return this.normCell[0]!;
  }

  /** What went non-finite, with the rate and the last finite step's gradient norm. */
  private divergence(quantity: Divergence['quantity'], value: string): Divergence {
    const lr = this.spec.lr;
    const what = quantity === 'loss' ? `the loss became ${value}` : `a weight became ${value}`;
    const norm = Number.isFinite(this.gradNorm) ? this.gradNorm.toPrecision(3) : String(this.gradNorm);
    return { step: this.step, quantity, lr, gradNorm: this.gradNorm, reason: `${what} at step ${this.step} (learning rate ${lr}, gradient norm ${norm} at the step before): the learning rate is probably too high for this network` };
  }

  /**
   * Hot-swap: replaces every hidden layer's activation, keeping weights and momentum. PReLU taking over
   * starts from the slope in force (so the swap itself changes no output); PReLU to PReLU keeps the
   * learned slopes (averaged when going from per-neuron to shared).
   */
  setActivation(spec: ActivationSpec): void {
    this.swap = { step: this.step, inactive: this.tracker.inactive.slice() };
    for (let l = 0; l < this.mlp.activations.length; l++) {
      const old = this.mlp.activations[l]!;
      const width = this.mlp.layers[l]!.outputs;
      if (spec.kind !== 'prelu') {
        this.mlp.setActivation(l, spec);
        continue;
      }
      let mean = 0;
      for (let j = 0; j < width; j++) mean += old.negativeSlope(j) / width;
      this.mlp.setActivation(l, { ...spec, alpha: mean });
      const param = this.mlp.activations[l]!.param!;
      if (spec.perNeuron) for (let j = 0; j < width; j++) param[j] = old.negativeSlope(j);
    }
    this.spec = { ...this.spec, activation: spec };
    this.params = this.mlp.params();
    this.optimizer.retain(this.params);
  }

  /** Sets ReDo (null: off) and the dormant threshold from the next step on (a recorded 'redo' event). */
  setRedo(redo: RedoSpec | null, tau: number): void {
    this.spec = { ...this.spec, redo, tau };
  }

  /** Changes the learning rate from the next step on. */
  setLearningRate(lr: number): void {
    this.spec = { ...this.spec, lr };
    this.lr = lr;
  }

  /**
   * Restores the given initial weights and the lane's spec (activation, rate), and forgets momentum,
   * statistics and divergence. `slopes`: PReLU slopes per hidden layer imported with the weights, which
   * a PReLU lane starts from (a single slope fills every neuron of a per-neuron layer; per-neuron slopes
   * do not fit a shared one, which keeps its activation's α).
   */
  reset(initial: readonly Float32Array[], spec: LaneSpec, slopes: readonly (Float32Array | null)[] | null = null): void {
    const activation = spec.activation;
    this.initialActivation = activation;
    this.setLearningRate(spec.lr);
    this.mlp.layers.forEach((d, l) => {
      d.weight.set(initial[2 * l]!);
      d.bias.set(initial[2 * l + 1]!);
    });
    for (let l = 0; l < this.mlp.activations.length; l++) {
      this.mlp.setActivation(l, activation);
      const param = this.mlp.activations[l]!.param;
      const from = activation.kind === 'prelu' ? slopes?.[l] : null;
      if (param === null || from == null || (from.length !== 1 && from.length !== param.length)) continue;
      if (from.length === param.length) param.set(from);
      else param.fill(from[0]!);
    }
    // ReDo and tau back to the spec's too (a 'redo' event may have changed them).
    this.spec = { ...this.spec, activation, redo: spec.redo, tau: spec.tau };
    this.params = this.mlp.params();
    this.optimizer.clear();
    this.tracker = new NeuronTracker(this.tracker.total);
    this.step = 0;
    this.loss = Number.NaN;
    this.smoothedLoss = Number.NaN;
    this.normCell[0] = Number.NaN;
    this.diverged = null;
    this.swap = null;
  }

  /** The lane's whole state, as copies (a state checkpoint: see LaneState). */
  saveState(): LaneState {
    const params = this.mlp.params();
    return {
      spec: this.spec,
      initialActivation: this.initialActivation,
      layerActivations: this.mlp.activations.map((a) => a.spec),
      step: this.step,
      loss: this.loss,
      smoothedLoss: this.smoothedLoss,
      gradNorm: this.gradNorm,
      diverged: this.diverged,
      swap: this.swap === null ? null : { step: this.swap.step, inactive: this.swap.inactive.slice() },
      params: params.map((p) => p.value.slice()),
      optimizer: this.optimizer.saveState(params),
      random: this.mlp.activations.map((a) => a.random?.saveState() ?? null),
      tracker: this.tracker.saveState(),
      trainCounts: copyCounts(this.trainCounts),
      testCounts: copyCounts(this.testCounts),
    };
  }

  /** Puts the lane in a saved state (of a lane of the same shape and optimizer); it then trains on with the same bits. */
  loadState(s: LaneState): void {
    s.layerActivations.forEach((a, l) => this.mlp.setActivation(l, a));
    this.params = this.mlp.params();
    if (s.params.length !== this.params.length) throw new Error(`the saved lane has ${s.params.length} parameter tensors, this one ${this.params.length}`);
    this.params.forEach((p, i) => {
      const saved = s.params[i]!;
      if (saved.length !== p.value.length) throw new Error(`saved parameter tensor ${i} has ${saved.length} values, this network's ${p.value.length}`);
      p.value.set(saved);
    });
    this.optimizer.loadState(this.params, s.optimizer);
    this.mlp.activations.forEach((a, l) => {
      const r = s.random[l];
      if (a.random !== undefined && r !== null && r !== undefined) a.random.loadState(r);
    });
    this.tracker = new NeuronTracker(this.tracker.total);
    this.tracker.loadState(s.tracker);
    setCounts(this.trainCounts, s.trainCounts);
    setCounts(this.testCounts, s.testCounts);
    this.spec = s.spec;
    this.setLearningRate(s.spec.lr);
    this.initialActivation = s.initialActivation;
    this.step = s.step;
    this.loss = s.loss;
    this.smoothedLoss = s.smoothedLoss;
    this.normCell[0] = s.gradNorm;
    this.diverged = s.diverged;
    this.swap = s.swap === null ? null : { step: s.swap.step, inactive: s.swap.inactive.slice() };
  }

  /** Scalar metrics as of the last step (loss) and the last probe (everything else). */
  metrics(): LaneMetrics {
    const hidden = this.mlp.shape.hidden;
    const probeRows = Math.max(1, this.trainCounts.rows);
    const zeroFraction = hidden.map((w, l) => this.trainCounts.zeros[l]! / (probeRows * w));
    const { inactivePercent, deadPercent } = this.layerShares();
    const dormant = this.dormantCounts();
    return {
      name: this.spec.name,
      step: this.step,
      loss: this.loss,
      trainScore: probeScore(this.trainCounts, this.regression),
      testScore: probeScore(this.testCounts, this.regression),
      testLoss: probeLoss(this.testCounts, this.regression),
      activation: this.spec.activation,
      lr: this.spec.lr,
      diverged: this.diverged,
      deadPercent,
      inactivePercent,
      zeroFraction,
      dormantPercent: hidden.map((w, l) => (100 * dormant[l]!) / w),
      tau: laneTau(this.spec),
      redo: this.spec.redo ?? null,
      revivals: this.tracker.revivals,
      revivalsByCure: this.tracker.revivalsByCure,
      deaths: this.tracker.deaths,
      bornDead: this.bornDead(),
      gradNorm: this.gradNorm,
      revivedSinceSwap: this.revivedSinceSwap(),
      slopeSpread: this.slopeSpread(),
    };
  }

  /** Per hidden layer, the mean negative slope of its neurons (0 for ReLU; PReLU: the learned alphas). */
  layerSlopes(): number[] {
    return this.mlp.shape.hidden.map((w, l) => {
      const act = this.mlp.activations[l]!;
      let sum = 0;
      for (let j = 0; j < w; j++) sum += act.negativeSlope(j);
      return sum / w;
    });
  }

  /** Largest minus smallest negative slope over the hidden neurons (PReLU's learned alphas spread from their start). */
  private slopeSpread(): number {
    let lo = Infinity;
    let hi = -Infinity;
    this.mlp.shape.hidden.forEach((w, l) => {
      const act = this.mlp.activations[l]!;
      for (let j = 0; j < w; j++) {
        const s = act.negativeSlope(j);
        lo = Math.min(lo, s);
        hi = Math.max(hi, s);
      }
    });
    return hi - lo;
  }

  /**
   * Per hidden layer, the percentage of inactive neurons at the last probe, and of dead ones: the same
   * where the activation gives no gradient for z < 0 (ReLU), 0 where it leaks.
   */
  layerShares(): { inactivePercent: number[]; deadPercent: number[] } {
    const inactivePercent: number[] = [];
    let offset = 0;
    for (const w of this.mlp.shape.hidden) {
      let inactive = 0;
      for (let j = 0; j < w; j++) inactive += this.tracker.inactive[offset + j]!;
      inactivePercent.push((100 * inactive) / w);
      offset += w;
    }
    const leaks = leaksGradient(this.spec.activation);
    return { inactivePercent, deadPercent: leaks ? inactivePercent.map(() => 0) : inactivePercent };
  }

  /** Neurons inactive at step 0 under the spec's initial activation when it passes no gradient for z < 0. */
  private bornDead(): number {
    if (leaksGradient(this.initialActivation)) return 0;
    let n = 0;
    for (let i = 0; i < this.tracker.total; i++) n += this.tracker.bornInactive[i]!;
    return n;
  }

  /** Percentage of the neurons inactive at the last hot-swap that have fired since; NaN without a swap or with none inactive then. */
  private revivedSinceSwap(): number {
    const swap = this.swap;
    if (swap === null) return Number.NaN;
    let was = 0;
    let back = 0;
    for (let i = 0; i < swap.inactive.length; i++) {
      if (swap.inactive[i] === 0) continue;
      was++;
      if (this.tracker.lastRevived[i]! > swap.step) back++;
    }
    return was === 0 ? Number.NaN : (100 * back) / was;
  }

  /** Metrics plus fresh copies of the per-neuron arrays and weights (the caller may transfer them); histograms of z over `probeSet`. */
  snapshot(boundary: Float32Array<ArrayBuffer> | null, probeSet: Batch): Omit<LaneSnapshot, 'recovery'> {
    const total = this.tracker.total;
    const activity = new Float32Array(total);
    const slopes = new Float32Array(total);
    const probeRows = Math.max(1, this.trainCounts.rows);
    const histograms = layerHistograms(this.mlp, probeSet);
    let offset = 0;
    this.mlp.shape.hidden.forEach((w, l) => {
      for (let j = 0; j < w; j++) {
        activity[offset + j] = this.trainCounts.active[offset + j]! / probeRows;
        slopes[offset + j] = this.mlp.activations[l]!.negativeSlope(j);
      }
      offset += w;
    });
    const metrics = this.metrics();
    const leaks = leaksGradient(this.spec.activation);
    return {
      ...metrics,
      activity,
      inactive: this.tracker.inactive.slice(),
      dead: leaks ? new Uint8Array(total) : this.tracker.inactive.slice(),
      lastRevivalKind: this.tracker.lastRevivalKind.slice(),
      lastRevived: this.tracker.lastRevived.slice(),
      lastDied: this.tracker.lastDied.slice(),
      neuronEvents: this.tracker.recentEvents(RECENT_NEURON_EVENTS),
      slopes,
      histograms: histograms.counts,
      histogramRanges: histograms.ranges,
      weights: this.mlp.layers.map((d) => d.weight.slice()),
      boundary,
    };
  }
}

function allFinite(params: readonly Param[]): boolean {
  for (const p of params) for (let i = 0; i < p.value.length; i++) if (!Number.isFinite(p.value[i]!)) return false;
  return true;
}
