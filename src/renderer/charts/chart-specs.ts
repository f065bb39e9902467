import type { Metric } from '../state/history';

/**
 * How a chart's y axis is scaled: log (loss), a fixed range, from 0 to the data's maximum, or up to 1 from
 * the data's minimum rounded down to a tenth (accuracies: chance level differs between datasets).
 */
export type YScale =
  | { readonly kind: 'log' }
  | { readonly kind: 'fixed'; readonly min: number; readonly max: number }
  | { readonly kind: 'from-zero' }
  | { readonly kind: 'up-to-one' };

/** One chart of the sidebar: which recorded series it overlays (every lane), its scale and number format. */
export interface ChartSpec {
  readonly title: string;
  readonly metric: Metric;
  readonly y: YScale;
  /** Formats a value for ticks and hover read-outs. */
  readonly format: (v: number) => string;
  readonly testid: string;
}

const percent = (v: number): string => `${Math.round(v)}%`;

/** Loss ticks and values: "0.3", "12", or a power of ten when far from 1 ("1e22", "3e-4"). */
function formatLoss(v: number): string {
  if (v >= 1e4 || v < 0.01) return v.toExponential(0).replace('+', '');
  return String(Number(v.toPrecision(2)));
}

/** The charts, top to bottom: how well each lane learns, and how many of its neurons are dead or came back. */
export const CHART_SPECS: readonly ChartSpec[] = [
  { title: 'Loss (train, smoothed, log)', metric: 'smoothedLoss', y: { kind: 'log' }, format: formatLoss, testid: 'chart-loss' },
  { title: 'Test accuracy', metric: 'testAccuracy', y: { kind: 'up-to-one' }, format: (v) => `${Math.round(v * 100)}%`, testid: 'chart-accuracy' },
  { title: 'Dead neurons (% of hidden)', metric: 'deadPercent', y: { kind: 'fixed', min: 0, max: 100 }, format: percent, testid: 'chart-dead' },
  { title: 'Revivals (so far)', metric: 'revivals', y: { kind: 'from-zero' }, format: (v) => String(Math.round(v)), testid: 'chart-revivals' },
];

/** Step count for an axis tick: "800", "12k", "1.5M". */
export function formatStep(v: number): string {
  if (Math.abs(v) >= 1e6) return `${Number((v / 1e6).toPrecision(2))}M`;
  if (Math.abs(v) >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Math.round(v));
}
