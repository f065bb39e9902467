// Exports worth sharing (issue 15, item 5): the lane image explains itself (title, layer labels, key),
// and the report is one self-contained HTML page whose embedded experiment file (the engine's export,
// serialized as Save writes it) parses back with core's parseExperiment; it references nothing outside itself.
import { describe, expect, it } from 'vitest';
import { exportExperiment } from '../../../src/core/engine/export-experiment';
import { Session } from '../../../src/core/engine/session';
import { parseExperiment, serializeExperiment } from '../../../src/core/protocol/experiment';
import { defaultSessionSpec } from '../../../src/core/protocol/spec';
import { sessionCharts } from '../../../src/renderer/charts/session-charts';
import { chartSvg } from '../../../src/renderer/charts/chart-svg';
import { graphLegend, laneSvg, titleLines } from '../../../src/renderer/graph/lane-svg';
import { LIGHT_PALETTE } from '../../../src/renderer/graph/palette';
import { exportContext, laneTitle } from '../../../src/renderer/state/export-title';
import { MetricHistory } from '../../../src/renderer/state/history';
import { base64Utf8, laneRows, reportHtml, settingsRows } from '../../../src/renderer/state/report';

const THEME = { background: '#ffffff', graphBackground: '#f7f8fb', text: '#1b2130', muted: '#5c6675' };
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** The experiment embedded in a report's download link, decoded. */
function embedded(html: string): { name: string; text: string } {
  const m = /<a class="download" id="experiment-download" download="([^"]+)" href="data:application\/json;base64,([^"]+)"/.exec(html);
  expect(m).not.toBeNull();
  return { name: m![1]!, text: Buffer.from(m![2]!, 'base64').toString('utf8') };
}

describe('lane image', () => {
  it('titles the graph with lane, activation, step and dataset, labels the layers and keys every state', () => {
    const title = laneTitle('Leaky ReLU', { kind: 'leaky_relu', alpha: 0.01 }, 2400, 'Two moons');
    const doc = laneSvg({ title, graph: PIXEL, graphWidth: 348, graphHeight: 240, labels: [{ x: 20, text: 'inputs · 2' }, { x: 174, text: 'layer 1 · 16' }], legend: graphLegend(LIGHT_PALETTE), theme: THEME });
    expect(doc.width).toBe(440);
    expect(doc.height).toBeGreaterThan(240 + 40);
    expect(doc.svg).toContain(`width="${doc.width}" height="${doc.height}"`);
    expect(doc.svg).toContain('<title>Lane Leaky ReLU · Leaky ReLU α=0.01 · step 2,400 · Two moons</title>');
    for (const label of ['inputs · 2', 'layer 1 · 16', 'activity rate', 'dead (ReLU)', 'inactive', 'revived recently', 'weight + / −']) expect(doc.svg).toContain(label);
    // The graph centred under a two-line title and the labels' row, at its CSS size (its pixels are 2x).
    expect(doc.svg).toContain(`<image x="46" y="64" width="348" height="240" href="${PIXEL}"/>`);
    // The key's last row ends above the bottom edge.
    const ys = [...doc.svg.matchAll(/<text x="[\d.]+" y="([\d.]+)" fill="#5c6675">/g)].map((m) => Number(m[1]));
    expect(Math.max(...ys)).toBeLessThan(doc.height);
  });

  it('breaks a title between its parts, never inside one', () => {
    expect(titleLines('Lane Leaky ReLU · PReLU (learned α per neuron) · step 300 · Two moons', 416)).toEqual(['Lane Leaky ReLU · PReLU (learned α per neuron)', 'step 300 · Two moons']);
    expect(titleLines('a · b', 416)).toEqual(['a · b']);
    // A third part joins the second line, cut to fit.
    expect(titleLines('one · two · three', 30)).toEqual(['one', 'tw…']);
  });

  it('is as wide as a wide graph and wraps a long title instead of cutting it', () => {
    const long = laneTitle('A lane with a really quite long name', { kind: 'prelu', perNeuron: true, init: 0.25 } as never, 123456, 'a-file-with-a-long-name.csv');
    const doc = laneSvg({ title: long, graph: PIXEL, graphWidth: 900, graphHeight: 300, labels: [], legend: graphLegend(LIGHT_PALETTE), theme: THEME });
    expect(doc.width).toBe(924);
    const lines = [...doc.svg.matchAll(/font-size="13" font-weight="600"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(lines.join(' ')).toContain('123,456');
  });
});

describe('report', () => {
  const spec = defaultSessionSpec();
  const session = new Session(spec);
  const history = new MetricHistory();
  history.apply(session.snapshot(0, false, 0));
  for (let k = 1; k <= 200; k++) {
    session.stepAll();
    if (k % 50 === 0) history.apply(session.snapshot(k, false, 0, null, false, [], history.length));
  }
  const last = session.snapshot(201, false, 0, null, false, [], history.length);
  const text = serializeExperiment(exportExperiment(session, [], null, { weights: true, history: true }));
  const context = exportContext(200, last.lanes, 'Two moons', ['#f2766b', '#f5b942']);
  const charts = sessionCharts({ task: 'classification', hiddenLayers: 2, hasTest: true, initial: spec.lanes.map((l) => l.activation), history, context });
  const html = reportHtml({
    title: 'Leaky Lab report · Two moons · step 200',
    created: '2026-12-03T10:00:00.000Z',
    settings: settingsRows(spec, null),
    lanes: last.lanes.map((l, i) => ({ title: laneTitle(l.name, l.activation, l.step, 'Two moons'), image: laneSvg({ title: l.name, graph: PIXEL, graphWidth: 348, graphHeight: 240, labels: [], legend: graphLegend(LIGHT_PALETTE), theme: THEME, id: `lane-${i}` }), readouts: laneRows(l, 'classification') })),
    charts: charts.map((c) => chartSvg(c)),
    experiment: { name: 'leaky-lab-experiment.leaky.json', text },
  });

  it('embeds the experiment file exactly, and it parses back with core', () => {
    const file = embedded(html);
    expect(file.name).toBe('leaky-lab-experiment.leaky.json');
    expect(file.text).toBe(text);
    const parsed = parseExperiment(file.text, file.name);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.value.steps).toBe(200);
      expect(parsed.value.spec).toEqual(spec);
    }
  });

  it('references nothing outside itself and runs no script', () => {
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(refs.length).toBe(3);
    for (const r of refs) expect(r).toMatch(/^(data:|#)/);
    // Two of them are the lane graphs' own pixels, as data.
    expect(refs.filter((r) => r.startsWith('data:image/png;base64,'))).toHaveLength(2);
    // The only http(s) text is the SVG namespace (a name, never fetched).
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:|\/\/[a-z]/i);
    expect(html).not.toMatch(/<script|<link|<iframe|url\((?!#)/i);
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
  });

  it('shows the settings, each lane with its graph and read-outs, and every chart of the sidebar', () => {
    expect(html).toContain('<th scope="row">Seed</th><td>7</td>');
    expect(html).toContain('Lane Leaky ReLU</th><td>Leaky ReLU α=0.01, lr 0.3, SGD m=0.9');
    expect(html.match(/<section class="lane"/g)).toHaveLength(2);
    expect(html.match(/<div class="graph" role="img" aria-label="Lane /g)).toHaveLength(2);
    expect(html).toContain(`<td>${(last.lanes[0]!.loss).toPrecision(4)} / `);
    expect(charts.map((c) => c.spec.testid)).toEqual(['chart-loss', 'chart-accuracy', 'chart-dead', 'chart-dormant', 'chart-zero', 'chart-revivals']);
    // Two lane graphs and six charts, inline; the lanes' ids do not collide.
    expect(html.match(/<svg xmlns/g)).toHaveLength(8);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(html).toContain('Test accuracy · step 200 · Two moons');
  });

  it('lists the recorded changes after the starting settings', () => {
    const rows = settingsRows(spec, null, [{ lane: 1, step: 1500, label: 'PReLU' }]);
    expect(rows.at(-1)).toEqual(['Step 1,500', 'lane Leaky ReLU: PReLU']);
    expect(rows.at(-2)![0]).toBe('Lane Leaky ReLU');
  });

  it('names the score by the task and shows a score not measured as a dash', () => {
    const lane = { ...last.lanes[0]!, trainScore: 0.5, testScore: NaN };
    expect(laneRows(lane, 'regression')).toContainEqual(['Train R² / test', '0.500 / —']);
    expect(laneRows(lane, 'classification')).toContainEqual(['Train acc / test', '50.0% / —']);
  });

  it('escapes what the user named', () => {
    const odd = reportHtml({ title: '<b>x</b>', created: 'now', settings: [['a&b', '"c"']], lanes: [], charts: [], experiment: { name: 'x".json', text: '{}' } });
    expect(odd).toContain('<title>&lt;b&gt;x&lt;/b&gt;</title>');
    expect(odd).toContain('<th scope="row">a&amp;b</th><td>&quot;c&quot;</td>');
    expect(odd).toContain('download="x&quot;.json"');
  });

  it('encodes text beyond Latin-1 (α, —) as UTF-8 base64', () => {
    expect(Buffer.from(base64Utf8('α — ✓'), 'base64').toString('utf8')).toBe('α — ✓');
    const big = 'x'.repeat(200_000);
    expect(Buffer.from(base64Utf8(big), 'base64').toString('utf8')).toBe(big);
  });
});
