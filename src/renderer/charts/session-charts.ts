import type { Task } from '../../core/data/dataset';
import type { ActivationSpec } from '../../core/nn/activation';
import { learnsSlope } from '../state/chart-marks';
import type { ExportContext } from '../state/export-title';
import type { MetricHistory } from '../state/history';
import { chartSeries } from './chart-series';
import { ALPHA_CHART, chartSpecs } from './chart-specs';
import type { ChartExport } from './chart-svg';

/** What decides which charts a session shows and with which series (the Charts panel's inputs). */
export interface SessionChartsInput {
  readonly task: Task;
  readonly hiddenLayers: number;
  readonly hasTest: boolean;
  /** Each lane's activation in the spec (a PReLU lane, or one hot-swapped to PReLU, gets the α chart). */
  readonly initial: readonly ActivationSpec[];
  readonly history: MetricHistory;
  readonly context: ExportContext;
}

/** Every chart the sidebar shows, with the same series, ready to export: the task's charts, then PReLU α when a lane learns it. */
export function sessionCharts(x: SessionChartsInput): ChartExport[] {
  const ctx = { hiddenLayers: x.hiddenLayers, hasTest: x.hasTest, learnsSlope: learnsSlope(x.initial, x.history.events) };
  return [...chartSpecs(x.task), ALPHA_CHART]
    .map((spec) => ({ spec, series: chartSeries(spec, x.context.lanes, ctx), history: x.history, context: x.context }))
    .filter((c) => c.series.length > 0);
}
