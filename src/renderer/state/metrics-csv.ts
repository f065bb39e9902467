import type { Task } from '../../core/data/dataset';
import { type Metric, type MetricHistory } from './history';

/** Name of the metrics file the "Export metrics CSV" button saves. */
export const METRICS_FILE_NAME = 'leaky-lab-metrics.csv';

/** CSV columns after step and lane, before the per-layer dead % columns, with the history series each one comes from. */
const COLUMNS: readonly (readonly [string, Metric])[] = [
  ['loss', 'loss'],
  ['loss_smoothed', 'smoothedLoss'],
  ['test_loss', 'testLoss'],
  ['train_accuracy', 'trainAccuracy'],
  ['test_accuracy', 'testAccuracy'],
  ['dead_percent', 'deadPercent'],
];

/** Column names for a task: a regression lane's score is R² (same series), and its loss the MSE. */
function columnName(name: string, task: Task): string {
  if (task !== 'regression') return name;
  return name.replace(/_accuracy$/, '_r2').replace(/(^|_)loss/, '$1mse');
}

/** Quotes a CSV field when it holds a comma, quote or line break (lane names are user text). */
function field(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cell(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/**
 * The recorded history as CSV, one row per (step, lane): long format, so any number of lanes loads the
 * same way into a spreadsheet or pandas. Empty cells are values that were not finite (a diverged lane, a
 * test loss without test rows). The history is sampled at snapshot times and thinned on long runs; the
 * CLI writes every step. Columns: the batch loss, its moving average, the test loss at the last probe,
 * the scores, dead % of all hidden neurons, then of each hidden layer (dead_pct_layer1, … as the CLI
 * names them), and revivals so far. For regression the loss columns are mse, mse_smoothed and test_mse and
 * the score columns train_r2 and test_r2.
 */
export function metricsCsv(history: MetricHistory, task: Task = 'classification'): string {
  const layers = history.hiddenLayers;
  const layerColumns = Array.from({ length: layers }, (_, l) => `dead_pct_layer${l + 1}`);
  const rows = [['step', 'lane', ...COLUMNS.map(([name]) => columnName(name, task)), ...layerColumns, 'revivals'].join(',')];
  history.steps.forEach((step, i) => {
    for (const lane of history.lanes) {
      const cells = COLUMNS.map(([, metric]) => cell(lane.values[metric][i]));
      for (let l = 0; l < layers; l++) cells.push(cell(lane.deadLayers[l]?.[i]));
      cells.push(cell(lane.values.revivals[i]));
      rows.push([String(step), field(lane.name), ...cells].join(','));
    }
  });
  return `${rows.join('\n')}\n`;
}
