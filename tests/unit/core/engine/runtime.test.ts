import { describe, expect, it } from 'vitest';
import { EngineRuntime } from '../../../../src/core/engine/runtime';
import type { EngineMessage, Snapshot } from '../../../../src/core/protocol/messages';

// A host whose clock and scheduler the test drives by hand, so pacing is exact and nothing sleeps.
function harness() {
  const sent: EngineMessage[] = [];
  const queue: { fn: () => void; delay: number }[] = [];
  let clock = 0;
  const runtime = new EngineRuntime(
    {
      post: (m) => sent.push(m),
      now: () => (clock += 0.5), // every reading advances time: each training slice takes a few steps
      later: (fn, delay) => queue.push({ fn, delay }),
    },
    undefined,
    { budgetMs: 2, snapshotIntervalMs: 10 },
  );
  const snapshots = () => sent.filter((m): m is Extract<EngineMessage, { type: 'snapshot' }> => m.type === 'snapshot').map((m) => m.snapshot);
  const errors = () => sent.filter((m) => m.type === 'error');
  // Runs queued callbacks; a delayed one first moves the clock forward by its delay, as a timer would.
  const run = (ticks: number) => {
    for (let i = 0; i < ticks && queue.length > 0; i++) {
      const { fn, delay } = queue.shift()!;
      clock += delay;
      fn();
    }
  };
  const ackLast = () => runtime.receive({ type: 'ack', seq: snapshots().at(-1)!.seq });
  const elapse = (ms: number) => (clock += ms);
  const now = () => clock;
  return { runtime, sent, snapshots, errors, run, ackLast, elapse, now };
}

describe('EngineRuntime', () => {
  it('announces itself and sends a first snapshot', () => {
    const h = harness();
    expect(h.sent[0]).toMatchObject({ type: 'ready', protocol: 1, data: { name: 'Two moons', dims: 2, classes: 2, trainRows: 800, testRows: 200 } });
    const data = (h.sent[0] as Extract<EngineMessage, { type: 'ready' }>).data;
    expect(data.points!.trainX).toHaveLength(1600);
    expect(data.points!.testY).toHaveLength(200);
    expect(h.snapshots()).toHaveLength(1);
  });

  it('answers malformed or unknown commands with an error naming the field, and keeps running', () => {
    const h = harness();
    h.runtime.receive({ type: 'step', count: -1 });
    h.runtime.receive({ type: 'launch-missiles' });
    h.runtime.receive('not an object');
    h.runtime.receive({ type: 'set-activation', lane: 0, activation: { kind: 'leaky_relu', alpha: 7 } });
    h.runtime.receive({ type: 'set-lr', lane: 3, lr: 0.1 });
    const errors = h.errors();
    expect(errors).toHaveLength(5);
    expect(errors[0]).toMatchObject({ field: 'count' });
    expect(errors[3]).toMatchObject({ field: 'activation.alpha' });
    expect(errors[4]).toMatchObject({ field: 'lane' });
    h.runtime.receive({ type: 'ack', seq: 1 });
    h.runtime.receive({ type: 'step', count: 5 });
    expect(h.snapshots().at(-1)!.lanes[0]!.step).toBe(5);
  });

  it('never has more than one snapshot in flight: none is sent until the last one is acknowledged', () => {
    const h = harness();
    h.runtime.receive({ type: 'play' });
    h.run(200);
    expect(h.snapshots()).toHaveLength(1); // the first one was never acked
    h.runtime.receive({ type: 'ack', seq: 1 });
    const latest: Snapshot = h.snapshots().at(-1)!;
    expect(h.snapshots()).toHaveLength(2);
    expect(latest.lanes[0]!.step).toBeGreaterThan(100); // the newest state, not a queued old one
  });

  it('keeps sending at its rate while the consumer acknowledges, and stops training on pause', () => {
    const h = harness();
    h.runtime.receive({ type: 'play' });
    for (let i = 0; i < 50; i++) {
      h.run(1);
      const last = h.snapshots().at(-1)!;
      h.runtime.receive({ type: 'ack', seq: last.seq });
    }
    expect(h.snapshots().length).toBeGreaterThan(5);
    h.runtime.receive({ type: 'pause' });
    const step = h.snapshots().at(-1)!.lanes[0]!.step;
    h.run(10);
    h.runtime.receive({ type: 'ack', seq: h.snapshots().at(-1)!.seq });
    h.runtime.receive({ type: 'step', count: 1 });
    expect(h.snapshots().at(-1)!.lanes[0]!.step).toBe(step + 1);
    expect(h.snapshots().at(-1)!.playing).toBe(false);
  });
});

describe('EngineRuntime commands beyond play and step', () => {
  it('holds a limited speed: about stepsPerSecond steps per second of host time, with timers in between', () => {
    const h = harness();
    h.runtime.receive({ type: 'set-speed', stepsPerSecond: 20 });
    h.ackLast();
    h.runtime.receive({ type: 'play' });
    const start = h.now();
    for (let i = 0; i < 400; i++) {
      h.run(1);
      if (h.snapshots().length > 0) h.ackLast();
    }
    const seconds = (h.now() - start) / 1000;
    const steps = h.snapshots().at(-1)!.lanes[0]!.step;
    expect(seconds).toBeGreaterThan(5);
    expect(Math.abs(steps - 20 * seconds)).toBeLessThanOrEqual(2);
    expect(h.snapshots().at(-1)!.speedLimit).toBe(20);
  });

  it('reseeds: new initial weights, step 0, the same spec otherwise', () => {
    const h = harness();
    const before = h.snapshots().at(-1)!;
    h.ackLast();
    h.runtime.receive({ type: 'step', count: 5 });
    h.ackLast();
    h.runtime.receive({ type: 'reseed', seed: 99 });
    const after = h.snapshots().at(-1)!;
    expect(after.lanes[0]!.step).toBe(0);
    expect([...after.lanes[0]!.weights[0]!]).not.toEqual([...before.lanes[0]!.weights[0]!]);
    expect(h.sent.filter((m) => m.type === 'ready').at(-1)).toMatchObject({ spec: { seed: 99 }, frame: { seed: 99 } });
  });

  it('sends class probabilities on the boundary grid for 2-D data, each summing to 1', () => {
    const h = harness();
    const s = h.snapshots().at(-1)!;
    const ready = h.sent.find((m) => m.type === 'ready')!;
    // Constants travel once, in 'ready', not in every snapshot.
    expect(s).not.toHaveProperty('boundaryFrame');
    expect(s).not.toHaveProperty('widths');
    const frame = ready.frame.boundaryFrame!;
    expect(frame.x1).toBeGreaterThan(frame.x0);
    const probs = s.lanes[0]!.boundary!;
    expect(probs).toHaveLength(frame.size * frame.size * 2);
    for (let i = 0; i < probs.length; i += 2) expect(probs[i]! + probs[i + 1]!).toBeCloseTo(1, 5);
  });

  it('refuses a speed of NaN or a negative step count, and keeps running', () => {
    const h = harness();
    h.runtime.receive({ type: 'set-speed', stepsPerSecond: Number.NaN });
    h.runtime.receive({ type: 'set-snapshot-rate', perSecond: 0 });
    expect(h.errors().map((e) => (e as { field: string }).field)).toEqual(['stepsPerSecond', 'perSecond']);
  });
});

describe('EngineRuntime experiments', () => {
  it('exports the spec and every change since reset, and loading it rebuilds the same session bit for bit', () => {
    const a = harness();
    const act = (c: unknown) => {
      a.ackLast();
      a.runtime.receive(c);
    };
    act({ type: 'step', count: 120 });
    act({ type: 'set-lr', lane: 1, lr: 0.05 });
    act({ type: 'step', count: 50 });
    act({ type: 'set-activation', lane: 1, activation: { kind: 'prelu', alpha: 0.25, perNeuron: true } });
    act({ type: 'step', count: 30 });
    a.runtime.receive({ type: 'export' });
    const exported = a.sent.find((m) => m.type === 'experiment');
    expect(exported).toBeDefined();
    const experiment = (exported as Extract<EngineMessage, { type: 'experiment' }>).experiment;
    expect(experiment.steps).toBe(200);
    expect(experiment.events.map((e) => [e.type, e.step, e.lane])).toEqual([
      ['lr', 120, 1],
      ['activation', 170, 1],
    ]);

    const b = harness();
    b.ackLast();
    // Through JSON, as a file would carry it.
    b.runtime.receive({ type: 'load', experiment: JSON.parse(JSON.stringify(experiment)) });
    const want = a.snapshots().at(-1)!;
    const got = b.snapshots().at(-1)!;
    for (let lane = 0; lane < 2; lane++) {
      expect(want.lanes[lane]!.diverged).toBeNull();
      expect(got.lanes[lane]!.step).toBe(200);
      expect(got.lanes[lane]!.weights.map((w) => [...w])).toEqual(want.lanes[lane]!.weights.map((w) => [...w]));
      expect([...got.lanes[lane]!.slopes]).toEqual([...want.lanes[lane]!.slopes]);
      expect([...got.lanes[lane]!.lastDied]).toEqual([...want.lanes[lane]!.lastDied]);
      expect(got.lanes[lane]!.lr).toBe(want.lanes[lane]!.lr);
    }
  });

  it('refuses to load an experiment with an unknown activation, naming the field, and keeps its session', () => {
    const h = harness();
    h.ackLast();
    h.runtime.receive({ type: 'step', count: 3 });
    h.runtime.receive({ type: 'load', experiment: { format: 'leaky-lab-experiment', version: 1, spec: { seed: 1 }, steps: 0, events: [] } });
    expect(h.errors().at(-1)).toMatchObject({ field: 'experiment.spec.dataset' });
    h.ackLast();
    h.runtime.receive({ type: 'step', count: 1 });
    expect(h.snapshots().at(-1)!.lanes[0]!.step).toBe(4);
  });
});
