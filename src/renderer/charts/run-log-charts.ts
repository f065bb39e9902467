import type { RunLog, RunLogLayerRecord } from '../../core/protocol/run-log';
import type { YScale } from './chart-specs';

/** One line of a run-log chart: a layer's series (or the loss), its values per record (null: none there). */
export interface RunLogSeries {
  readonly name: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
}

/** One chart of the run-log view: the log's record steps and the series drawn over them. */
export interface RunLogChartModel {
  readonly title: string;
  readonly testid: string;
  readonly y: YScale;
  readonly format: (v: number) => string;
  readonly steps: readonly number[];
  readonly series: readonly RunLogSeries[];
}

const percent = (v: number): string => `${Number(v.toPrecision(3))}%`;
const plain = (v: number): string => String(Number(v.toPrecision(3)));

/** A layer's label on the charts: its position and module name ("L2 net.3"). */
export function layerLabel(i: number, name: string): string {
  return `L${i + 1} ${name}`;
}

/**
 * The charts of a run log, top to bottom: the loss (when the log has it), dead % (only the layers whose
 * activation has zero gradient there), inactive %, τ-dormant %, the share of zero activations and
 * PReLU's mean slope (when there is a PReLU). One series per layer in `colors` (cycled). The values are
 * the log's own, column by column: nothing is computed here.
 */
export function runLogCharts(log: RunLog, colors: readonly string[]): RunLogChartModel[] {
  const steps = log.records.map((r) => r.step);
  const layers = log.header.layers;
  const column = (i: number, pick: (l: RunLogLayerRecord) => number | null) => log.records.map((r) => pick(r.layers[i]!));
  const series = (keep: (i: number) => boolean, pick: (l: RunLogLayerRecord) => number | null): RunLogSeries[] =>
    layers.flatMap((l, i) => (keep(i) ? [{ name: layerLabel(i, l.name), color: colors[i % colors.length] ?? '#888', values: column(i, pick) }] : []));
  const charts: RunLogChartModel[] = [];
  if (log.records.some((r) => r.loss !== null)) {
    // Non-finite losses are left out of the line (the diagnosis names the step).
    const loss = log.records.map((r) => (r.loss !== null && Number.isFinite(r.loss) && r.loss > 0 ? r.loss : null));
    charts.push({ title: 'Loss (as logged)', testid: 'run-log-chart-loss', y: { kind: 'log' }, format: plain, steps, series: [{ name: 'loss', color: colors[0] ?? '#888', values: loss }] });
  }
  const zeroGrad = (i: number) => layers[i]!.kind === 'zero-grad';
  if (layers.some((_, i) => zeroGrad(i))) {
    charts.push({ title: 'Dead % (output 0 on every input; zero-gradient activations only)', testid: 'run-log-chart-dead', y: { kind: 'from-zero' }, format: percent, steps, series: series(zeroGrad, (l) => l.deadPercent) });
  }
  charts.push({ title: 'Inactive % (z ≤ 0 on every input)', testid: 'run-log-chart-inactive', y: { kind: 'from-zero' }, format: percent, steps, series: series(() => true, (l) => l.inactivePercent) });
  charts.push({ title: `τ-dormant % (τ = ${log.header.tau})`, testid: 'run-log-chart-dormant', y: { kind: 'from-zero' }, format: percent, steps, series: series(() => true, (l) => l.dormantPercent) });
  charts.push({ title: 'Zero activations (% of all values)', testid: 'run-log-chart-zeros', y: { kind: 'fixed', min: 0, max: 100 }, format: percent, steps, series: series(() => true, (l) => (l.zeroFraction === null ? null : 100 * l.zeroFraction)) });
  const hasAlpha = (i: number) => log.records.some((r) => r.layers[i]!.alpha !== null);
  if (layers.some((_, i) => hasAlpha(i))) {
    charts.push({ title: 'PReLU slope α (mean over the layer)', testid: 'run-log-chart-alpha', y: { kind: 'around-data' }, format: plain, steps, series: series(hasAlpha, (l) => l.alpha?.mean ?? null) });
  }
  return charts;
}
