import type { DatasetRef } from '../protocol/spec';
import type { Sweep } from '../protocol/sweep';

/** Whether a dataset is a regression (its score is R², not accuracy). */
export function isRegressionData(d: DatasetRef): boolean {
  return d.kind === 'sine' || d.kind === 'abs' || d.kind === 'xsin5x' || (d.kind === 'file' && d.options.task === 'regression');
}

/** Whether every dataset a sweep trains on is a regression (its scores are R², not accuracy). */
export function sweepIsRegression(s: Pick<Sweep, 'base' | 'axes'>): boolean {
  const datasets = (s.axes.find((x) => x.axis === 'dataset')?.values ?? [s.base.dataset]) as DatasetRef[];
  return datasets.every(isRegressionData);
}
