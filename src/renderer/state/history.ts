import type { Snapshot } from '../../core/protocol/messages';
import { deadCount } from './neuron-state';

/** The per-lane series the history records at each snapshot. */
export const METRICS = ['loss', 'smoothedLoss', 'testLoss', 'trainAccuracy', 'testAccuracy', 'deadPercent', 'revivals'] as const;

/**
 * One recorded series: loss (nats, or the MSE for regression; smoothedLoss is its moving average, testLoss
 * the loss on the test rows at the last probe), accuracies in [0, 1] (R² for regression), dead % of all
 * hidden neurons, revivals so far.
 */
export type Metric = (typeof METRICS)[number];

/** A value per recorded step; null where it was not finite (a diverged lane's loss). */
export type Series = (number | null)[];

/**
 * A series recorded per hidden layer: the mean negative slope of its neurons ('slope'), its dead % ('layerDead':
 * ReLU only, as in the CLI's metric files), its inactive % ('layerInactive': dead or not, what the chart shows).
 */
export type LayerMetric = 'slope' | 'layerDead' | 'layerInactive';

/** What a chart can show: a per-lane metric, or a per-layer one of one hidden layer. */
export type ChartMetric = Metric | LayerMetric;

/** One lane's recorded series, aligned with MetricHistory.steps. */
export interface LaneSeries {
  readonly name: string;
  readonly values: Readonly<Record<Metric, Series>>;
  /** Per hidden layer, the mean negative slope f'(z < 0) of its neurons (PReLU: the learned alphas). */
  readonly slopes: Series[];
  /** Per hidden layer, the percentage of its neurons that are dead (ReLU: inactive with no gradient), [0, 100]. */
  readonly deadLayers: Series[];
  /** Per hidden layer, the percentage of its neurons that are inactive (fire for no probe input), [0, 100]; equals deadLayers under ReLU. */
  readonly inactiveLayers: Series[];
  /** True once the lane was recorded with a learned slope (PReLU), now or before a hot-swap. */
  learnsSlope: boolean;
}

/** A marked moment on the charts (a hot-swap, a rewind of one lane). */
export interface ChartEvent {
  readonly lane: number;
  readonly step: number;
  readonly label: string;
}

/** Most points kept per series; older ones are thinned by half when it is reached. */
const MAX_POINTS = 800;
/** Weight of the newest batch loss in the smoothed loss (batch losses of 16 rows are noisy). */
const SMOOTHING = 0.15;

function emptySeries(name: string): LaneSeries {
  return { name, values: { loss: [], smoothedLoss: [], testLoss: [], trainAccuracy: [], testAccuracy: [], deadPercent: [], revivals: [] }, slopes: [], deadLayers: [], inactiveLayers: [], learnsSlope: false };
}

/** Mean of slopes[offset, offset + width), or null when it is not finite. */
function meanSlope(slopes: Float32Array, offset: number, width: number): number | null {
  let sum = 0;
  for (let j = 0; j < width; j++) sum += slopes[offset + j] ?? Number.NaN;
  return width > 0 ? finiteOrNull(sum / width) : null;
}

function finiteOrNull(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/** The per-layer series of hidden layer `layer`, created (with gaps for the `before` points recorded without it) when first seen. */
function layerSeries(series: Series[], layer: number, before: number): Series {
  // A layer first seen now (the history is per session, so only at the start) has no earlier points.
  return (series[layer] ??= new Array<number | null>(before).fill(null));
}

/**
 * Metric history for the charts and the CSV export: one shared step axis (the session's step; a diverged
 * lane stops while its siblings go on) and per-lane series. The arrays are plain and mutated in place,
 * so the charts can hand them to uPlot without copying; `version` on the controller tells views they changed.
 */
export class MetricHistory {
  readonly steps: number[] = [];
  lanes: LaneSeries[] = [];
  events: ChartEvent[] = [];
  private stride = 1;
  private count = 0;
  private smoothed: number[] = [];

  /** Records a snapshot of a network with these layer widths; returns true when the history changed. A step going back clears it (reset). */
  add(s: Snapshot, widths: readonly number[]): boolean {
    if (s.lanes.length === 0) return false;
    const step = s.lanes.reduce((m, l) => Math.max(m, l.step), 0);
    const last = this.steps.at(-1);
    if (last !== undefined && step < last) this.clear();
    if (this.lanes.length !== s.lanes.length || this.lanes.some((l, i) => l.name !== s.lanes[i]!.name)) {
      this.clear();
      this.lanes = s.lanes.map((l) => emptySeries(l.name));
    }
    if (step === this.steps.at(-1)) return false;
    s.lanes.forEach((lane, i) => {
      const prev = this.smoothed[i];
      this.smoothed[i] = prev === undefined || !Number.isFinite(prev) ? lane.loss : prev * (1 - SMOOTHING) + lane.loss * SMOOTHING;
    });
    if (this.count++ % this.stride !== 0) return false;
    this.steps.push(step);
    s.lanes.forEach((lane, i) => {
      const v = this.lanes[i]!.values;
      v.loss.push(finiteOrNull(lane.loss));
      v.smoothedLoss.push(finiteOrNull(this.smoothed[i] ?? lane.loss));
      v.testLoss.push(finiteOrNull(lane.testLoss));
      v.trainAccuracy.push(finiteOrNull(lane.trainScore));
      v.testAccuracy.push(finiteOrNull(lane.testScore));
      v.deadPercent.push((100 * deadCount(lane)) / Math.max(1, lane.dead.length));
      v.revivals.push(lane.revivals);
      const series = this.lanes[i]!;
      if (lane.activation.kind === 'prelu') series.learnsSlope = true;
      let offset = 0;
      for (let l = 1; l < widths.length - 1; l++) {
        const width = widths[l]!;
        layerSeries(series.slopes, l - 1, this.steps.length - 1).push(meanSlope(lane.slopes, offset, width));
        layerSeries(series.deadLayers, l - 1, this.steps.length - 1).push(finiteOrNull(lane.deadPercent[l - 1]));
        layerSeries(series.inactiveLayers, l - 1, this.steps.length - 1).push(finiteOrNull(lane.inactivePercent[l - 1]));
        offset += width;
      }
    });
    if (this.steps.length >= MAX_POINTS) this.thin();
    return true;
  }

  /** Hidden layers recorded (per-layer series of each lane). */
  get hiddenLayers(): number {
    return this.lanes.reduce((m, l) => Math.max(m, l.deadLayers.length), 0);
  }

  /** Marks a hot-swap of `lane` at `step`. */
  mark(lane: number, step: number, label: string): void {
    // Several edits at one step (pick Leaky ReLU, then type its alpha) make one marked event.
    const last = this.events.at(-1);
    if (last !== undefined && last.lane === lane && last.step === step) this.events.pop();
    this.events.push({ lane, step, label });
  }

  /** The series a chart shows for `lane` (for a per-layer metric, of hidden layer `layer`); undefined when not recorded. */
  valuesOf(metric: ChartMetric, lane: number, layer = 0): Series | undefined {
    const l = this.lanes[lane];
    if (metric === 'slope') return l?.slopes[layer];
    if (metric === 'layerDead') return l?.deadLayers[layer];
    if (metric === 'layerInactive') return l?.inactiveLayers[layer];
    return l?.values[metric];
  }

  /** Forgets what was recorded after `step` (a rewind of the whole session to that checkpoint). */
  truncate(step: number): void {
    let n = this.steps.length;
    while (n > 0 && this.steps[n - 1]! > step) n--;
    this.steps.length = n;
    for (const l of this.lanes) {
      for (const m of METRICS) l.values[m].length = n;
      for (const s of l.slopes) s.length = n;
      for (const s of l.deadLayers) s.length = n;
      for (const s of l.inactiveLayers) s.length = n;
    }
    this.events = this.events.filter((e) => e.step <= step);
    this.smoothed = [];
  }

  /** Forgets everything (after a reset or when another session is opened). */
  clear(): void {
    this.steps.length = 0;
    for (const l of this.lanes) {
      for (const m of METRICS) l.values[m].length = 0;
      l.slopes.length = 0;
      l.deadLayers.length = 0;
      l.inactiveLayers.length = 0;
      l.learnsSlope = false;
    }
    this.events = [];
    this.stride = 1;
    this.count = 0;
    this.smoothed = [];
  }

  /** Keeps every other point (in place), and from now on records every other snapshot more. */
  private thin(): void {
    this.stride *= 2;
    const halve = (a: unknown[]): void => {
      let k = 0;
      for (let i = 0; i < a.length; i += 2) a[k++] = a[i];
      a.length = k;
    };
    halve(this.steps);
    for (const l of this.lanes) {
      for (const m of METRICS) halve(l.values[m]);
      for (const s of l.slopes) halve(s);
      for (const s of l.deadLayers) halve(s);
      for (const s of l.inactiveLayers) halve(s);
    }
  }
}
