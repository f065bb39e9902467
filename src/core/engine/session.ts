import { splitDataset, stratifiedSplit } from '../data/split';
import { type Dataset, type SplitDataset, outputsFor } from '../data/dataset';
import { standardize } from '../data/standardize';
import { digestFloat32 } from '../math/digest';
import { Rng, streamSeed } from '../math/rng';
import { DataOrder } from './data-order';
import type { ActivationSpec } from '../nn/activation';
import { Dense } from '../nn/dense';
import { initLayer } from '../nn/init';
import type { Checkpoint, SessionDataView, SessionFrame, LaneMetrics, Snapshot } from '../protocol/messages';
import type { LaneSpec, SessionSpec } from '../protocol/spec';
import type { ExperimentEvent, RecycleEvent } from '../protocol/experiment';
import { type BoundaryGrid, boundaryValues, makeBoundaryGrid } from './boundary';
import { recoveryFor } from './cure';
import { datasetFromRef } from './dataset-from-ref';
import { inspectNeuron, locateNeuron } from './inspect';
import { InspectTrail } from './inspect-trail';
import { MetricLog } from './metric-log';
import { NeuronGradientProbe } from './neuron-gradient';
import type { SessionState } from './session-state';
import { Lane, type Batch } from './lane';
import { redoSeed } from './redo';
import { decodeSlopes, decodeStart } from './start-weights';

/** Most points per part (train, test) the data panel receives. */
export const MAX_PLOT_POINTS = 2000;

/** Most rows the probe set holds; neuron statistics are computed on these. */
export const PROBE_ROWS = 2048;
/** Neuron statistics are taken every this many steps (and at step 0), so they are the same on every host. */
export const PROBE_EVERY = 10;

/**
 * A training session: a dataset, a shared data order and initial weights, and up to four lanes trained
 * in lockstep. Pure and synchronous; a runtime decides when to call step() and snapshot().
 */
export class Session {
  readonly lanes: Lane[];
  readonly widths: readonly number[];
  readonly train: Dataset;
  readonly test: Dataset;
  /** Per lane, its initial weights and biases (the same arrays for lanes with the same init). */
  private readonly initial: Float32Array[][];
  /** Per lane, the PReLU slopes per hidden layer imported with its starting weights, or null. */
  private readonly slopes: ((Float32Array | null)[] | null)[];
  /** The shared batch order (every lane sees the same batches). */
  private readonly order: DataOrder;
  private readonly batch: { x: Float32Array<ArrayBuffer>; y: Int32Array<ArrayBuffer>; t: Float32Array<ArrayBuffer>; rows: number };
  private readonly probeSet: Batch;
  private readonly testSet: Batch;
  /** Decision-boundary grid over the training data (2-D data only). */
  private readonly grid: BoundaryGrid | null;

  /** The inspected neuron (the 'inspect' command) and its activity since it was chosen, or null. */
  private trail: InspectTrail | null = null;
  /** What reached the inspected neuron in the last training step (measured only for it), or null. */
  private gradient: NeuronGradientProbe | null = null;
  /** Metric history since the last reset, at probe steps (thinned when long). */
  log: MetricLog;
  /**
   * ReDo's recycles since the last reset, by step: a new array on every change (states share it, and the
   * runtime sees a change by identity). The lanes' specs decide them, so a replay makes the same list.
   */
  recycles: readonly RecycleEvent[] = [];
  /** Regression sessions fit one real target with the mean squared error. */
  readonly regression: boolean;

  /**
   * Builds the session a spec describes. `supplied`: the rows of a user-file dataset (spec.dataset.kind
   * 'file'), which the host loads; every other kind is generated here and `supplied` is ignored.
   */
  constructor(
    readonly spec: SessionSpec,
    /** The user file's rows this session was built from (null for generated and bundled data). */
    readonly supplied: Dataset | null = null,
  ) {
    const data = spec.dataset.kind === 'file' ? requireSupplied(spec.dataset.name, supplied) : datasetFromRef(spec.dataset, streamSeed(spec.seed, 'data'));
    const split = splitFor(spec, data);
    this.train = split.train;
    this.test = split.test;
    this.regression = data.task === 'regression';
    const shape = { inputs: data.dims, hidden: spec.hidden, outputs: outputsFor(data) };
    this.widths = [shape.inputs, ...shape.hidden, shape.outputs];
    this.initial = initialWeights(spec, this.widths);
    this.slopes = spec.lanes.map((ls, i) => (ls.start === undefined ? null : decodeSlopes(ls.start, spec.hidden, `spec.lanes.${i}.start`)));
    const capacity = Math.max(spec.batchSize, 256);
    this.lanes = spec.lanes.map((ls, i) => {
      const lane = new Lane(ls, shape, capacity, streamSeed(spec.seed, 'noise') + 16 * i, this.regression);
      lane.reset(this.initial[i]!, ls, this.slopes[i]!);
      return lane;
    });
    this.order = new DataOrder(this.train.rows, spec.seed);
    this.batch = { x: new Float32Array(spec.batchSize * data.dims), y: new Int32Array(spec.batchSize), t: new Float32Array(this.regression ? spec.batchSize : 0), rows: spec.batchSize };
    this.probeSet = firstRows(this.train, Math.min(PROBE_ROWS, this.train.rows));
    this.testSet = firstRows(this.test, Math.min(PROBE_ROWS, this.test.rows));
    this.grid = makeBoundaryGrid(this.train);
    this.log = new MetricLog(spec.lanes.map((l) => l.name), spec.hidden);
    this.measure();
  }

  /** Steps taken by the lanes (they move in lockstep, so the furthest one's count). */
  get step(): number {
    // A plain loop: this runs on every training step, where a closure per call would be garbage.
    let m = 0;
    for (let i = 0; i < this.lanes.length; i++) m = Math.max(m, this.lanes[i]!.step);
    return m;
  }

  /** Trains every healthy lane on the next shared batch, probing on the fixed schedule. */
  stepAll(): void {
    this.nextBatch();
    const watched = this.gradient === null ? undefined : this.lanes[this.trail!.lane];
    const before = watched === undefined ? 0 : watched.step;
    for (const lane of this.lanes) lane.train(this.batch);
    // Read right after backward, before the probe's forward passes overwrite the buffers; a lane that
    // did not step (diverged) keeps its last measurement.
    if (watched !== undefined && watched.step === before + 1) this.gradient!.capture(watched.mlp, this.batch.rows, watched.step);
    // ReDo acts after the step it is due at (after the gradient was read: its scoring pass overwrites the
    // buffers), before that step's probe, so the statistics show its effect.
    for (let i = 0; i < this.lanes.length; i++) if (this.lanes[i]!.spec.redo != null) this.recycle(i, this.lanes[i]!);
    if (this.step % PROBE_EVERY === 0) this.measure();
  }

  private recycle(i: number, lane: Lane): void {
    const done = lane.redo(this.probeSet, redoSeed(this.spec.seed, i, lane.step));
    if (done.length === 0) return;
    this.recycles = [...this.recycles, ...done.map((r): RecycleEvent => ({ type: 'recycle', step: lane.step, lane: i, layer: r.layer, neurons: [...r.neurons] }))];
  }

  /** Restores every lane to the initial weights and its spec's activation, and restarts the data order. */
  reset(): void {
    this.spec.lanes.forEach((ls, i) => this.lanes[i]!.reset(this.initial[i]!, ls, this.slopes[i]!));
    this.log = new MetricLog(this.spec.lanes.map((l) => l.name), this.spec.hidden);
    this.recycles = [];
    this.trail = this.trail === null ? null : new InspectTrail(this.trail.lane, this.trail.neuron);
    this.followTrail();
    this.order.restart();
    this.measure();
  }

  /** The whole state now (see SessionState); training on from it, here or in a restored session, gives the same bits. */
  saveState(): SessionState {
    const order = this.order.saveState();
    return {
      step: this.step,
      lanes: this.lanes.map((l) => l.saveState()),
      order: order.order,
      epoch: order.epoch,
      cursor: order.cursor,
      orderRandom: order.random,
      log: this.log.saveState(),
      recycles: this.recycles,
    };
  }

  /** Puts the session in a state saveState took from a session of the same spec (and data); throws, leaving this session unusable, when it does not fit (so load into a fresh one). */
  loadState(s: SessionState): void {
    if (s.lanes.length !== this.lanes.length) throw new Error(`the state has ${s.lanes.length} lane(s), the session ${this.lanes.length}`);
    if (s.order.length !== this.order.rows || s.cursor > s.order.length) throw new Error(`the state's batch order covers ${s.order.length} rows, the training data has ${this.order.rows}`);
    s.lanes.forEach((l, i) => this.lanes[i]!.loadState(l));
    this.order.loadState({ order: s.order, epoch: s.epoch, cursor: s.cursor, random: s.orderRandom });
    this.log.loadState(s.log);
    this.recycles = s.recycles;
  }

  /** The neuron whose histogram, response and activity trail snapshots carry, or null. */
  get inspected(): { lane: number; neuron: number } | null {
    return this.trail === null ? null : { lane: this.trail.lane, neuron: this.trail.neuron };
  }

  /** Chooses the inspected neuron (null: none); a new one starts its trail with its activity now. */
  inspect(target: { lane: number; neuron: number } | null): void {
    if (target !== null && this.trail !== null && this.trail.lane === target.lane && this.trail.neuron === target.neuron) return;
    const fits = target !== null && target.lane < this.lanes.length && target.neuron < this.lanes[target.lane]!.tracker.total;
    this.trail = fits ? new InspectTrail(target.lane, target.neuron) : null;
    this.followTrail();
    this.trail?.record(this.step, this.lanes);
  }

  /** Measures the gradient of the trail's neuron from the next step on (none of it is known yet). */
  private followTrail(): void {
    const at = this.trail === null ? null : locateNeuron(this.spec.hidden, this.trail.neuron);
    this.gradient = at === null ? null : new NeuronGradientProbe(at.layer, at.index);
  }

  /** The inspected neuron's trail in the experiment file's form, or null. */
  inspection(): ReturnType<InspectTrail['toJson']> | null {
    return this.trail?.toJson() ?? null;
  }

  /** Restores a saved inspection (an opened file), its points up to this session's step. */
  restoreInspection(j: ReturnType<InspectTrail['toJson']>): void {
    this.trail = j.lane < this.lanes.length && j.neuron < this.lanes[j.lane]!.tracker.total ? InspectTrail.fromJson(j, this.step) : null;
    this.followTrail();
  }

  /** Takes over another session's inspected neuron and its trail up to this session's step (after a rewind or a replay). */
  adoptInspection(from: Session): void {
    const t = from.trail;
    this.trail = t === null || t.lane >= this.lanes.length ? null : t.upTo(this.step);
    this.followTrail();
  }

  /** Puts a lane rebuilt elsewhere (a replay to an earlier step) in place of lane i; it trains on from its own step. */
  replaceLane(i: number, lane: Lane): void {
    this.lanes[i] = lane;
  }

  /** Hot-swaps a lane's activation, keeping its weights; statistics are re-taken at once. */
  setActivation(lane: number, spec: ActivationSpec): void {
    this.lanes[lane]!.setActivation(spec);
    this.lanes[lane]!.measure(this.probeSet, this.testSet);
  }

  /**
   * Builds a snapshot; its typed arrays are fresh copies the caller may transfer. withBoundary: also
   * evaluate every lane on the decision-boundary grid (2-D data only; costs a forward pass of 2,304 rows).
   * historyFrom: the first history point to carry (the consumer has the ones before); events: the
   * recorded changes when they changed since the last snapshot, else null.
   */
  snapshot(seq: number, playing: boolean, stepsPerSecond: number, speedLimit: number | null = null, withBoundary = false, checkpoints: readonly Checkpoint[] = [], historyFrom = 0, events: readonly ExperimentEvent[] | null = null): Snapshot {
    const grid = this.grid;
    return {
      seq,
      playing,
      stepsPerSecond,
      speedLimit,
      step: this.step,
      history: this.log.delta(historyFrom),
      events,
      digests: this.digests(),
      checkpoints,
      lanes: this.lanes.map((l) => ({ ...l.snapshot(withBoundary && grid !== null ? boundaryValues(l.mlp, grid, this.regression) : null, this.probeSet), recovery: recoveryFor(l, checkpoints) })),
      inspected: this.inspectedNow(withBoundary ? grid : null),
    };
  }

  /** Per lane, the 64-bit fingerprint of all its parameters (16 hex digits). */
  digests(): string[] {
    return this.lanes.map((l) => digestFloat32(l.mlp.params().map((p) => p.value)));
  }

  /** What stays fixed for the session's life (widths, probe rows, seed, boundary grid), for its 'ready'. */
  frame(): SessionFrame {
    const grid = this.grid;
    return {
      widths: this.widths,
      probeRows: this.probeSet.rows,
      seed: this.spec.seed,
      boundaryFrame: grid === null ? null : { dims: grid.dims, size: grid.size, x0: grid.x0, x1: grid.x1, y0: grid.y0, y1: grid.y1 },
    };
  }

  private inspectedNow(grid: BoundaryGrid | null) {
    const t = this.trail;
    const lane = t === null ? undefined : this.lanes[t.lane];
    const seen = t === null || lane === undefined ? null : inspectNeuron(lane.mlp, t.lane, t.neuron, this.probeSet, grid, this.gradient?.measured ?? null);
    return seen === null ? null : { ...seen, trail: t!.points() };
  }

  /** Names, sizes and (for 2-D data) up to MAX_PLOT_POINTS points of each part, for the data panel. */
  dataView(): SessionDataView {
    const t = this.train;
    const part = (d: Dataset) => {
      const n = Math.min(d.rows, MAX_PLOT_POINTS);
      return { x: d.x.slice(0, n * d.dims), y: d.y.slice(0, n), t: d.t.slice(0, d.task === 'regression' ? n : 0) };
    };
    const train = part(this.train);
    const test = part(this.test);
    return {
      name: t.name.replace(/ \(train\)$/, ''),
      task: t.task,
      targetName: t.targetName,
      dims: t.dims,
      classes: t.classes,
      classNames: t.classNames,
      featureNames: t.featureNames,
      trainRows: this.train.rows,
      testRows: this.test.rows,
      points: t.dims <= 2 ? { trainX: train.x, trainY: train.y, trainT: train.t, testX: test.x, testY: test.y, testT: test.t } : null,
    };
  }

  /** Each lane's scalar metrics now (cheap: no per-neuron arrays), for metric files and tables. */
  metrics(): LaneMetrics[] {
    return this.lanes.map((l) => l.metrics());
  }

  /** Every typed array buffer in a snapshot, for the transfer list. */
  static transferables(s: Snapshot): ArrayBuffer[] {
    return [s.history.rows.buffer as ArrayBuffer].concat(s.lanes.flatMap((l) => [
      l.activity.buffer,
      l.inactive.buffer,
      l.dead.buffer,
      l.lastRevivalKind.buffer,
      l.lastRevived.buffer,
      l.lastDied.buffer,
      l.neuronEvents.buffer,
      l.slopes.buffer,
      l.histograms.buffer,
      ...l.weights.map((w) => w.buffer),
      ...(l.boundary === null ? [] : [l.boundary.buffer]),
    ])).concat(s.inspected === null ? [] : inspectedBuffers(s.inspected));
  }

  private measure(): void {
    for (const lane of this.lanes) lane.measure(this.probeSet, this.testSet);
    this.log.record(this.step, this.lanes);
    this.trail?.record(this.step, this.lanes);
  }

  private nextBatch(): void {
    const dims = this.train.dims;
    for (let r = 0; r < this.batch.rows; r++) {
      const row = this.order.next();
      for (let k = 0; k < dims; k++) this.batch.x[r * dims + k] = this.train.x[row * dims + k]!;
      this.batch.y[r] = this.train.y[row]!;
      if (this.regression) this.batch.t[r] = this.train.t[row]!;
    }
  }
}

/** Every typed array buffer of an inspected neuron's measurement. */
function inspectedBuffers(i: NonNullable<Snapshot['inspected']>): ArrayBuffer[] {
  const l = i.ledger;
  return [i.histogram.buffer, i.trail.steps.buffer, i.trail.activity.buffer, i.probeZ.buffer, l.z.buffer, l.relu.buffer, l.f.buffer, l.slope.buffer, l.gradient.buffer, ...(i.response === null ? [] : [i.response.buffer])];
}

function firstRows(d: Dataset, rows: number): Batch {
  return { x: d.x.subarray(0, rows * d.dims), y: d.y.subarray(0, rows), t: d.t.subarray(0, d.task === 'regression' ? rows : 0), rows };
}

/** Thrown when a spec names a user file whose rows the host did not supply. */
export class DatasetNotFoundError extends Error {}

function requireSupplied(name: string, supplied: Dataset | null): Dataset {
  if (supplied === null) throw new DatasetNotFoundError(`The dataset file "${name}" was not found: open it again (or embed it in the experiment file) to train on it.`);
  return supplied;
}

/**
 * Train and test parts. Generated 2-D data keeps its plain seeded split and raw coordinates (the plots
 * show input units); real and user data is split stratified by class and standardized with statistics
 * of the training part only, since its columns come in unrelated units.
 */
function splitFor(spec: SessionSpec, data: Dataset): SplitDataset {
  const seed = streamSeed(spec.seed, 'split');
  const kind = spec.dataset.kind;
  if (kind !== 'file' && kind !== 'bundled') return splitDataset(data, spec.testFraction, seed);
  return standardize(stratifiedSplit(data, spec.testFraction, seed)).split;
}

/**
 * Initial weights and biases per lane, [W1, b1, W2, b2, ...]. Each distinct (init, bias shift) is drawn
 * once from the session's init stream, so lanes that agree on it start from identical weights (and the
 * default, where all agree, is one shared draw).
 */
function initialWeights(spec: SessionSpec, widths: readonly number[]): Float32Array[][] {
  const drawn = new Map<string, Float32Array[]>();
  return spec.lanes.map((ls, i) => {
    const key = JSON.stringify(ls.start === undefined ? [ls.init, ls.biasShift] : [ls.start.digest, ls.biasShift]);
    let weights = drawn.get(key);
    if (weights === undefined) {
      weights = ls.start === undefined ? drawInitial(ls.init, ls.biasShift, spec.seed, widths) : decodeStart(ls.start, widths, ls.biasShift, `spec.lanes.${i}.start`);
      drawn.set(key, weights);
    }
    return weights;
  });
}

/** Weights and biases drawn from an init, from the session's 'init' stream (the same for every lane that asks). */
function drawInitial(init: LaneSpec['init'], biasShift: number, seed: number, widths: readonly number[]): Float32Array[] {
  const rng = new Rng(streamSeed(seed, 'init'));
  const weights: Float32Array[] = [];
  for (let l = 1; l < widths.length; l++) {
    const layer = new Dense(widths[l - 1]!, widths[l]!);
    // The output layer is never shifted: the bias shift models a bad start of the hidden layers.
    initLayer(layer, init, l < widths.length - 1 ? biasShift : 0, rng);
    weights.push(layer.weight, layer.bias);
  }
  return weights;
}
