// One source of truth for the metric history: the app's charts and CSV mirror the engine's recorded rows
// (snapshot.history deltas), so the CSV the app exports equals the engine's (and so the CLI's) for the
// same experiment, through hot-swaps, learning-rate changes, lane and session rewinds, thinning, playing
// with backpressure, and a missed snapshot.
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src/core/engine/session';
import { MAX_LOG_POINTS } from '../../../src/core/engine/metric-log';
import { type Applied, MetricHistory } from '../../../src/renderer/state/history';
import { chartMarks, learnsSlope } from '../../../src/renderer/state/chart-marks';
import { engine } from '../core/engine/engine-harness';

/** The runtime on a synchronous host, every snapshot fed to a MetricHistory (and acked) as the controller does. */
function mirrored() {
  const e = engine();
  const history = new MetricHistory();
  const applied: Applied[] = [];
  let seen = 0;
  /** When set, the next snapshot is acked but not applied (as if it were lost). */
  let drop = false;
  const pump = (): void => {
    while (seen < e.sent.length) {
      const m = e.sent[seen++]!;
      if (m.type !== 'snapshot') continue;
      if (drop) drop = false;
      else {
        const r = history.apply(m.snapshot);
        applied.push(r);
        if (r === 'resync') e.runtime.receive({ type: 'resync' });
      }
      e.runtime.receive({ type: 'ack', seq: m.snapshot.seq });
    }
  };
  pump();
  return {
    e,
    history,
    applied,
    send: (c: unknown): void => {
      e.runtime.receive(c);
      pump();
    },
    dropNext: (): void => void (drop = true),
    pump,
    /** The engine's own CSV of its log: what `leaky-lab run --history` writes for the same experiment. */
    engineCsv: (task: 'classification' | 'regression' = 'classification'): string => (e.runtime as unknown as { session: Session }).session.log.toCsv(task),
  };
}

describe('MetricHistory mirrors the engine', () => {
  it('gives the same CSV as the engine through steps, a hot-swap, a rate change and lane and session rewinds', () => {
    const m = mirrored();
    expect(m.history.toCsv()).toBe(m.engineCsv());
    m.send({ type: 'step', count: 2000 });
    expect(m.history.length).toBe(201);
    expect(m.history.steps.at(-1)).toBe(2000);
    expect(m.history.toCsv()).toBe(m.engineCsv());

    m.send({ type: 'set-activation', lane: 1, activation: { kind: 'prelu', alpha: 0.25, perNeuron: true } });
    m.send({ type: 'step', count: 1000 });
    m.send({ type: 'set-lr', lane: 1, lr: 0.05 });
    m.send({ type: 'step', count: 500 });
    expect(m.history.toCsv()).toBe(m.engineCsv());
    // The α chart's lanes and the marks come from the engine's recorded events, not from comparing snapshots.
    expect(learnsSlope(m.e.ready().spec.lanes.map((l) => l.activation), m.history.events)).toEqual([false, true]);
    expect(m.history.marks).toEqual([
      { lane: 1, step: 2000, label: 'PReLU' },
      { lane: 1, step: 3000, label: 'lr 0.05' },
    ]);

    m.send({ type: 'rewind', step: 1000, lane: 0 });
    m.send({ type: 'step', count: 500 });
    expect(m.history.marks.at(-1)).toEqual({ lane: 0, step: 3500, label: 'rewound to 1,000' });
    expect(m.history.toCsv()).toBe(m.engineCsv());

    // The whole session goes back: the engine's history is cut there, and so is the mirror's, with the later marks.
    m.send({ type: 'rewind', id: 'r1', step: 2000 });
    expect(m.history.steps.at(-1)).toBe(2000);
    expect(m.history.marks).toEqual([{ lane: 1, step: 2000, label: 'PReLU' }]);
    m.send({ type: 'step', count: 300 });
    expect(m.history.toCsv()).toBe(m.engineCsv());
    expect(m.e.errors()).toEqual([]);
    expect(m.applied).not.toContain('resync');

    // The chart columns are the engine's values: null where not finite, in HistoryLayout's order.
    const loss = m.history.valuesOf('loss', 0)!;
    expect(loss).toHaveLength(m.history.length);
    expect(loss[0]).toBeNull(); // no batch before step 0
    expect(m.history.valuesOf('slope', 1, 1)).toHaveLength(m.history.length);
    expect(m.history.valuesOf('slope', 1, 2)).toBeUndefined();
    expect(m.history.valuesOf('loss', 2)).toBeUndefined();
  });

  it('follows the engine when it thins its history, while playing with snapshots acked late', () => {
    const m = mirrored();
    m.send({ type: 'step', count: 10 * MAX_LOG_POINTS - 100 });
    expect(m.history.length).toBe(MAX_LOG_POINTS - 9);
    m.send({ type: 'play' });
    // Several slices of training between acks: the engine skips snapshots, and the next one carries every row since.
    while (m.e.last().step < 10 * MAX_LOG_POINTS + 2000) {
      m.e.drain(5);
      m.pump();
    }
    m.send({ type: 'pause' });
    expect(m.history.length).toBeLessThan(MAX_LOG_POINTS);
    expect(m.history.steps[1]).toBe(20); // thinned: every other probe
    expect(m.history.toCsv()).toBe(m.engineCsv());
    expect(m.applied).not.toContain('resync');
  });

  it('asks for a resync after a missed snapshot, once, and is whole again after it', () => {
    const m = mirrored();
    m.send({ type: 'step', count: 100 });
    m.dropNext();
    m.send({ type: 'step', count: 100 });
    expect(m.history.steps.at(-1)).toBe(100);
    m.send({ type: 'step', count: 100 });
    // The gap was seen, a resync sent, and the next snapshot carried everything.
    expect(m.applied.filter((r) => r === 'resync')).toHaveLength(1);
    expect(m.history.steps.at(-1)).toBe(300);
    expect(m.history.toCsv()).toBe(m.engineCsv());
  });

  it('names the CSV columns by the task, as the engine does', () => {
    const m = mirrored();
    m.send({ type: 'step', count: 50 });
    expect(m.history.toCsv('regression')).toBe(m.engineCsv('regression'));
    expect(m.history.toCsv().split('\n')[0]).toBe(
      'step,lane,loss,loss_smoothed,test_loss,train_accuracy,test_accuracy,dead_percent,inactive_percent,deaths,revivals,dormant_percent,zero_percent,dead_pct_layer1,dead_pct_layer2,inactive_pct_layer1,inactive_pct_layer2,slope_layer1,slope_layer2,dormant_pct_layer1,dormant_pct_layer2,zero_pct_layer1,zero_pct_layer2',
    );
  });
});

describe('chartMarks', () => {
  it('labels hot-swaps short, rate changes and lane rewinds, one mark per lane and step', () => {
    expect(
      chartMarks([
        { type: 'activation', step: 100, lane: 0, activation: { kind: 'leaky_relu', alpha: 0.01 } },
        { type: 'activation', step: 100, lane: 0, activation: { kind: 'leaky_relu', alpha: 0.1 }, lr: 0.1 },
        { type: 'activation', step: 100, lane: 1, activation: { kind: 'prelu', alpha: 0.25, perNeuron: true } },
        { type: 'lr', step: 200, lane: 1, lr: 0.05 },
        { type: 'rewind-lane', step: 300, lane: 0, to: 100 },
        { type: 'rewind-lane', step: 400, lane: 1, to: 1000, lr: 0.15 },
      ]),
    ).toEqual([
      { lane: 0, step: 100, label: 'Leaky 0.1, lr 0.1' },
      { lane: 1, step: 100, label: 'PReLU' },
      { lane: 1, step: 200, label: 'lr 0.05' },
      { lane: 0, step: 300, label: 'rewound to 100' },
      { lane: 1, step: 400, label: 'rewound to 1,000, lr 0.15' },
    ]);
  });

  it('counts a lane as learning its slope when its spec or a recorded hot-swap is PReLU', () => {
    const prelu = { kind: 'prelu', alpha: 0.25, perNeuron: true } as const;
    expect(learnsSlope([{ kind: 'relu' }, prelu], [])).toEqual([false, true]);
    expect(learnsSlope([{ kind: 'relu' }, { kind: 'relu' }], [{ type: 'activation', step: 5, lane: 0, activation: prelu }])).toEqual([true, false]);
  });
});
