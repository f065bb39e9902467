import type { Task } from '../../core/data/dataset';
import { formatCompact } from '../state/format';
import type { ChartMetric, Metric } from '../state/history';

/**
 * How a chart's y axis is scaled: log (loss), a fixed range, from 0 to the data's maximum, up to 1 from
 * the data's minimum rounded down to a tenth (accuracies: chance level differs between datasets; `floor`
 * is the lowest the axis goes: 0 for accuracies, below 0 for R², which is negative while a fit is worse
 * than the mean), or around the data with some margin (slopes).
 */
export type YScale =
  | { readonly kind: 'log' }
  | { readonly kind: 'fixed'; readonly min: number; readonly max: number }
  | { readonly kind: 'from-zero' }
  | { readonly kind: 'up-to-one'; readonly floor: number }
  | { readonly kind: 'around-data' };

/**
 * Which series a chart draws for each lane: the metric alone; the metric as "train" (solid) with the
 * `test` metric as "test" (dashed); or the metric per hidden layer (a dash pattern per layer; one series
 * when the network has a single hidden layer).
 */
export type SeriesLayout = { readonly kind: 'lane' } | { readonly kind: 'train-test'; readonly test: Metric } | { readonly kind: 'layers' };

/** One chart of the sidebar: which recorded series it overlays (every lane), its scale and number format. */
export interface ChartSpec {
  readonly title: string;
  readonly metric: ChartMetric;
  readonly layout: SeriesLayout;
  readonly y: YScale;
  /** Formats a value for ticks and hover read-outs. */
  readonly format: (v: number) => string;
  /** Shorter format for dense read-outs (a value per layer of every lane): the unit left to the title. */
  readonly compact?: (v: number) => string;
  readonly testid: string;
}

const percent = (v: number): string => `${Math.round(v)}%`;

/** Loss ticks and values: "0.3", "12", or a power of ten when far from 1 ("1e22", "3e-4"). */
function formatLoss(v: number): string {
  if (v >= 1e4 || v < 0.01) return v.toExponential(0).replace('+', '');
  return String(Number(v.toPrecision(2)));
}

/** R² ticks and values: two decimals (it can be negative), a power of ten when far below 0. */
function formatR2(v: number): string {
  return Math.abs(v) < 1000 ? v.toFixed(2) : formatCompact(v);
}

/** Lowest value the R² axis shows: a fit far worse than the mean (early training) would flatten the rest. */
export const R2_FLOOR = -1;

const LANE: SeriesLayout = { kind: 'lane' };

/**
 * The charts, top to bottom: how well each lane learns (smoothed training loss and test loss, test
 * score), and how many of its neurons are inactive (per hidden layer: dead under ReLU, still learning under a
 * leaky activation), dormant (Sokar et al.'s score <= tau), how many outputs are exactly 0, or came back. For regression the loss
 * is the mean squared error and the score R² (the same series, labelled by the task).
 */
export function chartSpecs(task: Task = 'classification'): readonly ChartSpec[] {
  const regression = task === 'regression';
  return [
    {
      title: `${regression ? 'MSE' : 'Loss'} (train smoothed, test; log)`,
      metric: 'smoothedLoss',
      layout: { kind: 'train-test', test: 'testLoss' },
      y: { kind: 'log' },
      format: formatLoss,
      testid: 'chart-loss',
    },
    regression
      ? { title: 'Test R²', metric: 'testScore', layout: LANE, y: { kind: 'up-to-one', floor: R2_FLOOR }, format: formatR2, testid: 'chart-accuracy' }
      : { title: 'Test accuracy', metric: 'testScore', layout: LANE, y: { kind: 'up-to-one', floor: 0 }, format: (v) => `${Math.round(v * 100)}%`, testid: 'chart-accuracy' },
    {
      title: 'Inactive neurons per layer (%; dead under ReLU)',
      metric: 'inactivePercent',
      layout: { kind: 'layers' },
      y: { kind: 'fixed', min: 0, max: 100 },
      format: percent,
      compact: (v) => String(Math.round(v)),
      testid: 'chart-dead',
    },
    {
      // Sokar et al.'s tau-dormant share (score <= the lane's tau; ReDo recycles these when it is on).
      title: 'Dormant neurons per layer (%; score <= tau)',
      metric: 'dormantPercent',
      layout: { kind: 'layers' },
      y: { kind: 'fixed', min: 0, max: 100 },
      format: percent,
      compact: (v) => String(Math.round(v)),
      testid: 'chart-dormant',
    },
    // The article's dead_ratio = (activations == 0).float().mean() over all hidden outputs: about 0 under Leaky ReLU even while neurons are inactive.
    { title: "Outputs exactly 0 (%; the article's dead_ratio)", metric: 'zeroAll', layout: LANE, y: { kind: 'fixed', min: 0, max: 100 }, format: percent, testid: 'chart-zero' },
    { title: 'Revivals (so far)', metric: 'revivals', layout: LANE, y: { kind: 'from-zero' }, format: (v) => String(Math.round(v)), testid: 'chart-revivals' },
  ];
}

/**
 * PReLU's learned slopes: per PReLU lane, one series per hidden layer (the mean α of its neurons), so you
 * can watch them leave their initial 0.25. Lanes with a fixed slope (ReLU 0, Leaky ReLU's α) are left
 * out: they would only add flat lines.
 */
export const ALPHA_CHART: ChartSpec = {
  title: 'PReLU α (mean per layer)',
  metric: 'slope',
  layout: { kind: 'layers' },
  y: { kind: 'around-data' },
  format: formatCompact,
  testid: 'chart-alpha',
};

/** Step count for an axis tick: "800", "12k", "1.5M". */
export function formatStep(v: number): string {
  if (Math.abs(v) >= 1e6) return `${Number((v / 1e6).toPrecision(2))}M`;
  if (Math.abs(v) >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Math.round(v));
}
