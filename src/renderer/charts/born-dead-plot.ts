import type { BornDeadRow } from '../../core/lab/born-dead';
import type { LinePlot } from './lab-plots';

/**
 * Born dead % against depth, one line per width with its 95% Wilson band (Lu et al. 2019's Figure 1 in
 * shape): `byDepth[d - 1]` holds the table at depth d.
 */
export function bornDeadPlot(byDepth: readonly (readonly BornDeadRow[])[], caption: string): LinePlot {
  const widths = [...new Set(byDepth.flatMap((rows) => rows.map((r) => r.width)))];
  const series = widths.map((w) => ({
    name: `width ${w}`,
    points: byDepth.flatMap((rows) => rows.filter((r) => r.width === w).map((r) => ({ x: r.depth, y: 100 * r.bornDead, low: 100 * r.ciLow, high: 100 * r.ciHigh }))),
  }));
  const depths = byDepth.length;
  const step = Math.max(1, Math.ceil(depths / 10));
  const xTicks = Array.from({ length: depths }, (_, i) => i + 1)
    .filter((d) => d === 1 || d % step === 0)
    .map((d) => ({ x: d, label: String(d) }));
  const nets = byDepth[0]?.[0]?.nets ?? 0;
  return {
    kind: 'lines',
    id: 'born-dead',
    title: 'Born dead: nets constant on the input domain at initialization',
    xLabel: 'depth (hidden layers)',
    yLabel: 'born dead %',
    xScale: 'linear',
    xTicks,
    series,
    yFloor: 0,
    note: `${caption}; ${nets.toLocaleString('en-US')} nets per width, bands: 95% Wilson interval`,
  };
}
