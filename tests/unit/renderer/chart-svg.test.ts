// Exports worth sharing (issue 15, item 5): every chart exports as an SVG drawn by plot-svg from the
// mirrored engine history (real Session snapshots), titled with the step and dataset, with a legend,
// the lanes' colours and dashes, the chart's y scale and the hot-swaps marked.
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/core/engine/session';
import { defaultSessionSpec } from '../../../src/core/protocol/spec';
import { chartSeries } from '../../../src/renderer/charts/chart-series';
import { chartSpecs } from '../../../src/renderer/charts/chart-specs';
import { chartSvg, chartYRange } from '../../../src/renderer/charts/chart-svg';
import { chartSubtitle, type ExportContext, laneTitle, lanesNote, slug } from '../../../src/renderer/state/export-title';
import { MetricHistory } from '../../../src/renderer/state/history';

const COLORS = ['#f2766b', '#f5b942'];

/** 300 steps of the default two-lane session, a snapshot every 50, lane 1 hot-swapped to ReLU at step 150. */
function recorded(): { history: MetricHistory; ctx: ExportContext } {
  const spec = defaultSessionSpec();
  const session = new Session(spec);
  const history = new MetricHistory();
  history.apply(session.snapshot(0, false, 0, null, false, [], 0));
  // The engine keeps the event list beside the session and sends it with the next snapshot.
  const events = [{ type: 'activation', step: 150, lane: 1, activation: { kind: 'relu' } }] as const;
  for (let k = 1; k <= 300; k++) {
    if (k === 151) session.setActivation(1, { kind: 'relu' });
    session.stepAll();
    if (k % 50 === 0) expect(history.apply(session.snapshot(k, false, 0, null, false, [], history.length, k === 200 ? events : null))).not.toBe('resync');
  }
  const ctx: ExportContext = {
    dataset: 'Two moons',
    step: history.steps[history.steps.length - 1]!,
    lanes: spec.lanes.map((l, i) => ({ name: l.name, activation: l.activation, color: COLORS[i]! })),
  };
  return { history, ctx };
}

function chartOf(testid: string, history: MetricHistory, ctx: ExportContext): { svg: string; names: string[] } {
  const spec = chartSpecs().find((s) => s.testid === testid)!;
  const series = chartSeries(spec, ctx.lanes, { hiddenLayers: 2, hasTest: true, learnsSlope: [false, false] });
  return { svg: chartSvg({ spec, series, history, context: ctx }), names: series.map((s) => s.name) };
}

describe('export titles', () => {
  it('name the lane, its activation, the step and the dataset', () => {
    expect(laneTitle('Leaky', { kind: 'leaky_relu', alpha: 0.01 }, 12480, 'Two moons')).toBe('Lane Leaky · Leaky ReLU α=0.01 · step 12,480 · Two moons');
    expect(chartSubtitle({ step: 2400, dataset: 'wine.csv' })).toBe('step 2,400 · wine.csv');
  });

  it('say which activation each lane ran, and what the dashed marks are only when there are some', () => {
    const lanes = [{ name: 'A', activation: { kind: 'relu' } as const, color: '#000' }];
    expect(lanesNote({ lanes }, false)).toBe('Lanes: A = ReLU.');
    expect(lanesNote({ lanes }, true)).toContain('Dashed verticals: hot-swaps');
    expect(slug('Leaky ReLU (0.1)', 'x')).toBe('leaky-relu-0-1');
    expect(slug('***', 'lane-2')).toBe('lane-2');
  });
});

describe('chart SVG from a history', () => {
  const { history, ctx } = recorded();

  it('draws every series of the live chart with its lane colour, dash and legend entry, titled with step and dataset', () => {
    const { svg, names } = chartOf('chart-loss', history, ctx);
    expect(names).toEqual(['ReLU train', 'ReLU test', 'Leaky ReLU train', 'Leaky ReLU test']);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="320"')).toBe(true);
    expect(svg).toContain('<title>Loss (train smoothed, test; log) · step 300 · Two moons</title>');
    // Drawn as two lines: the chart's title whole, then where it comes from.
    expect(svg).toContain('font-weight="600" fill="#1b2130">Loss (train smoothed, test; log)</text>');
    expect(svg).toContain('<text x="60" y="34" font-size="11" fill="#5c6675">step 300 · Two moons</text>');
    for (const n of names) expect(svg).toContain(`data-series="${n}"`);
    // Legend: each name once as text, the test series keyed by a dashed swatch.
    for (const n of names) expect(svg).toContain(`>${n}</text>`);
    expect(svg.match(/<line [^>]*stroke-dasharray="5 3"\/><text/g)?.length).toBe(2);
    expect(svg).toContain(`stroke="${COLORS[0]}"`);
    expect(svg).toContain(`stroke="${COLORS[1]}"`);
    expect(svg).toContain('Lanes: ReLU = ReLU; Leaky ReLU = Leaky ReLU α=0.01.');
  });

  it('places one point per recorded step, from the history and nothing else', () => {
    const { svg } = chartOf('chart-accuracy', history, ctx);
    const line = /data-series="ReLU" points="([^"]+)"/.exec(svg)![1]!.split(' ');
    expect(line).toHaveLength(history.steps.length);
    // x grows with the step; the last point sits at the right edge of the plot (640 - 16).
    const xs = line.map((p) => Number(p.split(',')[0]));
    expect(xs[xs.length - 1]).toBeCloseTo(624, 1);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('marks the recorded hot-swap at its step in the lane colour', () => {
    const { svg } = chartOf('chart-dead', history, ctx);
    expect(history.marks).toHaveLength(1);
    const mark = /<line data-mark="ReLU" x1="([\d.]+)"[^>]*stroke="([^"]+)"/.exec(svg);
    expect(mark).not.toBeNull();
    expect(mark![2]).toBe(COLORS[1]);
    // Step 150 of 0..300 is half way across the plot (60 to 624 px).
    expect(Number(mark![1])).toBeCloseTo(60 + (624 - 60) / 2, 0);
  });

  it('labels a log chart in the values, not their logarithms', () => {
    const { svg } = chartOf('chart-loss', history, ctx);
    const ticks = [...svg.matchAll(/text-anchor="end" fill="[^"]+">([^<]+)</g)].map((m) => Number(m[1]));
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) expect(t).toBeGreaterThan(0);
    expect(ticks.some((t) => [1, 2, 5].includes(Number(String(t).replace(/0|\./g, '')) || 1))).toBe(true);
  });

  it('gives each y scale the live chart\'s range', () => {
    expect(chartYRange({ kind: 'fixed', min: 0, max: 100 }, 3, 4)).toEqual([0, 100]);
    expect(chartYRange({ kind: 'from-zero' }, 0, 0)).toEqual([0, 1]);
    expect(chartYRange({ kind: 'up-to-one', floor: 0 }, 0.53, 0.9)).toEqual([0.5, 1]);
    expect(chartYRange({ kind: 'log' }, NaN, NaN)).toEqual([0.1, 1]);
  });

  it('draws an empty frame, not a broken file, before the first point', () => {
    const { svg } = chartOf('chart-loss', new MetricHistory(), ctx);
    expect(svg).toContain('</svg>');
    expect(svg).not.toContain('<polyline');
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('escapes a lane name in the title, legend and note', () => {
    const odd: ExportContext = { ...ctx, dataset: 'a<b>&"c"', lanes: ctx.lanes.map((l) => ({ ...l, name: `<${l.name}>` })) };
    const { svg } = chartOf('chart-accuracy', history, odd);
    expect(svg).not.toMatch(/<(?!\/?(svg|title|rect|text|line|polyline|circle)\b)/);
    expect(svg).toContain('a&lt;b&gt;&amp;&quot;c&quot;');
  });
});
