// The loss and dead-neuron charts (issue 6, item 2): the history mirrors per lane the test loss and the
// dead % of every hidden layer from real engine snapshots; the series builder turns each chart spec into
// uPlot series (train solid and test dashed per lane; one per hidden layer, dash by layer); the read-out
// groups values by lane and the dash key explains each pattern once; the metrics CSV is the engine's.
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/core/engine/session';
import type { Snapshot } from '../../../src/core/protocol/messages';
import { defaultSessionSpec, laneSpec, type SessionSpec } from '../../../src/core/protocol/spec';
import { chartSeries, dashKey, isDense, LAYER_DASHES, readoutGroups, type SeriesContext, seriesValues, TEST_DASH } from '../../../src/renderer/charts/chart-series';
import { ALPHA_CHART, type ChartSpec, chartSpecs } from '../../../src/renderer/charts/chart-specs';
import { MetricHistory } from '../../../src/renderer/state/history';

const LANES = [
  { name: 'ReLU', color: '#111' },
  { name: 'Leaky ReLU', color: '#222' },
  { name: 'PReLU', color: '#333' },
  { name: 'ELU', color: '#444' },
];

function spec(testid: string, task: 'classification' | 'regression' = 'classification'): ChartSpec {
  return chartSpecs(task).find((s) => s.testid === testid)!;
}

function context(hiddenLayers: number, over: Partial<SeriesContext> = {}): SeriesContext {
  return { hiddenLayers, hasTest: true, learnsSlope: LANES.map(() => false), ...over };
}

/** A snapshot of `session` carrying the history points `history` lacks (all of them when the engine's log was thinned). */
function snapshotFor(session: Session, history: MetricHistory, seq: number): Snapshot {
  return session.snapshot(seq, false, 0, null, false, [], history.length);
}

/** The mirrored history of `steps` steps of a session, a snapshot every `every` steps. */
function record(s: SessionSpec, steps: number, every = 50): { history: MetricHistory; last: Snapshot; session: Session } {
  const session = new Session(s);
  const history = new MetricHistory();
  let last = snapshotFor(session, history, 0);
  history.apply(last);
  for (let k = 1; k <= steps; k++) {
    session.stepAll();
    if (k % every === 0) {
      last = snapshotFor(session, history, k);
      if (history.apply(last) === 'resync') history.apply((last = session.snapshot(k, false, 0)));
    }
  }
  return { history, last, session };
}

describe('chart specs of the loss and dead charts', () => {
  it('overlay the smoothed train loss and the test loss on a log axis, named by the task', () => {
    const loss = spec('chart-loss');
    expect(loss.title).toBe('Loss (train smoothed, test; log)');
    expect(loss.metric).toBe('smoothedLoss');
    expect(loss.layout).toEqual({ kind: 'train-test', test: 'testLoss' });
    expect(loss.y).toEqual({ kind: 'log' });
    expect(spec('chart-loss', 'regression').title).toBe('MSE (train smoothed, test; log)');
  });

  it('show inactive neurons per hidden layer (dead under ReLU) on a 0 to 100% axis', () => {
    const dead = spec('chart-dead');
    expect(dead.title).toBe('Inactive neurons per layer (%; dead under ReLU)');
    expect(dead.metric).toBe('inactivePercent');
    expect(dead.layout).toEqual({ kind: 'layers' });
    expect(dead.y).toEqual({ kind: 'fixed', min: 0, max: 100 });
  });
});

describe('chartSeries', () => {
  it('gives every lane a solid train and a dashed test loss series in its colour, labelled for the hover', () => {
    const series = chartSeries(spec('chart-loss'), LANES.slice(0, 2), context(2));
    expect(series.map((s) => s.name)).toEqual(['ReLU train', 'ReLU test', 'Leaky ReLU train', 'Leaky ReLU test']);
    expect(series.map((s) => s.lane)).toEqual([0, 0, 1, 1]);
    expect(series.map((s) => s.color)).toEqual(['#111', '#111', '#222', '#222']);
    expect(series.map((s) => s.metric)).toEqual([undefined, 'testLoss', undefined, 'testLoss']);
    expect(series[0]!.dash).toBeUndefined();
    expect(series[1]!.dash).toEqual(TEST_DASH);
    // Without test rows there is no test loss to draw.
    expect(chartSeries(spec('chart-loss'), LANES.slice(0, 2), context(2, { hasTest: false })).map((s) => s.name)).toEqual(['ReLU train', 'Leaky ReLU train']);
  });

  it('gives every lane one dead series per hidden layer, dash by layer; one per lane for a single hidden layer', () => {
    const deep = chartSeries(spec('chart-dead'), LANES, context(8));
    expect(deep).toHaveLength(32);
    expect(deep.slice(0, 8).map((s) => s.name)).toEqual(['ReLU L1', 'ReLU L2', 'ReLU L3', 'ReLU L4', 'ReLU L5', 'ReLU L6', 'ReLU L7', 'ReLU L8']);
    expect(deep.slice(8, 16).every((s) => s.lane === 1 && s.color === '#222')).toBe(true);
    expect(deep.slice(0, 8).map((s) => s.layer)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const s of deep) expect(s.dash).toEqual(LAYER_DASHES[s.layer! % LAYER_DASHES.length]);
    const shallow = chartSeries(spec('chart-dead'), LANES.slice(0, 2), context(1));
    expect(shallow).toEqual([
      { name: 'ReLU', color: '#111', lane: 0, layer: 0 },
      { name: 'Leaky ReLU', color: '#222', lane: 1, layer: 0 },
    ]);
  });

  it('draws α only for lanes that learn their slope, and one series per lane for the per-lane charts', () => {
    const alpha = chartSeries(ALPHA_CHART, LANES.slice(0, 3), context(2, { learnsSlope: [false, false, true] }));
    expect(alpha.map((s) => s.name)).toEqual(['PReLU L1', 'PReLU L2']);
    expect(alpha.every((s) => s.lane === 2)).toBe(true);
    expect(chartSeries(ALPHA_CHART, LANES, context(2))).toEqual([]);
    expect(chartSeries(spec('chart-accuracy'), LANES.slice(0, 2), context(3)).map((s) => s.name)).toEqual(['ReLU', 'Leaky ReLU']);
  });
});

describe('dashKey and readoutGroups', () => {
  it('explain each dash pattern once for all lanes, layers sharing a pattern together', () => {
    expect(dashKey(chartSeries(spec('chart-loss'), LANES, context(2)))).toEqual([
      { dash: undefined, label: 'train' },
      { dash: TEST_DASH, label: 'test' },
    ]);
    const eight = dashKey(chartSeries(spec('chart-dead'), LANES, context(8)));
    expect(eight.map((i) => i.label)).toEqual(['L1, L5', 'L2, L6', 'L3, L7', 'L4, L8']);
    expect(dashKey(chartSeries(spec('chart-dead'), LANES, context(2))).map((i) => i.label)).toEqual(['L1', 'L2']);
    // One series per lane: the lane colours are the key.
    expect(dashKey(chartSeries(spec('chart-dead'), LANES, context(1)))).toEqual([]);
    expect(dashKey(chartSeries(spec('chart-revivals'), LANES, context(2)))).toEqual([]);
  });

  it('group the values at a step by lane, in series order, a dash for missing values', () => {
    const dead = spec('chart-dead');
    const two = chartSeries(dead, LANES.slice(0, 2), context(2));
    const groups = readoutGroups(two, (k) => [0, 12.5, 100, null][k], dead.format, dead.compact);
    expect(groups).toEqual([
      { lane: 0, color: '#111', values: [{ name: 'ReLU L1', text: '0%' }, { name: 'ReLU L2', text: '13%' }] },
      { lane: 1, color: '#222', values: [{ name: 'Leaky ReLU L1', text: '100%' }, { name: 'Leaky ReLU L2', text: '—' }] },
    ]);
    expect(isDense(groups)).toBe(false);
    const loss = chartSeries(spec('chart-loss'), LANES.slice(0, 1), context(2));
    expect(readoutGroups(loss, (k) => [0.25, 0.0123][k], spec('chart-loss').format)).toEqual([{ lane: 0, color: '#111', values: [{ name: 'ReLU train', text: '0.25' }, { name: 'ReLU test', text: '0.012' }] }]);
  });

  it('show a dash for a value the engine did not measure (NaN: an empty test split), never "NaN%" or 0%', () => {
    const acc = spec('chart-accuracy');
    const one = chartSeries(acc, LANES.slice(0, 2), context(2));
    expect(readoutGroups(one, (k) => [Number.NaN, 0][k], acc.format).map((g) => g.values.map((v) => v.text))).toEqual([['—'], ['0%']]);
  });

  it('are dense from three series per lane: a line per lane, values in the compact format', () => {
    const dead = spec('chart-dead');
    const three = chartSeries(dead, LANES.slice(0, 2), context(3));
    const values = [0, 12.5, 100, 0, null, undefined];
    const groups = readoutGroups(three, (k) => values[k], dead.format, dead.compact);
    expect(isDense(groups)).toBe(true);
    expect(groups.map((g) => g.values.map((v) => v.text))).toEqual([
      ['0', '13', '100'],
      ['0', '—', '—'],
    ]);
    expect(groups[1]!.values.map((v) => v.name)).toEqual(['Leaky ReLU L1', 'Leaky ReLU L2', 'Leaky ReLU L3']);
    // Without a compact format the spec's own is used.
    expect(readoutGroups(three, (k) => values[k], dead.format)[0]!.values[1]!.text).toBe('13%');
  });
});

describe('MetricHistory: test loss and dead % per layer', () => {
  it('mirrors per lane the test loss and each hidden layer’s dead %, at every probe step', () => {
    const s = { ...defaultSessionSpec(), hidden: [8, 6, 4] };
    const { history, last } = record(s, 300);
    const n = history.steps.length;
    // The engine records every probe (10 steps), whatever the snapshots' timing.
    expect(n).toBe(31);
    expect(history.steps.slice(0, 3)).toEqual([0, 10, 20]);
    expect(history.hiddenLayers).toBe(3);
    for (let lane = 0; lane < 2; lane++) {
      const test = history.valuesOf('testLoss', lane)!;
      expect(test).toHaveLength(n);
      expect(test.every((v) => v !== null && v > 0)).toBe(true);
      expect(test.at(-1)).toBe(last.lanes[lane]!.testLoss);
      for (let layer = 0; layer < 3; layer++) {
        const dead = history.valuesOf('deadPercent', lane, layer)!;
        expect(dead).toHaveLength(n);
        expect(dead.at(-1)).toBe(last.lanes[lane]!.deadPercent[layer]);
        for (const v of dead) expect(v! >= 0 && v! <= 100).toBe(true);
      }
      expect(history.valuesOf('deadPercent', lane, 3)).toBeUndefined();
      // Inactive % per layer: equal to dead % under ReLU (lane 0); under Leaky ReLU (lane 1) dead % is always 0.
      for (let layer = 0; layer < 3; layer++) {
        const inactive = history.valuesOf('inactivePercent', lane, layer)!;
        expect(inactive).toHaveLength(n);
        expect(inactive.at(-1)).toBe(last.lanes[lane]!.inactivePercent[layer]);
        if (lane === 0) expect(inactive).toEqual(history.valuesOf('deadPercent', lane, layer));
        else expect(history.valuesOf('deadPercent', lane, layer)!.every((v) => v === 0)).toBe(true);
      }
      // The layers' dead % average (weighted by width) to the dead % of all hidden neurons.
      const dead = [0, 1, 2].map((l) => history.valuesOf('deadPercent', lane, l)!.at(-1)!);
      expect((dead[0]! * 8 + dead[1]! * 6 + dead[2]! * 4) / 18).toBeCloseTo(history.valuesOf('deadAll', lane)!.at(-1)!, 9);
    }
    // The chart's series read those arrays.
    const [train, test] = chartSeries(spec('chart-loss'), [LANES[0]!], context(3));
    expect(seriesValues(history, spec('chart-loss'), train!, 0)).toBe(history.valuesOf('smoothedLoss', 0));
    expect(seriesValues(history, spec('chart-loss'), test!, 1)).toBe(history.valuesOf('testLoss', 0));
    const l2 = chartSeries(spec('chart-dead'), [LANES[0]!], context(3))[1]!;
    expect(seriesValues(history, spec('chart-dead'), l2, 1)).toBe(history.valuesOf('inactivePercent', 0, 1));
  });

  it('has no test loss (gaps) when the data has no test rows', () => {
    const { history } = record({ ...defaultSessionSpec(), testFraction: 0 }, 100);
    expect(history.valuesOf('testLoss', 0)!.every((v) => v === null)).toBe(true);
    // (No batch before step 0, so no train loss there either.)
    expect(history.valuesOf('smoothedLoss', 0)!.slice(1).every((v) => v !== null)).toBe(true);
  });

  it('appends what continues it, starts over on a delta from 0, and asks for a resync on a gap or another generation', () => {
    const session = new Session({ ...defaultSessionSpec(), lanes: [laneSpec('ReLU', { kind: 'relu' }, 0.3)] });
    const history = new MetricHistory();
    for (let k = 0; k < 100; k++) session.stepAll();
    expect(history.apply(session.snapshot(1, false, 0))).toBe('changed');
    expect(history.length).toBe(11);
    const columns = history.valuesOf('inactivePercent', 0, 1);
    // Nothing new: nothing changes.
    expect(history.apply(snapshotFor(session, history, 2))).toBe('unchanged');
    for (let k = 0; k < 100; k++) session.stepAll();
    expect(history.apply(snapshotFor(session, history, 3))).toBe('changed');
    expect(history.length).toBe(21);
    // Appended in place: the charts keep the arrays they were handed.
    expect(history.valuesOf('inactivePercent', 0, 1)).toBe(columns);
    expect(history.toCsv()).toBe(session.log.toCsv('classification'));

    // A snapshot was missed: the next one starts past the end. Nothing is applied, and the resync is asked once.
    for (let k = 0; k < 100; k++) session.stepAll();
    const ahead = session.snapshot(4, false, 0, null, false, [], history.length + 5);
    expect(history.apply(ahead)).toBe('resync');
    expect(history.apply(ahead)).toBe('unchanged');
    expect(history.length).toBe(21);
    expect(history.apply(session.snapshot(5, false, 0))).toBe('changed');
    expect(history.toCsv()).toBe(session.log.toCsv('classification'));
    // Rows of another generation (thinned, restored) do not continue these.
    const other = snapshotFor(session, history, 6);
    expect(history.apply({ ...other, history: { ...other.history, generation: other.history.generation + 1 } })).toBe('resync');

    // Another session (a reset): a delta from 0 replaces everything.
    session.reset();
    expect(history.apply(session.snapshot(7, false, 0))).toBe('changed');
    expect(history.length).toBe(1);
    expect(history.valuesOf('inactivePercent', 0, 1)).toHaveLength(1);
  });
});

describe('the metrics CSV', () => {
  it('is the engine’s: the test loss and the dead %, inactive % and slope of each hidden layer, named as the CLI names them', () => {
    const { history, session } = record({ ...defaultSessionSpec(), hidden: [8, 6, 4] }, 100);
    const csv = history.toCsv();
    expect(csv).toBe(session.log.toCsv('classification'));
    const lines = csv.trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header).toEqual([
      'step', 'lane', 'loss', 'loss_smoothed', 'test_loss', 'train_accuracy', 'test_accuracy', 'dead_percent', 'inactive_percent', 'deaths', 'revivals', 'dormant_percent', 'zero_percent',
      'dead_pct_layer1', 'dead_pct_layer2', 'dead_pct_layer3', 'inactive_pct_layer1', 'inactive_pct_layer2', 'inactive_pct_layer3', 'slope_layer1', 'slope_layer2', 'slope_layer3',
      'dormant_pct_layer1', 'dormant_pct_layer2', 'dormant_pct_layer3', 'zero_pct_layer1', 'zero_pct_layer2', 'zero_pct_layer3',
    ]);
    expect(lines).toHaveLength(1 + history.steps.length * 2);
    const row = lines.at(-1)!.split(',');
    const at = (name: string): string => row[header.indexOf(name)]!;
    expect(at('step')).toBe('100');
    expect(at('lane')).toBe('Leaky ReLU');
    expect(Number(at('test_loss'))).toBe(history.valuesOf('testLoss', 1)!.at(-1));
    expect(Number(at('dead_pct_layer2'))).toBe(history.valuesOf('deadPercent', 1, 1)!.at(-1));
    expect(Number(at('revivals'))).toBe(history.valuesOf('revivals', 1)!.at(-1));
  });

  it('names the loss columns mse for regression, and leaves the test loss empty without test rows', () => {
    const { history } = record({ ...defaultSessionSpec(), testFraction: 0 }, 50);
    const lines = history.toCsv('regression').trim().split('\n');
    expect(lines[0]).toBe('step,lane,mse,mse_smoothed,test_mse,train_r2,test_r2,dead_percent,inactive_percent,deaths,revivals,dormant_percent,zero_percent,dead_pct_layer1,dead_pct_layer2,inactive_pct_layer1,inactive_pct_layer2,slope_layer1,slope_layer2,dormant_pct_layer1,dormant_pct_layer2,zero_pct_layer1,zero_pct_layer2');
    expect(lines[1]!.split(',')[4]).toBe('');
  });
});
