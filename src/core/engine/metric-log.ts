import { HistoryLayout, LANE_SERIES, LAYER_SERIES, type HistoryDelta } from '../protocol/history';
import type { ExperimentHistory } from '../protocol/experiment';
import { historyCsv } from '../protocol/history-csv';
import { probeLoss, probeScore } from '../stats/probe';
import type { Lane } from './lane';

/** Most points a log keeps; reaching it drops every other point and halves the rate. */
export const MAX_LOG_POINTS = 4000;

/** A log's position, shareable between checkpoints: rows are never mutated, so taking one copies only references. */
export interface MetricLogState {
  readonly rows: readonly Float64Array<ArrayBuffer>[];
  readonly stride: number;
  readonly seen: number;
}

/**
 * A session's metric history, one row per recorded probe step (see protocol/history.ts): the first
 * MAX_LOG_POINTS probes, then every 2nd, 4th, ... The rule depends on the steps only, so a replay, the
 * CLI and the app on any machine record the same points.
 */
export class MetricLog {
  readonly layout: HistoryLayout;
  private rows: Float64Array<ArrayBuffer>[] = [];
  private stride = 1;
  private seen = 0;
  /** Changes whenever rows are dropped or replaced (thinning, restore), so consumers know to start over. */
  generation = 0;

  constructor(
    private readonly names: readonly string[],
    private readonly hidden: readonly number[],
  ) {
    this.layout = new HistoryLayout(names.length, hidden.length);
  }

  /** Points recorded. */
  get length(): number {
    return this.rows.length;
  }

  /** Records the lanes' metrics at `step` (called after each probe). */
  record(step: number, lanes: readonly Lane[]): void {
    if (this.seen++ % this.stride !== 0) return;
    const row = new Float64Array(this.layout.width);
    row[0] = step;
    const total = this.hidden.reduce((s, w) => s + w, 0);
    lanes.forEach((lane, i) => {
      const { inactivePercent, deadPercent } = lane.layerShares();
      const slopes = lane.layerSlopes();
      const dormantCount = lane.dormantCounts();
      const rows = lane.trainCounts.rows;
      let dead = 0;
      let inactive = 0;
      let dormant = 0;
      let zeros = 0;
      this.hidden.forEach((w, l) => {
        dead += (deadPercent[l]! * w) / 100;
        inactive += (inactivePercent[l]! * w) / 100;
        dormant += dormantCount[l]!;
        zeros += lane.trainCounts.zeros[l]!;
        row[this.layout.layerColumn(i, l, 'deadPercent')] = deadPercent[l]!;
        row[this.layout.layerColumn(i, l, 'inactivePercent')] = inactivePercent[l]!;
        row[this.layout.layerColumn(i, l, 'slope')] = slopes[l]!;
        row[this.layout.layerColumn(i, l, 'dormantPercent')] = (100 * dormantCount[l]!) / w;
        row[this.layout.layerColumn(i, l, 'zeroPercent')] = rows > 0 ? (100 * lane.trainCounts.zeros[l]!) / (rows * w) : Number.NaN;
      });
      const c = (name: (typeof LANE_SERIES)[number]) => this.layout.laneColumn(i, name);
      row[c('loss')] = lane.loss;
      row[c('smoothedLoss')] = lane.smoothedLoss;
      row[c('testLoss')] = probeLoss(lane.testCounts, lane.regression);
      row[c('trainScore')] = probeScore(lane.trainCounts, lane.regression);
      row[c('testScore')] = probeScore(lane.testCounts, lane.regression);
      row[c('deadAll')] = (100 * dead) / Math.max(1, total);
      row[c('inactiveAll')] = (100 * inactive) / Math.max(1, total);
      row[c('deaths')] = lane.tracker.deaths;
      row[c('revivals')] = lane.tracker.revivals;
      row[c('dormantAll')] = (100 * dormant) / Math.max(1, total);
      row[c('zeroAll')] = rows > 0 ? (100 * zeros) / (rows * Math.max(1, total)) : Number.NaN;
    });
    this.rows.push(row);
    if (this.rows.length >= MAX_LOG_POINTS) this.thin();
  }

  /** The history as CSV (protocol/history-csv.ts). */
  toCsv(task: 'classification' | 'regression'): string {
    return historyCsv(this.rows.length, (k, i) => this.rows[i]![k]!, this.layout, this.names, task);
  }

  /** The rows from index `from` on (all of them when `from` is past the end), flat, for a snapshot. */
  delta(from: number): HistoryDelta {
    const start = from <= this.rows.length ? from : 0;
    const width = this.layout.width;
    const out = new Float64Array((this.rows.length - start) * width);
    for (let i = start; i < this.rows.length; i++) out.set(this.rows[i]!, (i - start) * width);
    return { generation: this.generation, from: start, count: this.rows.length - start, width, rows: out };
  }

  /** The log's position (cheap: rows are shared, never copied). */
  saveState(): MetricLogState {
    return { rows: this.rows.slice(), stride: this.stride, seen: this.seen };
  }

  /** Goes back to a saved position (a rewind or an opened file). */
  loadState(s: MetricLogState): void {
    if (s.rows.some((r) => r.length !== this.layout.width)) throw new Error('the saved history does not fit this session');
    this.rows = s.rows.slice();
    this.stride = s.stride;
    this.seen = s.seen;
    this.generation++;
  }

  /** The history in the experiment file's form: columns, non-finite values as null (JSON has no NaN). */
  toHistory(): ExperimentHistory {
    const col = (k: number) => this.rows.map((r) => (Number.isFinite(r[k]!) ? r[k]! : null));
    const L = this.layout;
    return {
      steps: this.rows.map((r) => r[0]!),
      stride: this.stride,
      seen: this.seen,
      lanes: this.names.map((name, i) => ({
        name,
        loss: col(L.laneColumn(i, 'loss')),
        smoothedLoss: col(L.laneColumn(i, 'smoothedLoss')),
        testLoss: col(L.laneColumn(i, 'testLoss')),
        trainScore: col(L.laneColumn(i, 'trainScore')),
        testScore: col(L.laneColumn(i, 'testScore')),
        deadAll: col(L.laneColumn(i, 'deadAll')),
        inactiveAll: col(L.laneColumn(i, 'inactiveAll')),
        deaths: col(L.laneColumn(i, 'deaths')),
        revivals: col(L.laneColumn(i, 'revivals')),
        dormantAll: col(L.laneColumn(i, 'dormantAll')),
        zeroAll: col(L.laneColumn(i, 'zeroAll')),
        deadPercent: this.hidden.map((_, l) => col(L.layerColumn(i, l, 'deadPercent'))),
        inactivePercent: this.hidden.map((_, l) => col(L.layerColumn(i, l, 'inactivePercent'))),
        slope: this.hidden.map((_, l) => col(L.layerColumn(i, l, 'slope'))),
        dormantPercent: this.hidden.map((_, l) => col(L.layerColumn(i, l, 'dormantPercent'))),
        zeroPercent: this.hidden.map((_, l) => col(L.layerColumn(i, l, 'zeroPercent'))),
      })),
    };
  }

  /**
   * The rows of a saved history (null values back to NaN; series an older file lacks are NaN), or a
   * sentence saying why it does not fit this session.
   */
  static rowsFrom(h: ExperimentHistory, layout: HistoryLayout): Float64Array<ArrayBuffer>[] | string {
    if (h.lanes.length !== layout.lanes) return `the history has ${h.lanes.length} lane(s), the session ${layout.lanes}`;
    const n = h.steps.length;
    const rows = h.steps.map((s) => {
      const r = new Float64Array(layout.width).fill(Number.NaN);
      r[0] = s;
      return r;
    });
    const put = (k: number, series: readonly (number | null)[] | undefined): string | null => {
      if (series === undefined) return null;
      if (series.length !== n) return `a series has ${series.length} values for ${n} steps`;
      series.forEach((x, i) => (rows[i]![k] = x ?? Number.NaN));
      return null;
    };
    for (let i = 0; i < layout.lanes; i++) {
      const lane = h.lanes[i]!;
      const byName: Record<string, readonly (number | null)[] | undefined> = { ...lane, trainScore: lane.trainScore ?? lane.trainAccuracy, testScore: lane.testScore ?? lane.testAccuracy } as never;
      for (const name of LANE_SERIES) {
        const bad = put(layout.laneColumn(i, name), byName[name]);
        if (bad !== null) return `lane "${lane.name}" ${name}: ${bad}`;
      }
      for (const name of LAYER_SERIES) {
        const perLayer = lane[name];
        if (perLayer === undefined) continue;
        if (perLayer.length !== layout.layers) return `lane "${lane.name}" ${name} has ${perLayer.length} layer(s), the session ${layout.layers}`;
        for (let l = 0; l < layout.layers; l++) {
          const bad = put(layout.layerColumn(i, l, name), perLayer[l]);
          if (bad !== null) return `lane "${lane.name}" ${name} layer ${l + 1}: ${bad}`;
        }
      }
    }
    return rows;
  }

  private thin(): void {
    this.rows = this.rows.filter((_, i) => i % 2 === 0);
    this.stride *= 2;
    this.generation++;
  }
}
