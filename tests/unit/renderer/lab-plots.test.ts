// The Lab's plots (issue 13, item 2): plot models drawn from core's summaries of real runs (score against
// the swept axis per activation with 95% bands, dead % over steps with bands, heatmaps), and the pure
// plot-spec -> SVG function the page shows and exports (PNG is the same SVG drawn into a canvas).
import { beforeAll, describe, expect, it } from 'vitest';
import { answerSweepJob } from '../../../src/core/lab/sweep-job';
import { sweepCells, sweepRuns } from '../../../src/core/lab/sweep-plan';
import type { RunResult } from '../../../src/core/lab/sweep-run';
import { type CellSummary, summarizeSweep } from '../../../src/core/lab/sweep-summary';
import { doesItMatter } from '../../../src/core/lab/studies';
import type { Sweep } from '../../../src/core/protocol/sweep';
import { colorRange } from '../../../src/renderer/charts/heatmap-svg';
import { COLLAPSED_METRIC, deadTracePlots, heatmapPlots, type LinePlot, metricPlot, scorePlot } from '../../../src/renderer/charts/lab-plots';
import { escapeXml, LIGHT_PLOT, niceTicks, plotSvg, SERIES_COLORS, viridis, yRange } from '../../../src/renderer/charts/plot-svg';
import { slopePlot } from '../../../src/renderer/charts/slope-plot';
import { legendLayout, wrapText } from '../../../src/renderer/charts/svg-text';

/** A small real sweep: ReLU and Leaky ReLU 0.01 at two rates and two batch sizes, 3 seeds, 200 steps. */
const sweep: Sweep = (() => {
  const s = doesItMatter();
  return {
    ...s,
    base: { ...s.base, dataset: { kind: 'moons', samples: 200, noise: 0.15 } },
    steps: 200,
    seeds: 3,
    axes: [
      { axis: 'activation', values: [{ kind: 'relu' }, { kind: 'leaky_relu', alpha: 0.01 }] },
      { axis: 'lr', values: [0.01, 0.3] },
      { axis: 'batchSize', values: [8, 32] },
    ],
  };
})();
/** PReLU with one slope per layer against ReLU, on a 3-layer net, 2 seeds, 100 steps (no other axis). */
const prelu: Sweep = {
  ...sweep,
  base: { ...sweep.base, hidden: [8, 8, 8] },
  steps: 100,
  seeds: 2,
  axes: [{ axis: 'activation', values: [{ kind: 'relu' }, { kind: 'prelu', alpha: 0.25, perNeuron: false }] }],
};
let results: RunResult[] = [];
let summaries: CellSummary[] = [];
let preluSummaries: CellSummary[] = [];

/** Every run of a sweep trained on the real engine. */
function train(s: Sweep): RunResult[] {
  return sweepRuns(s).map((run) => {
    const reply = answerSweepJob({ run, steps: s.steps, target: s.target });
    if (!('result' in reply)) throw new Error(reply.error);
    return reply.result;
  });
}

beforeAll(() => {
  results = train(sweep);
  summaries = summarizeSweep(sweepCells(sweep), results);
  preluSummaries = summarizeSweep(sweepCells(prelu), train(prelu));
});

/** Checks that every tag the SVG opens is closed in order (the document is well formed). */
function wellFormed(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
    if (m[3] === '/') continue;
    if (m[1] === '/') {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0 && !/&(?!amp;|lt;|gt;|quot;|apos;)/.test(svg);
}

describe('plot models from summaries', () => {
  it('score against the first non-activation axis (log scale for the rates), a line per activation and batch size', () => {
    const p = scorePlot(sweep, summaries, false);
    expect(p.xScale).toBe('log');
    expect(p.xTicks.map((t) => t.label)).toEqual(['0.01', '0.3']);
    expect(p.series.map((s) => s.name)).toEqual(['ReLU · 8', 'ReLU · 32', 'Leaky ReLU α=0.01 · 8', 'Leaky ReLU α=0.01 · 32']);
    // Each point is core's mean and 95% interval, in percent.
    const cell = summaries.find((c) => c.labels.join('|') === 'ReLU|0.3|32')!;
    const point = p.series[1]!.points.find((q) => q.x === 0.3)!;
    expect(point.y).toBeCloseTo(cell.finalTestScore.mean * 100, 10);
    expect(point.low).toBeCloseTo(cell.finalTestScore.low * 100, 10);
    expect(point.high).toBeCloseTo(cell.finalTestScore.high * 100, 10);
    expect(point.low).toBeLessThanOrEqual(point.y);
    expect(p.note).toMatch(/3 seeds per point/);
  });

  it('dead % over the steps: one plot per rate, a line per remaining label, bands from the trace', () => {
    const plots = deadTracePlots(sweep, summaries);
    expect(plots.map((p) => p.title)).toEqual(['Dead neurons over training, learning rate 0.01', 'Dead neurons over training, learning rate 0.3']);
    const relu = plots[1]!.series[0]!;
    const cell = summaries.find((c) => c.labels.join('|') === 'ReLU|0.3|8')!;
    expect(relu.points.map((q) => q.x)).toEqual(cell.deadTrace.steps);
    expect(relu.points.map((q) => q.y)).toEqual(cell.deadTrace.mean);
    expect(plots[0]!.yFloor).toBe(0);
  });

  it('inactive % over the steps: the same plots from the inactive trace, which leaky lanes have too', () => {
    const plots = deadTracePlots(sweep, summaries, 6, 'inactive');
    expect(plots.map((p) => p.title)).toEqual(['Inactive neurons over training, learning rate 0.01', 'Inactive neurons over training, learning rate 0.3']);
    const leakyAt = plots[1]!.series.findIndex((q) => q.name.startsWith('Leaky'));
    const cell = summaries.find((c) => c.labels.join('|') === 'Leaky ReLU α=0.01|0.3|8')!;
    expect(plots[1]!.series[leakyAt]!.points.map((q) => q.y)).toEqual(cell.inactiveTrace.mean);
    // Leaky lanes have no dead neurons, but they do have inactive ones at some point of the run.
    expect(cell.deadTrace.mean.every((v) => v === 0)).toBe(true);
    expect(cell.inactiveTrace.mean.some((v) => v > 0)).toBe(true);
    expect(plots[1]!.note).toContain('inactive: no training row fires them');
  });

  it('two non-activation axes: a heatmap per activation, rate columns by batch-size rows, of mean scores', () => {
    const maps = heatmapPlots(sweep, summaries, false);
    expect(maps.map((m) => m.title)).toEqual(['Mean final test accuracy, ReLU', 'Mean final test accuracy, Leaky ReLU α=0.01']);
    expect(maps[0]!.columns).toEqual(['0.01', '0.3']);
    expect(maps[0]!.rows).toEqual(['8', '32']);
    const cell = summaries.find((c) => c.labels.join('|') === 'Leaky ReLU α=0.01|0.3|8')!;
    expect(maps[1]!.values[0]![1]).toBe(cell.finalTestScore.mean);
  });

  it('activation by one axis: one heatmap with the activations as rows', () => {
    const two: Sweep = { ...sweep, axes: sweep.axes.slice(0, 2) };
    const cells = sweepCells(two);
    const sums = summarizeSweep(cells, results.filter((r) => r.index % 2 === 0).map((r, i) => ({ ...r, index: i, cell: Math.floor(i / 3) })));
    const maps = heatmapPlots(two, sums, false);
    expect(maps).toHaveLength(1);
    expect(maps[0]!.rows).toEqual(['ReLU', 'Leaky ReLU α=0.01']);
    expect(maps[0]!.note).not.toMatch(/averaged/);
  });

  it('cells without finished runs leave gaps: no point, a NaN square', () => {
    const some = summaries.filter((c) => c.labels[1] === '0.01');
    const p = scorePlot(sweep, some, false);
    expect(p.series.every((s) => s.points.every((q) => q.x === 0.01))).toBe(true);
    expect(heatmapPlots(sweep, some, false)[0]!.values.map((r) => Number.isNaN(r[1]))).toEqual([true, true]);
  });
});

describe('more plot models', () => {
  it('the collapsed share per cell with its Wilson interval, from 0', () => {
    const p = metricPlot(sweep, summaries, COLLAPSED_METRIC);
    const cell = summaries.find((c) => c.labels.join('|') === 'ReLU|0.3|8')!;
    const point = p.series[0]!.points.find((q) => q.x === 0.3)!;
    expect(point).toEqual({ x: 0.3, y: 100 * cell.collapsed.share, low: 100 * cell.collapsed.low, high: 100 * cell.collapsed.high });
    expect(p.yFloor).toBe(0);
    expect(p.note).toMatch(/Wilson/);
  });

  it('activations alone: categories on x, drawn as points with interval bars, no line between them', () => {
    const p = scorePlot(prelu, preluSummaries, false);
    expect(p.xScale).toBe('category');
    expect(p.xTicks.map((t) => t.label)).toEqual(['ReLU', 'PReLU (learned α)']);
    const svg = plotSvg(p, { width: 560, height: 340 });
    expect(svg).not.toContain('<polyline');
    expect(svg).not.toContain('<polygon');
    expect(svg.match(/<circle /g)).toHaveLength(2);
  });

  it('the learned PReLU slope per layer, PReLU cells only', () => {
    const p = slopePlot(prelu, preluSummaries)!;
    expect(p.series.map((s) => s.name)).toEqual(['PReLU (learned α)']);
    const cell = preluSummaries[1]!;
    expect(p.series[0]!.points.map((q) => q.x)).toEqual([1, 2, 3]);
    expect(p.series[0]!.points.map((q) => q.y)).toEqual(cell.slopePerLayer.map((e) => e.mean));
    // Learned: after 100 steps no layer's slope is still its initial 0.25.
    for (const q of p.series[0]!.points) expect(Number.isFinite(q.y) && q.y !== 0.25).toBe(true);
    expect(slopePlot(sweep, summaries)).toBeNull();
  });
});

describe('plot-spec -> SVG', () => {
  it('draws a line and a band per series, in the palette, well formed', () => {
    const p = scorePlot(sweep, summaries, false);
    const svg = plotSvg(p, { width: 560, height: 340 });
    expect(wellFormed(svg)).toBe(true);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="560" height="340"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    expect(svg.match(/<polygon /g)?.length ?? 0).toBe(p.series.filter((s) => s.points.some((q) => q.high > q.low)).length);
    expect(svg).toContain(`stroke="${SERIES_COLORS[0]}"`);
    expect(svg).toContain('Leaky ReLU α=0.01 · 32');
    // No style attribute: the page's CSP (style-src 'self') would refuse it inline.
    expect(svg).not.toMatch(/style=/);
  });

  it('places points by the data: a higher score is drawn higher', () => {
    const p: LinePlot = {
      kind: 'lines',
      id: 't',
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      xScale: 'linear',
      xTicks: [
        { x: 0, label: '0' },
        { x: 1, label: '1' },
      ],
      series: [{ name: 'a', points: [{ x: 0, y: 10, low: 9, high: 11 }, { x: 1, y: 90, low: 80, high: 95 }] }],
      note: '',
    };
    const svg = plotSvg(p, { width: 400, height: 300 });
    const [[x0, y0], [x1, y1]] = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]) as [number[], number[]];
    expect(x1).toBeGreaterThan(x0!);
    expect(y1).toBeLessThan(y0!);
  });

  it('a heatmap: a square per cell coloured by its mean, the value printed, a colour bar', () => {
    const m = heatmapPlots(sweep, summaries, false)[0]!;
    const svg = plotSvg(m, { width: 560, height: 340 }, LIGHT_PLOT);
    expect(wellFormed(svg)).toBe(true);
    expect(svg.match(/data-cell=/g)).toHaveLength(4);
    expect(svg).toContain(`>${(m.values[0]![0]! * 100).toFixed(1)}<`);
  });

  it('wraps the legend and the note instead of letting them overlap', () => {
    const rows = legendLayout(['ReLU', 'Leaky ReLU α=0.01', 'Leaky ReLU α=0.2', 'PReLU (learned α)'], 300);
    expect(rows.map((r) => r.row)).toEqual([0, 0, 1, 1]);
    for (let i = 1; i < rows.length; i++) if (rows[i]!.row === rows[i - 1]!.row) expect(rows[i]!.x).toBeGreaterThan(rows[i - 1]!.x + 16);
    expect(wrapText('one two three four five six', 60, 10, 2)).toHaveLength(2);
    expect(wrapText('one two three four five six', 60, 10, 2)[1]).toMatch(/…$/);
  });

  it('escapes text, picks round ticks, and maps the colour scale end to end', () => {
    expect(escapeXml('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
    const svg = plotSvg({ ...scorePlot(sweep, summaries, false), title: 'R&D <1>' }, { width: 300, height: 200 });
    expect(svg).toContain('R&amp;D &lt;1&gt;');
    expect(wellFormed(svg)).toBe(true);
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(81.3, 99.1)).toEqual([85, 90, 95]);
    expect(viridis(0)).toBe('rgb(68,1,84)');
    // A heatmap's scale spans at least 5 points of accuracy; an all-zero line plot with a floor shows 0 to 1.
    expect(colorRange([0.981, 0.986], 0.05)).toEqual([0.986 - 0.05, 0.986]);
    expect(colorRange([0.2, 0.9], 0.05)).toEqual([0.2, 0.9]);
    expect(yRange({ ...scorePlot(sweep, summaries, false), series: [{ name: 'a', points: [{ x: 0, y: 0, low: 0, high: 0 }] }], yFloor: 0 })).toEqual([0, 1.06]);
    expect(viridis(1)).toBe('rgb(253,231,37)');
  });
});
