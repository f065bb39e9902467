import type { Batch, Lane } from '../engine/lane';
import type { BatchedArena, BatchedKernels, FusedForward } from '../kernels/batched-kernels';
import { leaksGradient } from '../nn/activation';
import type { MlpShape } from '../nn/mlp';
import type { BatchedMlp } from './sweep-batch-net';

/**
 * Lane.measure for all networks of a batched regression cell at once: the train and test probe rows of
 * every run go through the batched network (the same float32 bits per row as the lane's Mlp.forward),
 * and the counts that probe() (src/core/stats/probe.ts) makes are made from them in the same order: per
 * neuron the rows with z > 0, per layer the activations exactly 0, and the float64 sum over rows (in
 * increasing order) of (prediction - target)^2. Measured on the collapse cell: the per-lane probes were
 * about a fifth of the batched path's time. Classification cells keep the lanes' own probes.
 */
export class BatchProbe {
  private readonly hidden: readonly number[];
  private readonly L: number;
  private readonly k: BatchedKernels;
  private readonly trainX: Float32Array<ArrayBuffer>;
  private readonly testX: Float32Array<ArrayBuffer>;
  /** Targets interleaved by network, [rows] per network. */
  private readonly trainT: Float32Array<ArrayBuffer>;
  private readonly testT: Float32Array<ArrayBuffer>;
  private readonly z: Float32Array<ArrayBuffer>[];
  private readonly a: Float32Array<ArrayBuffer>[];
  private readonly fused: FusedForward[];
  /** Per neuron (layers concatenated) and network, [neuron * L + i]: rows with z > 0 on the train probe. */
  private readonly active: Int32Array<ArrayBuffer>;
  /** Per layer and network, [layer * L + i]: activations exactly 0 on the train probe. */
  private readonly zeros: Int32Array<ArrayBuffer>;
  private readonly trainSse: Float64Array<ArrayBuffer>;
  private readonly testSse: Float64Array<ArrayBuffer>;

  constructor(
    private readonly net: BatchedMlp,
    probes: readonly Batch[],
    tests: readonly Batch[],
    arena: BatchedArena,
  ) {
    const shape = net.shape;
    const L = (this.L = net.lanes);
    this.k = arena.kernels;
    this.hidden = shape.hidden;
    const trainRows = probes[0]!.rows;
    const testRows = tests[0]!.rows;
    const rows = Math.max(trainRows, testRows);
    const dims = shape.inputs;
    this.trainX = arena.alloc(trainRows * dims * L);
    this.testX = arena.alloc(testRows * dims * L);
    this.trainT = arena.alloc(trainRows * L);
    this.testT = arena.alloc(testRows * L);
    probes.forEach((p, i) => interleave(p, dims, L, i, this.trainX, this.trainT));
    tests.forEach((p, i) => interleave(p, dims, L, i, this.testX, this.testT));
    this.z = [...shape.hidden, shape.outputs].map((w) => arena.alloc(rows * w * L));
    this.a = shape.hidden.map((w) => arena.alloc(rows * w * L));
    this.fused = net.fusedFor(this.a);
    this.active = arena.allocI32(shape.hidden.reduce((s, w) => s + w, 0) * L);
    this.zeros = arena.allocI32(shape.hidden.length * L);
    this.trainSse = new Float64Array(L);
    this.testSse = new Float64Array(L);
  }

  /** Whether these probe sets can be measured together: regression, one output, the same rows for every run. */
  static fits(shape: MlpShape, probes: readonly Batch[], tests: readonly Batch[]): boolean {
    if (shape.outputs !== 1 || probes.length === 0) return false;
    const same = (sets: readonly Batch[]) => sets.every((s) => s.rows === sets[0]!.rows && s.t.length === s.rows);
    return same(probes) && same(tests) && probes[0]!.rows > 0 && tests[0]!.rows > 0;
  }

  /** Floats a BatchProbe takes from its arena (as batchedFloats counts them). */
  static floats(shape: MlpShape, lanes: number, trainRows: number, testRows: number): number {
    const slot = (n: number) => Math.ceil(n / 16) * 16;
    const rows = Math.max(trainRows, testRows);
    let floats = slot(trainRows * shape.inputs * lanes) + slot(testRows * shape.inputs * lanes) + slot(trainRows * lanes) + slot(testRows * lanes);
    for (const w of shape.hidden) floats += 2 * slot(rows * w * lanes);
    const neurons = shape.hidden.reduce((s, w) => s + w, 0);
    return floats + slot(rows * shape.outputs * lanes) + slot(neurons * lanes) + slot(shape.hidden.length * lanes);
  }

  /** Runs both probe sets through the current weights of every network and counts. */
  run(): void {
    const { net, L } = this;
    const trainRows = this.trainT.length / L;
    const testRows = this.testT.length / L;
    let p = net.forwardInto(this.trainX, trainRows, this.z, this.a, this.fused);
    this.countNeurons(trainRows);
    squaredErrors(p, this.trainT, trainRows, L, this.trainSse);
    p = net.forwardInto(this.testX, testRows, this.z, this.a, this.fused);
    squaredErrors(p, this.testT, testRows, L, this.testSse);
  }

  /**
   * Lane.measure's effect on network i's lane, from the last run(): its train and test counts (rows, sst
   * and lossSum stay those of its first probe: they do not depend on the weights) and its neuron tracker.
   * The lane's weights must be finite (Lane.measure is the path that reports them diverged).
   */
  measure(i: number, lane: Lane): void {
    const { L } = this;
    const train = lane.trainCounts;
    const test = lane.testCounts;
    for (let n = 0; n < train.active.length; n++) train.active[n] = this.active[n * L + i]!;
    for (let l = 0; l < train.zeros.length; l++) train.zeros[l] = this.zeros[l * L + i]!;
    train.sse = this.trainSse[i]!;
    test.sse = this.testSse[i]!;
    lane.tracker.update(lane.step, train, leaksGradient(lane.spec.activation));
  }

  /** countNeurons of probe.ts for every network: rows with z > 0 per neuron, activations exactly 0 per layer. */
  private countNeurons(rows: number): void {
    const { L, active, zeros } = this;
    active.fill(0);
    zeros.fill(0);
    let offset = 0;
    this.hidden.forEach((w, l) => {
      this.k.count(this.z[l]!, this.a[l]!, active.subarray(offset * L, (offset + w) * L), zeros.subarray(l * L, (l + 1) * L), L, rows, w);
      offset += w;
    });
  }
}

/** Copies one run's probe rows (features and targets) into network i's lane of x and t. */
function interleave(set: Batch, dims: number, L: number, i: number, x: Float32Array, t: Float32Array): void {
  for (let r = 0; r < set.rows; r++) {
    for (let k = 0; k < dims; k++) x[(r * dims + k) * L + i] = set.x[r * dims + k]!;
    t[r * L + i] = set.t[r]!;
  }
}

/** Per network, the float64 sum over rows in increasing order of (p - t)^2, as probe() sums it. */
function squaredErrors(p: Float32Array, t: Float32Array, rows: number, L: number, out: Float64Array): void {
  out.fill(0);
  for (let r = 0; r < rows; r++) {
    const o = r * L;
    for (let i = 0; i < L; i++) {
      const d = p[o + i]! - t[o + i]!;
      out[i] = out[i]! + d * d;
    }
  }
}
