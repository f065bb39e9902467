import type { Estimate } from '../../core/lab/bootstrap';
import { axisValueLabel } from '../../core/lab/sweep-plan';
import type { CellSummary } from '../../core/lab/sweep-summary';
import type { Axis, AxisName, Sweep } from '../../core/protocol/sweep';

/** One point of a line: x in the plot's x units, the mean and its 95% interval (NaN: not measured). */
export interface LinePoint {
  readonly x: number;
  readonly y: number;
  readonly low: number;
  readonly high: number;
}

/** One line of a plot with its band, and the legend entry for it. */
export interface LineSeries {
  readonly name: string;
  readonly points: readonly LinePoint[];
}

/** A line plot with 95% bands: what plot-svg draws (x positions, y in the units its label says). */
export interface LinePlot {
  readonly kind: 'lines';
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** 'log' for a positive numeric axis spanning 10x or more; 'category' places ticks at 0, 1, 2, ... */
  readonly xScale: 'linear' | 'log' | 'category';
  readonly xTicks: readonly { readonly x: number; readonly label: string }[];
  readonly series: readonly LineSeries[];
  /** A value the y axis always shows (0 for a percentage that starts at none), or undefined. */
  readonly yFloor?: number;
  readonly note: string;
}

/** A heatmap: rows by columns of a mean (NaN: no finished run there), with the legend's units. */
export interface HeatmapPlot {
  readonly kind: 'heatmap';
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly columns: readonly string[];
  readonly rows: readonly string[];
  /** values[row][column]. */
  readonly values: readonly (readonly number[])[];
  /** How a value is printed in its cell and on the colour bar ("%" multiplies by 100). */
  readonly unit: '%' | '';
  readonly note: string;
}

/** Any plot the Lab shows and exports. */
export type PlotSpec = LinePlot | HeatmapPlot;

/** How the axes read on a plot. */
const AXIS_TITLES: Record<AxisName, string> = {
  activation: 'activation',
  lr: 'learning rate',
  batchSize: 'batch size',
  hidden: 'hidden layers',
  depth: 'depth (hidden layers)',
  width: 'width (neurons per layer)',
  init: 'initialization',
  biasShift: 'bias shift',
  optimizer: 'optimizer',
  dataset: 'dataset',
  redo: 'ReDo (recycling dormant neurons)',
};

/** The sweep's axes split into the activation axis and the others, with their positions. */
function roles(s: Pick<Sweep, 'axes'>): { act: number; others: number[] } {
  const act = s.axes.findIndex((a) => a.axis === 'activation');
  return { act, others: s.axes.map((_, k) => k).filter((k) => k !== act) };
}

/** x positions and scale of an axis's values: numbers when all are positive numbers (log when they span 10x), else categories. */
function xPlacement(a: Axis): { scale: LinePlot['xScale']; xs: number[] } {
  const nums = a.values.every((v) => typeof v === 'number') ? (a.values as number[]) : null;
  if (nums === null) return { scale: 'category', xs: a.values.map((_, i) => i) };
  const positive = nums.every((x) => x > 0);
  if (positive && nums.length > 1 && Math.max(...nums) / Math.min(...nums) >= 10) return { scale: 'log', xs: nums };
  return { scale: nums.length > 1 ? 'linear' : 'category', xs: nums.length > 1 ? nums : [0] };
}

/** A series key: every label of the cell but the x axis's, joined (one line per activation, or per combination). */
function seriesKey(c: CellSummary, x: number): string {
  const rest = c.labels.filter((_, k) => k !== x);
  return rest.length === 0 ? 'all runs' : rest.join(' · ');
}

const pct = (e: Pick<Estimate, 'mean' | 'low' | 'high'>) => ({ y: e.mean * 100, low: e.low * 100, high: e.high * 100 });

/** A per-cell measure a plot can show: its id, title words, y label and the value with its interval. */
export interface CellMetric {
  readonly id: string;
  readonly title: string;
  readonly yLabel: string;
  readonly value: (c: CellSummary) => { readonly y: number; readonly low: number; readonly high: number };
}

/** Final test score (%, or R² x100), mean and 95% bootstrap interval. */
export function scoreMetric(regression: boolean): CellMetric {
  return { id: 'score', title: 'Final test score', yLabel: regression ? 'final test R² (x100)' : 'final test accuracy (%)', value: (c) => pct(c.finalTestScore) };
}

/** Share of runs (%) that ended as a constant function, with its 95% Wilson interval (Lu et al.'s collapse). */
export const COLLAPSED_METRIC: CellMetric = { id: 'collapsed', title: 'Runs collapsed to a constant', yLabel: 'collapsed runs (%)', value: (c) => pct({ mean: c.collapsed.share, low: c.collapsed.low, high: c.collapsed.high }) };

/** Share of runs (%) that diverged (went non-finite), with its 95% Wilson interval. */
export const DIVERGED_METRIC: CellMetric = { id: 'diverged', title: 'Runs diverged', yLabel: 'diverged runs (%)', value: (c) => pct({ mean: c.diverged.share, low: c.diverged.low, high: c.diverged.high }) };

/** Final test score against the swept axis (see metricPlot). */
export function scorePlot(s: Pick<Sweep, 'axes'>, summaries: readonly CellSummary[], regression: boolean): LinePlot {
  return metricPlot(s, summaries, scoreMetric(regression));
}

/**
 * A per-cell measure against the first swept axis that is not the activation, one line per activation
 * (and per value of any further axis), with its 95% band. Without such an axis, the activations are the
 * x categories (points with interval bars, no lines between them).
 */
export function metricPlot(s: Pick<Sweep, 'axes'>, summaries: readonly CellSummary[], m: CellMetric): LinePlot {
  const { act, others } = roles(s);
  const x = others[0] ?? act;
  const isShare = m.id === 'collapsed' || m.id === 'diverged';
  const base = { kind: 'lines' as const, id: m.id, yLabel: m.yLabel, note: `${note(summaries)}${isShare ? ' (shares: 95% Wilson interval)' : ''}`, ...(isShare ? { yFloor: 0 } : {}) };
  if (x < 0) {
    const c = summaries[0];
    const points = c === undefined ? [] : [{ x: 0, ...m.value(c) }];
    return { ...base, title: m.title, xLabel: '', xScale: 'category', xTicks: [{ x: 0, label: 'all runs' }], series: [{ name: 'all runs', points }] };
  }
  const axis = s.axes[x]!;
  const { scale, xs } = xPlacement(axis);
  const bySeries = new Map<string, LinePoint[]>();
  for (const c of summaries) {
    const key = seriesKey(c, x);
    bySeries.set(key, [...(bySeries.get(key) ?? []), { x: xs[axisIndex(c, x, s)]!, ...m.value(c) }]);
  }
  const series = [...bySeries].map(([name, points]) => ({ name, points: [...points].sort((a, b) => a.x - b.x) }));
  const ticks = axis.values.map((_, i) => ({ x: xs[i]!, label: axisValueLabel(axis, i) }));
  return { ...base, title: `${m.title} by ${AXIS_TITLES[axis.axis]}`, xLabel: AXIS_TITLES[axis.axis], xScale: scale, xTicks: ticks, series };
}

/** What a trace plot shows: ReLU's dead neurons, or inactive ones (no row fires them) under any activation. */
export type TraceKind = 'dead' | 'inactive';

const TRACE_WORDS: Record<TraceKind, { title: string; y: string; note: string }> = {
  dead: { title: 'Dead neurons over training', y: 'dead % of hidden neurons', note: "dead: ReLU's zero-gradient neurons (leaky ones have none)" },
  inactive: { title: 'Inactive neurons over training', y: 'inactive % of hidden neurons', note: 'inactive: no training row fires them; under leaky activations they still learn' },
};

/**
 * Dead (or inactive) % of all hidden neurons over the steps, mean and 95% band over a cell's seeds: one
 * plot per value of the first non-activation axis (at most `most`), one line per activation there.
 */
export function deadTracePlots(s: Pick<Sweep, 'axes'>, summaries: readonly CellSummary[], most = 6, kind: TraceKind = 'dead'): LinePlot[] {
  const { others } = roles(s);
  const x = others[0];
  const groups = new Map<string, CellSummary[]>();
  for (const c of summaries) {
    const key = x === undefined ? '' : c.labels[x]!;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const word = x === undefined ? '' : AXIS_TITLES[s.axes[x]!.axis];
  const words = TRACE_WORDS[kind];
  const band = (c: CellSummary) => (kind === 'dead' ? c.deadTrace : c.inactiveTrace);
  return [...groups].slice(0, most).map(([value, cells], g) => {
    const series = cells.map((c) => ({
      name: x === undefined ? c.labels.join(' · ') || 'all runs' : seriesKey(c, x),
      points: band(c).steps.map((step, i) => ({ x: step, y: band(c).mean[i]!, low: band(c).low[i]!, high: band(c).high[i]! })),
    }));
    const steps = band(cells[0]!).steps;
    return {
      kind: 'lines',
      id: `${kind}-${g}`,
      title: x === undefined ? words.title : `${words.title}, ${word} ${value}`,
      xLabel: 'step',
      yLabel: words.y,
      xScale: 'linear',
      xTicks: stepTicks(steps[steps.length - 1] ?? 0),
      series,
      yFloor: 0,
      note: `${note(cells)}; ${words.note}`,
    } satisfies LinePlot;
  });
}

/**
 * Mean final test score as a heatmap: two non-activation axes (columns: the first, rows: the second,
 * one map per activation, at most `most`), or activation rows by one axis's columns. Null otherwise.
 */
export function heatmapPlots(s: Pick<Sweep, 'axes'>, summaries: readonly CellSummary[], regression: boolean, most = 4): HeatmapPlot[] {
  const { act, others } = roles(s);
  const unit = regression ? '' : '%';
  const title = regression ? 'Mean final test R²' : 'Mean final test accuracy';
  const build = (cells: readonly CellSummary[], col: number, row: number, id: string, suffix: string, used: number): HeatmapPlot => {
    const columns = s.axes[col]!.values.map((_, i) => axisValueLabel(s.axes[col]!, i));
    const rows = s.axes[row]!.values.map((_, i) => axisValueLabel(s.axes[row]!, i));
    // Averaged over any further axis (the note says so), so each square is one (row, column) pair.
    const sum = rows.map(() => columns.map(() => 0));
    const n = rows.map(() => columns.map(() => 0));
    for (const c of cells) {
      const ci = axisIndex(c, col, s);
      const ri = axisIndex(c, row, s);
      if (!Number.isFinite(c.finalTestScore.mean)) continue;
      sum[ri]![ci]! += c.finalTestScore.mean;
      n[ri]![ci]!++;
    }
    const values = sum.map((r, i) => r.map((v, j) => (n[i]![j]! === 0 ? Number.NaN : v / n[i]![j]!)));
    const further = s.axes.length > used;
    return { kind: 'heatmap', id, title: `${title}${suffix}`, xLabel: AXIS_TITLES[s.axes[col]!.axis], yLabel: AXIS_TITLES[s.axes[row]!.axis], columns, rows, values, unit, note: `${note(cells)}${further ? '; averaged over the other axes' : ''}` };
  };
  if (others.length >= 2) {
    const [col, row] = [others[0]!, others[1]!];
    if (act < 0) return [build(summaries, col, row, 'heat-0', '', 2)];
    return s.axes[act]!.values.slice(0, most).map((_, a) => {
      const cells = summaries.filter((c) => axisIndex(c, act, s) === a);
      return build(cells, col, row, `heat-${a}`, `, ${axisValueLabel(s.axes[act]!, a)}`, 3);
    });
  }
  if (others.length === 1 && act >= 0) return [build(summaries, others[0]!, act, 'heat-0', '', 2)];
  return [];
}

/** The index of a cell's value on axis `k` (cells carry labels; the sweep's value order decides). */
export function axisIndex(c: CellSummary, k: number, s: Pick<Sweep, 'axes'>): number {
  // A cell's index encodes its position, the first axis varying slowest (lab/sweep-plan.ts sweepCells).
  let rest = c.cell;
  for (let j = s.axes.length - 1; j > k; j--) rest = Math.floor(rest / s.axes[j]!.values.length);
  return rest % s.axes[k]!.values.length;
}

/** Round step ticks from 0 to `last` (about five). */
function stepTicks(last: number): { x: number; label: string }[] {
  if (last <= 0) return [{ x: 0, label: '0' }];
  const raw = last / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((m) => m >= raw)!;
  const out: { x: number; label: string }[] = [];
  for (let x = 0; x <= last + 1e-9; x += step) out.push({ x, label: x.toLocaleString('en-US') });
  return out;
}

/** "10 seeds per point, 95% bootstrap interval" (or the range of seeds when cells differ). */
export function note(cells: readonly CellSummary[]): string {
  if (cells.length === 0) return 'no finished runs yet';
  const ns = cells.map((c) => c.seeds.length);
  const lo = Math.min(...ns);
  const hi = Math.max(...ns);
  return `${lo === hi ? lo : `${lo}-${hi}`} seed${hi === 1 ? '' : 's'} per point, bands: 95% bootstrap interval of the mean`;
}
