import type { ActivationSpec } from '../../core/nn/activation';
import type { CellSummary } from '../../core/lab/sweep-summary';
import type { Sweep } from '../../core/protocol/sweep';
import { axisIndex, type LinePlot, note } from './lab-plots';

/** Most lines on the slope plot (one per PReLU cell). */
const MOST = 8;

/**
 * The negative slope PReLU learned, layer by layer (He et al. 2015's Table 1 in shape): mean and 95%
 * bootstrap band over a cell's seeds, one line per cell that trains PReLU. Null when no cell does.
 */
export function slopePlot(s: Pick<Sweep, 'axes' | 'base'>, summaries: readonly CellSummary[]): LinePlot | null {
  const act = s.axes.findIndex((a) => a.axis === 'activation');
  const isPrelu = (c: CellSummary) => ((act < 0 ? s.base.lanes[0]!.activation : (s.axes[act]!.values[axisIndex(c, act, s)] as ActivationSpec)).kind === 'prelu');
  const cells = summaries.filter(isPrelu).slice(0, MOST);
  if (cells.length === 0) return null;
  const layers = Math.max(...cells.map((c) => c.slopePerLayer.length));
  const series = cells.map((c) => ({
    name: c.labels.length === 0 ? 'all runs' : c.labels.join(' · '),
    points: c.slopePerLayer.map((e, l) => ({ x: l + 1, y: e.mean, low: e.low, high: e.high })),
  }));
  return {
    kind: 'lines',
    id: 'slopes',
    title: 'Negative slope PReLU learned, by layer',
    xLabel: 'hidden layer (1 = nearest the input)',
    yLabel: 'mean learned α',
    xScale: 'linear',
    xTicks: Array.from({ length: layers }, (_, l) => ({ x: l + 1, label: String(l + 1) })),
    series,
    yFloor: 0,
    note: `${note(cells)}; He et al. 2015: early layers learn large slopes, deep ones small`,
  };
}
