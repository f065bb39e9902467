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

/** Quotes a CSV field when it holds a comma, quote or line break (lane names are user text). */
function field(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The recorded history as CSV, one row per (step, lane): long format, so any number of lanes loads the
 * same way into a spreadsheet or pandas. Empty cells are values that were not finite (a diverged lane).
 * The history is sampled at snapshot times and thinned on long runs; the CLI writes every step.
 */
export function metricsCsv(history: MetricHistory): string {
  const rows = [['step', 'lane', ...COLUMNS.map(([name]) => name)].join(',')];
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
