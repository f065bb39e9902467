import type { Task } from '../../core/data/dataset';
import { type Metric, type MetricHistory } from './history';

/** Name of the metrics file the "Export metrics CSV" button saves. */
export const METRICS_FILE_NAME = 'leaky-lab-metrics.csv';

/** CSV columns after step and lane, with the history series each one comes from. */
const COLUMNS: readonly (readonly [string, Metric])[] = [
  ['loss', 'loss'],
  ['loss_smoothed', 'smoothedLoss'],
  ['train_accuracy', 'trainAccuracy'],
  ['test_accuracy', 'testAccuracy'],
  ['dead_percent', 'deadPercent'],
  ['revivals', 'revivals'],
];

/** Column names for a task: a regression lane's score is R² (same series), and its loss the MSE. */
function columnName(name: string, task: Task): string {
  if (task !== 'regression') return name;
  return name.replace(/_accuracy$/, '_r2').replace(/^loss/, 'mse');
}

/** Quotes a CSV field when it holds a comma, quote or line break (lane names are user text). */
function field(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The recorded history as CSV, one row per (step, lane): long format, so any number of lanes loads the
 * same way into a spreadsheet or pandas. Empty cells are values that were not finite (a diverged lane).
 * The history is sampled at snapshot times and thinned on long runs; the CLI writes every step.
 * For regression the score columns are train_r2 and test_r2 and the loss columns mse and mse_smoothed.
 */
export function metricsCsv(history: MetricHistory, task: Task = 'classification'): string {
  const rows = [['step', 'lane', ...COLUMNS.map(([name]) => columnName(name, task))].join(',')];
  history.steps.forEach((step, i) => {
    for (const lane of history.lanes) {
      const cells = COLUMNS.map(([, metric]) => {
        const v = lane.values[metric][i];
        return v === null || v === undefined ? '' : String(v);
      });
      rows.push([String(step), field(lane.name), ...cells].join(','));
    }
  });
  return `${rows.join('\n')}\n`;
}
