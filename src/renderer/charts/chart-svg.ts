import { chartSubtitle, type ExportContext, lanesNote } from '../state/export-title';
import type { MetricHistory } from '../state/history';
import { seriesValues } from './chart-series';
import { type ChartSpec, formatStep, type YScale } from './chart-specs';
import type { LinePlot } from './lab-plots';
import { LIGHT_PLOT, type LineStyle, niceTicks, type PlotSize, type PlotTheme, plotSvg } from './plot-svg';
import { aroundData, type ChartLane, logSplits } from './uplot-options';

/** Size of an exported chart in CSS pixels (its PNG is twice that). */
export const CHART_EXPORT_SIZE: PlotSize = { width: 640, height: 320 };

/** The y range a chart's scale gives the values from `min` to `max` (the same rules as the live chart's). */
export function chartYRange(y: YScale, min: number, max: number): [number, number] {
  const finite = Number.isFinite(min) && Number.isFinite(max);
  switch (y.kind) {
    case 'log':
      return finite && min > 0 ? [min, max > min ? max : min * 10] : [0.1, 1];
    case 'fixed':
      return [y.min, y.max];
    case 'from-zero':
      return [0, finite && max > 0 ? max * 1.08 : 1];
    case 'up-to-one':
      return [finite ? Math.max(y.floor, Math.min(0.9, Math.floor(min * 10) / 10)) : Math.max(0, y.floor), 1];
    case 'around-data':
      return aroundData(min, max);
  }
}

/** The y axis plot-svg draws: on a log chart in log10 units (the points are too), ticks labelled in the spec's format. */
function yAxis(spec: ChartSpec, values: readonly number[]): NonNullable<LineStyle['yAxis']> {
  const shown = spec.y.kind === 'log' ? values.filter((v) => v > 0) : values;
  const min = shown.length === 0 ? NaN : Math.min(...shown);
  const max = shown.length === 0 ? NaN : Math.max(...shown);
  const [lo, hi] = chartYRange(spec.y, min, max);
  if (spec.y.kind !== 'log') return { range: [lo, hi], ticks: niceTicks(lo, hi).map((t) => ({ y: t, label: spec.format(t) })) };
  // A little room above and below the data, in decades, so the extreme points do not sit on the frame.
  const pad = 0.04 * Math.max(0.3, Math.log10(hi / lo));
  const splits = logSplits(lo, hi);
  const ticks = (splits.length > 0 ? splits : [lo]).map((v) => ({ y: Math.log10(v), label: spec.format(v) }));
  return { range: [Math.log10(lo) - pad, Math.log10(hi) + pad], ticks };
}

/** What one chart export needs: the chart as the sidebar shows it and where it comes from. */
export interface ChartExport {
  readonly spec: ChartSpec;
  /** The series the live chart overlays (chart-series.ts chartSeries). */
  readonly series: readonly ChartLane[];
  readonly history: MetricHistory;
  readonly context: ExportContext;
}

/**
 * A chart as a standalone SVG document, drawn by plot-svg from the mirrored engine history (the same
 * points the live chart and the CSV show): the lanes' colours and dashes, the chart's y scale, the
 * recorded changes marked, a title with the step and dataset, a legend, and a note naming each lane's activation.
 */
export function chartSvg(x: ChartExport, size: PlotSize = CHART_EXPORT_SIZE, theme: PlotTheme = LIGHT_PLOT): string {
  const { spec, series, history } = x;
  const steps = history.steps;
  // The title names the newest step drawn (the history can trail the session by a snapshot).
  const context = steps.length === 0 ? x.context : { ...x.context, step: steps[steps.length - 1]! };
  const raw = series.map((s, k) => seriesValues(history, spec, s, k) ?? []);
  const log = spec.y.kind === 'log';
  const finite = raw.flatMap((vs) => vs.filter((v): v is number => v !== null && Number.isFinite(v)));
  const plot: LinePlot = {
    kind: 'lines',
    id: spec.testid,
    title: spec.title,
    xLabel: 'step',
    yLabel: '',
    xScale: 'linear',
    xTicks: steps.length === 0 ? [] : niceTicks(steps[0]!, steps[steps.length - 1]!).map((t) => ({ x: t, label: formatStep(t) })),
    series: series.map((s, k) => ({
      name: s.name,
      points: steps.map((step, i) => {
        const v = raw[k]![i] ?? null;
        const y = v === null ? NaN : log ? (v > 0 ? Math.log10(v) : NaN) : v;
        return { x: step, y, low: NaN, high: NaN };
      }),
    })),
    note: lanesNote(context, history.marks.length > 0),
  };
  const color = (lane: number): string => context.lanes[lane]?.color ?? '#888888';
  const last = steps.length === 0 ? -Infinity : steps[steps.length - 1]!;
  const style: LineStyle = {
    subtitle: chartSubtitle(context),
    colors: series.map((s) => s.color),
    dashes: series.map((s) => s.dash),
    yAxis: yAxis(spec, finite),
    marks: history.marks.filter((m) => steps.length > 0 && m.step >= steps[0]! && m.step <= last).map((m) => ({ x: m.step, label: m.label, color: color(m.lane) })),
  };
  return plotSvg(plot, size, theme, style);
}
