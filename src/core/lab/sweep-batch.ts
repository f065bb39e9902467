import type { Dataset } from '../data/dataset';
import type { Batch } from '../engine/lane';
import { PROBE_EVERY, PROBE_ROWS, Session } from '../engine/session';
import { type BatchedArena, batchLanes } from '../kernels/batched-kernels';
import { defaultBatchedArena } from '../kernels/batched-wasm';
import { scheduledLr } from '../train/schedule';
import { BatchOrder } from './sweep-batch-order';
import { adoptNorm, type Member, Trainer } from './sweep-batch-trainer';
import { BatchedMlp, batchedFloats } from './sweep-batch-net';
import { BatchProbe } from './sweep-batch-probe';
import type { ActivationSpec } from '../nn/activation';
import type { MlpShape } from '../nn/mlp';
import type { OptimizerSpec } from '../train/make-optimizer';
import type { Run } from './sweep-plan';
import { RunRecorder, type RunResult, runSweepRun } from './sweep-run';

/**
 * Whether runs can train together on the batched path: they differ only by seed (same shape, data
 * source, hyperparameters), and use what the batched kernels reproduce bit for bit: ReLU, Leaky ReLU or
 * PReLU (no RReLU: its noise would need each lane's stream), and SGD, Adam or AdamW (not RMSprop), without
 * ReDo (its recycles are the single path's: Session.stepAll).
 */
export function canBatch(runs: readonly Run[]): boolean {
  if (runs.length === 0) return false;
  const spec = runs[0]!.spec;
  const key = JSON.stringify({ ...spec, seed: 0 });
  if (runs.some((r) => JSON.stringify({ ...r.spec, seed: 0 }) !== key)) return false;
  const lane = spec.lanes[0]!;
  const act = lane.activation.kind;
  return spec.lanes.length === 1 && (act === 'relu' || act === 'leaky_relu' || act === 'prelu') && lane.optimizer.kind !== 'rmsprop' && lane.redo == null;
}

/**
 * Most hidden activations per network and step (batch rows times the hidden widths' sum) for which the
 * batched path pays. Measured (one thread, 32 networks, 300 steps, time per network batched against
 * alone): 1.9x for 1-(2x9)-1 at 256 rows (4,608), 1.2-1.3x for two layers of 4 to 32 at 32 rows (up to
 * 2,048), 0.93x for 16x4 at 128 rows (8,192), 0.54x for 32x4 at 128 rows and 0.87x for Digits' 64x8 at 32
 * rows (16,384): past small layers the single path's tiled kernels are faster than SIMD across networks.
 */
export const BATCH_PAYS_BELOW = 8192;

/** Whether batching this run's cell is worth it: its networks are small (BATCH_PAYS_BELOW). */
export function batchPays(run: Run): boolean {
  return run.spec.batchSize * run.spec.hidden.reduce((s, w) => s + w, 0) < BATCH_PAYS_BELOW;
}

/**
 * Most floats of one batched arena (256 MB): a cell of wide networks or big batches is cut into arenas of
 * this size, so that a job never asks a worker for more memory than this.
 */
export const BATCH_ARENA_FLOATS = 64 * 1024 * 1024;

/** Where the batched networks live (default: WebAssembly where the host has it) and the most floats of one arena. */
export interface BatchOptions {
  readonly arena?: (floats: number) => BatchedArena;
  readonly floats?: number;
}

/**
 * Trains runs that canBatch accepts as one batched network (R networks interleaved in one arena, SIMD
 * across networks) and measures each with the same code as runSweepRun, giving the same RunResult bits
 * as runSweepRun gives for each run. Each run still gets its own Session (data, split, initial weights,
 * probe sets) and Lane: parameters are copied into the lane at each probe step and the lane measures.
 * Runs that cannot be batched are trained one by one with runSweepRun. Results come in the runs' order.
 */
export function runSweepRunsBatched(runs: readonly Run[], steps: number, target: number | null, supplied: Dataset | null = null, options: BatchOptions = {}): RunResult[] {
  const arena = options.arena ?? defaultBatchedArena;
  const budget = options.floats ?? BATCH_ARENA_FLOATS;
  if (!canBatch(runs)) return runs.map((r) => runSweepRun(r, steps, target, supplied));
  const first = new Session(runs[0]!.spec, supplied);
  const spec = runs[0]!.spec;
  const laneSpec = spec.lanes[0]!;
  const rows = spec.batchSize;
  const shape = first.lanes[0]!.mlp.shape;
  // Wide networks or big batches: as many whole vectors of networks per arena as fit the budget (none:
  // the single path).
  const trainRows = first.train.rows;
  const testRows = Math.min(PROBE_ROWS, first.test.rows);
  const floats = (networks: number) => arenaFloats(shape, networks, rows, trainRows, laneSpec.activation, laneSpec.optimizer, testRows);
  let fit = 0;
  while (fit < runs.length && floats(fit + 4) <= budget) fit += 4;
  if (fit < runs.length) {
    if (fit === 0) return runs.map((r) => runSweepRun(r, steps, target, supplied));
    const out: RunResult[] = [];
    for (let k = 0; k < runs.length; k += fit) out.push(...runSweepRunsBatched(runs.slice(k, k + fit), steps, target, supplied, options));
    return out;
  }
  const sessions = runs.map((r, i) => (i === 0 ? first : new Session(r.spec, supplied)));
  const s0 = first;
  if (sessions.some((s) => s.train.rows !== s0.train.rows || s.widths.join() !== s0.widths.join() || s.regression !== s0.regression)) return runs.map((r) => runSweepRun(r, steps, target, supplied));
  const memory = arena(floats(runs.length));
  const net = new BatchedMlp(shape, runs.length, rows, laneSpec.activation, laneSpec.optimizer, memory);
  const members: Member[] = runs.map((run, i) => {
    const session = sessions[i]!;
    const lane = session.lanes[0]!;
    const train = session.train;
    const x = memory.alloc(train.x.length);
    x.set(train.x);
    const t = memory.alloc(s0.regression ? train.rows : 0);
    t.set(train.t.subarray(0, t.length));
    return {
      run,
      session,
      lane,
      values: lane.mlp.params().map((p) => p.value),
      recorder: new RunRecorder(run, steps, target, lane),
      order: new BatchOrder(trainRows, run.spec.seed, rows, memory),
      x,
      t,
      probe: firstRows(session.train),
      probeTest: firstRows(session.test),
      live: lane.step < steps && lane.diverged === null,
      lastNorm: Number.NaN,
    };
  });
  members.forEach((m, i) => net.load(i, m.values));
  const probes = members.map((m) => m.probe);
  const tests = members.map((m) => m.probeTest);
  const batchProbe = BatchProbe.fits(shape, probes, tests) ? new BatchProbe(net, probes, tests, memory) : null;
  const trainer = new Trainer(net, memory.kernels, members, s0.regression);
  const norms = new Float64Array(net.lanes);
  let step = 0;
  while (members.some((m) => m.live)) {
    trainer.gather();
    net.forward();
    trainer.losses();
    members.forEach((m, i) => {
      if (m.live) trainer.takeLoss(m, i);
    });
    net.backward();
    net.gradNorms(norms, laneSpec.clipNorm);
    net.update(laneSpec.schedule.kind === 'constant' ? laneSpec.lr : scheduledLr(laneSpec.schedule, laneSpec.lr, step));
    step++;
    // The lanes still training are all at the same step: at a probe step, one batched probe for all.
    const probing = batchProbe !== null && step % PROBE_EVERY === 0 && members.some((m) => m.live && m.lane.diverged === null);
    if (probing) batchProbe.run();
    members.forEach((m, i) => {
      if (!m.live) return;
      const lane = m.lane;
      if (lane.diverged === null) {
        lane.step++;
        m.lastNorm = norms[i]!;
      }
      // Session.stepAll probes at probe steps, even a lane that has just diverged on its loss.
      if (lane.step % PROBE_EVERY === 0) {
        if (lane.diverged === null) net.store(i, m.values);
        const finite = lane.diverged === null && allFinite(m.values);
        if (lane.diverged === null && !finite) adoptNorm(lane, m.lastNorm);
        if (probing && finite && lane.step === step) batchProbe.measure(i, lane);
        else lane.measure(m.probe, m.probeTest);
      }
      m.recorder.afterStep();
      if (lane.step < steps && lane.diverged === null) return;
      m.live = false;
      if (lane.diverged === null) net.store(i, m.values);
      trainer.retire(i);
    });
  }
  return members.map((m) => m.recorder.result(m.session.train));
}

/** Floats of a batched arena for `networks` runs: the network, per run its batch order and training rows (see BatchOrder.floats), and the batched probe (`testRows`: test probe rows). */
export function arenaFloats(shape: MlpShape, networks: number, rows: number, trainRows: number, activation: ActivationSpec, optimizer: OptimizerSpec, testRows: number): number {
  const slot = (n: number) => Math.ceil(n / 16) * 16;
  const perRun = BatchOrder.floats(trainRows, rows) + slot(trainRows * shape.inputs) + slot(trainRows);
  const probe = BatchProbe.floats(shape, batchLanes(networks), Math.min(PROBE_ROWS, trainRows), testRows);
  return batchedFloats(shape, networks, rows, activation, optimizer) + networks * perRun + probe;
}

/** The probe rows of a part, as Session takes them (its first PROBE_ROWS rows). */
function firstRows(d: Dataset): Batch {
  const rows = Math.min(PROBE_ROWS, d.rows);
  return { x: d.x.subarray(0, rows * d.dims), y: d.y.subarray(0, rows), t: d.t.subarray(0, d.task === 'regression' ? rows : 0), rows };
}

function allFinite(values: readonly Float32Array[]): boolean {
  for (const v of values) for (let e = 0; e < v.length; e++) if (!Number.isFinite(v[e]!)) return false;
  return true;
}
