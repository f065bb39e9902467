import { csvField as field, csvNumber as cell } from './csv-cells';
import { type HistoryLayout, LANE_SERIES, LAYER_SERIES, type LaneSeriesName, type LayerSeriesName } from './history';

/** A dataset's task: regression renames the loss and score columns. */
type Task = 'classification' | 'regression';

/** Name of the metrics file the app's "Export metrics CSV" saves. */
export const METRICS_FILE_NAME = 'leaky-lab-metrics.csv';

/** CSV names of the per-lane series (classification; regression renames losses and scores). */
const LANE_COLUMN: Record<LaneSeriesName, string> = {
  loss: 'loss',
  smoothedLoss: 'loss_smoothed',
  testLoss: 'test_loss',
  trainScore: 'train_accuracy',
  testScore: 'test_accuracy',
  deadAll: 'dead_percent',
  inactiveAll: 'inactive_percent',
  deaths: 'deaths',
  revivals: 'revivals',
  dormantAll: 'dormant_percent',
  // The article's dead_ratio = (activations == 0).float().mean(), as a percentage.
  zeroAll: 'zero_percent',
};
const LAYER_COLUMN: Record<LayerSeriesName, string> = { deadPercent: 'dead_pct_layer', inactivePercent: 'inactive_pct_layer', slope: 'slope_layer', dormantPercent: 'dormant_pct_layer', zeroPercent: 'zero_pct_layer' };

function columnName(name: string, task: Task): string {
  if (task !== 'regression') return name;
  return name.replace(/_accuracy$/, '_r2').replace(/(^|_)loss/, '$1mse');
}


/**
 * The engine's metric history as CSV, one row per (recorded step, lane), in long format so any number
 * of lanes loads the same way into a spreadsheet or pandas. `value(k, i)`: column k (HistoryLayout) of
 * point i. Points are the engine's: every probe (10 steps), thinned on long runs by a rule of steps
 * only, so the app and `leaky-lab run --history` write the same file for the same experiment. Empty
 * cells are values that were not finite. Regression renames loss to mse and accuracy to r2.
 */
export function historyCsv(points: number, value: (column: number, point: number) => number | null, layout: HistoryLayout, names: readonly string[], task: Task = 'classification'): string {
  const laneCols = LANE_SERIES.map((s) => columnName(LANE_COLUMN[s], task));
  const layerCols = LAYER_SERIES.flatMap((s) => Array.from({ length: layout.layers }, (_, l) => `${LAYER_COLUMN[s]}${l + 1}`));
  const lines = [['step', 'lane', ...laneCols, ...layerCols].join(',')];
  for (let i = 0; i < points; i++) {
    const step = cell(value(0, i));
    for (let lane = 0; lane < layout.lanes; lane++) {
      const cells = LANE_SERIES.map((s) => cell(value(layout.laneColumn(lane, s), i)));
      for (const s of LAYER_SERIES) for (let l = 0; l < layout.layers; l++) cells.push(cell(value(layout.layerColumn(lane, l, s), i)));
      lines.push([step, field(names[lane] ?? `lane ${lane + 1}`), ...cells].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
