import { HistoryLayout, LANE_SERIES, LAYER_SERIES, type LaneSeriesName, type LayerSeriesName } from '../../core/protocol/history';
import type { ExperimentEvent } from '../../core/protocol/experiment';
import { historyCsv } from '../../core/protocol/history-csv';
import type { Snapshot } from '../../core/protocol/messages';
import { type ChartEvent, chartMarks } from './chart-marks';

/** A per-lane series the engine records (protocol/history.ts LANE_SERIES). */
export type Metric = LaneSeriesName;

/** A series recorded per hidden layer (LAYER_SERIES): its dead %, its inactive %, the mean negative slope of its neurons. */
export type LayerMetric = LayerSeriesName;

/** What a chart can show: a per-lane series, or a per-layer one of one hidden layer. */
export type ChartMetric = Metric | LayerMetric;

/** A value per recorded point; null where it was not finite (a diverged lane's loss). */
export type Series = (number | null)[];

/** What applying a snapshot did: nothing new, new points (or events), or a gap the engine must fill ('resync'). */
export type Applied = 'unchanged' | 'changed' | 'resync';

const LANE_METRICS: ReadonlySet<string> = new Set(LANE_SERIES);
const LAYER_METRICS: ReadonlySet<string> = new Set(LAYER_SERIES);

/**
 * The engine's metric history, mirrored: each snapshot carries the rows recorded since the last one
 * (protocol/history.ts HistoryDelta), which are appended here; a delta from 0 (thinned, rewound, another
 * session) replaces everything. Nothing is sampled, smoothed or thinned here, so the charts and the CSV
 * show exactly the engine's points. Columns are plain arrays, mutated in place, which the charts hand to
 * uPlot without copying; `version` on the controller tells views they changed. `events` is the
 * engine's recorded list of changes (hot-swaps, learning rates, lane rewinds).
 */
export class MetricHistory {
  /** The step of every point (column 0). */
  readonly steps: number[] = [];
  /** Where each series sits (lanes and hidden layers of the session the points belong to). */
  layout = new HistoryLayout(0, 0);
  /** Lane names, in lane order. */
  names: readonly string[] = [];
  /** The engine's recorded changes, oldest first. */
  events: readonly ExperimentEvent[] = [];
  /** The changes as the charts mark them. */
  marks: readonly ChartEvent[] = [];
  /** Per column of `layout` (index 0 unused: see steps). */
  private columns: Series[] = [];
  private generation = -1;
  /** True from asking for a resync until the whole history arrives. */
  private resyncing = false;

  /** Points held. */
  get length(): number {
    return this.steps.length;
  }

  /** Hidden layers of the recorded session. */
  get hiddenLayers(): number {
    return this.layout.layers;
  }

  /**
   * Applies a snapshot's history delta and event list. 'resync': the delta does not continue what is held
   * (a snapshot was missed), so nothing was applied and the caller should send the engine 'resync'.
   */
  apply(s: Snapshot): Applied {
    let changed = false;
    if (s.events !== null) {
      this.events = s.events;
      this.marks = chartMarks(s.events);
      changed = true;
    }
    const d = s.history;
    if (d.from === 0) {
      this.restart(s, d.width);
      this.resyncing = false;
    } else if (d.generation !== this.generation || d.from > this.steps.length || d.width !== this.layout.width) {
      if (this.resyncing) return changed ? 'changed' : 'unchanged';
      this.resyncing = true;
      return 'resync';
    } else if (d.count === 0) return changed ? 'changed' : 'unchanged';
    // Rows of one generation never change, so an overlap (from < length) is the same points again.
    this.cut(d.from);
    this.generation = d.generation;
    const w = d.width;
    for (let r = 0; r < d.count; r++) {
      const at = r * w;
      this.steps.push(d.rows[at]!);
      for (let k = 1; k < w; k++) {
        const v = d.rows[at + k]!;
        this.columns[k]!.push(Number.isFinite(v) ? v : null);
      }
    }
    return 'changed';
  }

  /** Value of column `k` (HistoryLayout) at point `i`, null where not finite. */
  value(k: number, i: number): number | null {
    return (k === 0 ? this.steps[i] : this.columns[k]?.[i]) ?? null;
  }

  /** The points as CSV, the same file as the engine's and the CLI's for the same experiment (protocol/history-csv.ts). */
  toCsv(task: 'classification' | 'regression' = 'classification'): string {
    return historyCsv(this.length, (k, i) => this.value(k, i), this.layout, this.names, task);
  }

  /** The series a chart shows for `lane` (for a per-layer metric, of hidden layer `layer`); undefined when not recorded. */
  valuesOf(metric: ChartMetric, lane: number, layer = 0): Series | undefined {
    if (lane < 0 || lane >= this.layout.lanes) return undefined;
    if (LANE_METRICS.has(metric)) return this.columns[this.layout.laneColumn(lane, metric as Metric)];
    if (!LAYER_METRICS.has(metric) || layer < 0 || layer >= this.layout.layers) return undefined;
    return this.columns[this.layout.layerColumn(lane, layer, metric as LayerMetric)];
  }

  /** Starts over, keeping no point: rows of `width` numbers for the snapshot's lanes (the hidden layers follow from the width). */
  private restart(s: Snapshot, width: number): void {
    const lanes = s.lanes.length;
    const layers = lanes === 0 ? 0 : ((width - 1) / lanes - LANE_SERIES.length) / LAYER_SERIES.length;
    this.layout = new HistoryLayout(lanes, Number.isInteger(layers) && layers >= 0 ? layers : 0);
    this.names = s.lanes.map((l) => l.name);
    this.steps.length = 0;
    this.columns = Array.from({ length: width }, () => []);
  }

  /** Keeps the first `n` points. */
  private cut(n: number): void {
    if (this.steps.length <= n) return;
    this.steps.length = n;
    for (const c of this.columns) c.length = n;
  }
}
