import { csvField, csvNumber } from '../protocol/csv-cells';
import type { Sweep } from '../protocol/sweep';
import type { Estimate } from './bootstrap';
import type { Cell } from './sweep-plan';
import type { RunResult } from './sweep-run';
import type { CellSummary, Proportion } from './sweep-summary';

/** Per-layer values in one CSV cell, separated by semicolons (the depth may differ between cells). */
const layers = (xs: readonly number[]) => xs.map((x) => csvNumber(x)).join(';');

/** Header of the results CSV: run, cell, seed, one column per axis, then the metrics. */
export function resultsHeader(sweep: Pick<Sweep, 'axes'>): string {
  return ['run', 'cell', 'seed', ...sweep.axes.map((a) => a.axis), 'steps', 'final_test_score', 'best_test_score', 'final_train_score', 'final_loss', 'final_test_loss', 'dead_percent', 'inactive_percent', 'dead_percent_by_layer', 'inactive_percent_by_layer', 'born_dead', 'diverged', 'diverged_at', 'steps_to_target', 'collapsed', 'slope_by_layer'].join(',');
}

/** One results row: the run's axis values (labels, as the Lab shows them) and its metrics. */
export function resultsRow(cell: Cell, r: RunResult): string {
  return [
    String(r.index),
    String(r.cell),
    String(r.seed),
    ...cell.labels.map(csvField),
    String(r.steps),
    csvNumber(r.finalTestScore),
    csvNumber(r.bestTestScore),
    csvNumber(r.finalTrainScore),
    csvNumber(r.finalLoss),
    csvNumber(r.finalTestLoss),
    csvNumber(r.trace.dead[r.trace.dead.length - 1]),
    csvNumber(r.trace.inactive[r.trace.inactive.length - 1]),
    layers(r.deadPercent),
    layers(r.inactivePercent),
    String(r.bornDead),
    r.divergedAt === null ? '0' : '1',
    csvNumber(r.divergedAt),
    csvNumber(r.stepsToTarget),
    r.collapsed ? '1' : '0',
    layers(r.slopes),
  ].join(',');
}

/** The whole results CSV of the finished runs, in run order (one row per run; see docs/sweep-format.md). */
export function resultsCsv(sweep: Pick<Sweep, 'axes'>, cells: readonly Cell[], results: readonly (RunResult | null)[]): string {
  const rows = results.filter((r): r is RunResult => r !== null).sort((a, b) => a.index - b.index);
  return `${[resultsHeader(sweep), ...rows.map((r) => resultsRow(cells[r.cell]!, r))].join('\n')}\n`;
}

const ESTIMATES = ['finalTestScore', 'bestTestScore', 'finalLoss', 'deadPercent', 'inactivePercent', 'bornDead', 'stepsToTarget'] as const;
const PROPORTIONS = ['diverged', 'collapsed', 'reachedTarget'] as const;
const LAYERED = ['deadPerLayer', 'slopePerLayer'] as const;
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The summary CSV: one row per cell, its axis values, runs and seeds, then mean and 95% interval of each metric. */
export function summaryCsv(sweep: Pick<Sweep, 'axes'>, summaries: readonly CellSummary[]): string {
  const header = [
    'cell',
    ...sweep.axes.map((a) => a.axis),
    'runs',
    'seeds',
    ...ESTIMATES.flatMap((k) => [snake(k), `${snake(k)}_ci_low`, `${snake(k)}_ci_high`]),
    ...PROPORTIONS.flatMap((k) => [`${snake(k)}_share`, `${snake(k)}_ci_low`, `${snake(k)}_ci_high`]),
    ...LAYERED.flatMap((k) => [`${snake(k)}`, `${snake(k)}_ci_low`, `${snake(k)}_ci_high`]),
  ];
  const est = (e: Estimate) => [csvNumber(e.mean), csvNumber(e.low), csvNumber(e.high)];
  const prop = (p: Proportion) => [csvNumber(p.share), csvNumber(p.low), csvNumber(p.high)];
  // Per-layer estimates: one column each for the means, lows and highs, layers joined by ';'.
  const layered = (es: readonly Estimate[]) => (['mean', 'low', 'high'] as const).map((f) => es.map((e) => csvNumber(e[f])).join(';'));
  const rows = summaries.map((s) => [String(s.cell), ...s.labels.map(csvField), String(s.seeds.length), s.seeds.join(';'), ...ESTIMATES.flatMap((k) => est(s[k])), ...PROPORTIONS.flatMap((k) => prop(s[k])), ...LAYERED.flatMap((k) => layered(s[k]))].join(','));
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
