import type { Dataset } from '../data/dataset';
import { PROBE_EVERY, Session } from '../engine/session';
import type { Lane } from '../engine/lane';
import type { Run } from './sweep-plan';

/** Most points of a run's dead-% trace (the first at step 0, the last at the final step). */
export const TRACE_POINTS = 51;

/**
 * A network counts as collapsed to a constant function when its outputs over the training rows spread
 * less than this share of the targets' standard deviation (regression; Lu et al. 2019's collapse), or
 * when it predicts one class for every training row (classification).
 */
export const COLLAPSE_SHARE = 1e-3;

/** What one run of a sweep measured (scores: accuracy in [0, 1], or R^2 for regression). */
export interface RunResult {
  readonly index: number;
  readonly cell: number;
  readonly seed: number;
  /** Steps trained (the sweep's steps, or fewer when the run diverged; then its measures are those of the last probe). */
  readonly steps: number;
  readonly finalTestScore: number;
  /** Best test score over the probes (every 10 steps). */
  readonly bestTestScore: number;
  readonly finalTrainScore: number;
  /** Smoothed training loss at the end (nats, or target units squared). */
  readonly finalLoss: number;
  readonly finalTestLoss: number;
  /** Per hidden layer, dead % at the end (ReLU's zero-gradient neurons; 0 under activations that leak). */
  readonly deadPercent: readonly number[];
  /** Per hidden layer, inactive % at the end (no training row fires it), whatever the activation. */
  readonly inactivePercent: readonly number[];
  /** Dead % of all hidden neurons over the steps: the probe steps of the trace, and the values there. */
  readonly trace: { readonly steps: readonly number[]; readonly dead: readonly number[]; readonly inactive: readonly number[] };
  /** Neurons dead at step 0 (inactive for every training row under ReLU). */
  readonly bornDead: number;
  /** The step at which the run went non-finite, or null. */
  readonly divergedAt: number | null;
  /** The first probe step whose test score reached the sweep's target, or null. */
  readonly stepsToTarget: number | null;
  /** The trained network is a constant function on the training rows (COLLAPSE_SHARE). */
  readonly collapsed: boolean;
  /** Per hidden layer, the mean negative slope at the end (PReLU: the learned α; 0 for ReLU). */
  readonly slopes: readonly number[];
}

/**
 * Trains one run of a sweep on the real engine (the same Session as the app) for `steps` steps and
 * measures it. A run that diverges stops there and is a result, not an error. `supplied`: the rows of a
 * user-file dataset. Deterministic: the same run gives the same result on every host.
 */
export function runSweepRun(run: Run, steps: number, target: number | null, supplied: Dataset | null = null): RunResult {
  const session = new Session(run.spec, supplied);
  const lane = session.lanes[0]!;
  const recorder = new RunRecorder(run, steps, target, lane);
  while (lane.step < steps && lane.diverged === null) {
    session.stepAll();
    recorder.afterStep();
  }
  return recorder.result(session.train);
}

/**
 * What a run measures as its lane trains: the best test score, the first step reaching the target and
 * the dead-% trace. Made when the lane is at step 0 (after its first probe); afterStep() after each of
 * the lane's training steps (Session.stepAll, or the batched path's equivalent); result() at the end.
 */
export class RunRecorder {
  private readonly every: number;
  private readonly trace = { steps: [] as number[], dead: [] as number[], inactive: [] as number[] };
  private best: number;
  private reached: number | null;

  constructor(
    private readonly run: Run,
    private readonly steps: number,
    private readonly target: number | null,
    private readonly lane: Lane,
  ) {
    this.every = Math.max(PROBE_EVERY, Math.ceil(steps / (TRACE_POINTS - 1) / PROBE_EVERY) * PROBE_EVERY);
    this.best = lane.metrics().testScore;
    this.reached = target !== null && this.best >= target ? 0 : null;
    this.record();
  }

  /** Takes note of the lane's last step (its probe, at probe steps). */
  afterStep(): void {
    const lane = this.lane;
    if (lane.step % PROBE_EVERY !== 0) return;
    const score = lane.metrics().testScore;
    if (score > this.best || Number.isNaN(this.best)) this.best = score;
    if (this.reached === null && this.target !== null && score >= this.target) this.reached = lane.step;
    if (lane.step % this.every === 0 && lane.step < this.steps) this.record();
  }

  /** The run's result, once its lane stopped (`train`: its session's training rows, for the collapse test). */
  result(train: Dataset): RunResult {
    const { run, lane } = this;
    this.record();
    const m = lane.metrics();
    return {
      index: run.index,
      cell: run.cell,
      seed: run.seed,
      steps: lane.step,
      finalTestScore: m.testScore,
      bestTestScore: this.best,
      finalTrainScore: m.trainScore,
      finalLoss: lane.smoothedLoss,
      finalTestLoss: m.testLoss,
      deadPercent: m.deadPercent,
      inactivePercent: m.inactivePercent,
      trace: this.trace,
      bornDead: m.bornDead,
      divergedAt: m.diverged?.step ?? null,
      stepsToTarget: this.reached,
      collapsed: isConstant(lane, train),
      slopes: lane.layerSlopes(),
    };
  }

  private record(): void {
    const m = this.lane.metrics();
    const hidden = this.run.spec.hidden;
    this.trace.steps.push(this.lane.step);
    this.trace.dead.push(overall(m.deadPercent, hidden));
    this.trace.inactive.push(overall(m.inactivePercent, hidden));
  }
}

/** The share of all hidden neurons from per-layer percentages (layers weighted by width). */
function overall(perLayer: readonly number[], hidden: readonly number[]): number {
  let sum = 0;
  let n = 0;
  hidden.forEach((w, l) => {
    sum += (perLayer[l] ?? 0) * w;
    n += w;
  });
  return n === 0 ? 0 : sum / n;
}

/** Whether the lane's network is a constant function on the rows of `data` (see COLLAPSE_SHARE). */
function isConstant(lane: Lane, data: Dataset): boolean {
  const net = lane.mlp;
  const outputs = net.shape.outputs;
  const regression = data.task === 'regression';
  let lo = Infinity;
  let hi = -Infinity;
  let firstClass = -1;
  let oneClass = true;
  for (let start = 0; start < data.rows; start += net.capacity) {
    const rows = Math.min(net.capacity, data.rows - start);
    const logits = net.forward(data.x.subarray(start * data.dims, (start + rows) * data.dims), rows);
    for (let r = 0; r < rows; r++) {
      if (regression) {
        const y = logits[r]!;
        if (!Number.isFinite(y)) return false;
        lo = Math.min(lo, y);
        hi = Math.max(hi, y);
        continue;
      }
      let arg = 0;
      for (let o = 1; o < outputs; o++) if (logits[r * outputs + o]! > logits[r * outputs + arg]!) arg = o;
      if (firstClass < 0) firstClass = arg;
      else if (arg !== firstClass) oneClass = false;
    }
  }
  if (!regression) return oneClass;
  return hi - lo <= COLLAPSE_SHARE * targetStd(data);
}

/** Standard deviation of a regression dataset's targets (target units). */
function targetStd(d: Dataset): number {
  let mean = 0;
  for (let i = 0; i < d.rows; i++) mean += d.t[i]!;
  mean /= Math.max(1, d.rows);
  let ss = 0;
  for (let i = 0; i < d.rows; i++) {
    const e = d.t[i]! - mean;
    ss += e * e;
  }
  return Math.sqrt(ss / Math.max(1, d.rows));
}
