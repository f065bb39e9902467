import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportExperiment } from '../../../../src/core/engine/export-experiment';
import { Replayer } from '../../../../src/core/engine/replay';
import { Session } from '../../../../src/core/engine/session';
import { StateStore } from '../../../../src/core/engine/state-store';
import { defaultSessionSpec } from '../../../../src/core/protocol/spec';
import { parseExperiment, serializeExperiment } from '../../../../src/core/protocol/experiment';
import { HistoryLayout } from '../../../../src/core/protocol/history';
import { engine } from './engine-harness';

const leaky = { kind: 'leaky_relu', alpha: 0.2 } as const;

/** Counts training steps taken by every Session (the real method, only counted). */
function countSteps() {
  return vi.spyOn(Session.prototype, 'stepAll');
}

afterEach(() => vi.restoreAllMocks());

/** A session with a hot-swap, a rate change and a lane rewind, saved with its states after `steps` steps. */
function savedSession(steps: number) {
  const e = engine();
  e.send({ type: 'step', count: 1_500 });
  e.send({ type: 'set-activation', lane: 0, activation: leaky });
  e.send({ type: 'step', count: 700 });
  e.send({ type: 'set-lr', lane: 1, lr: 0.1 });
  e.send({ type: 'rewind', lane: 1, step: 2_000 });
  e.send({ type: 'step', count: steps - 2_200 });
  return { e, x: parseOk(serializeExperiment(e.exported({ states: true }))) };
}

function parseOk(text: string) {
  const r = parseExperiment(text, 'saved.leaky.json');
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('state checkpoints', () => {
  it('train 0..N, save, open, train to M: the same bits and history as training 0..M directly', () => {
    const { e, x } = savedSession(3_000);
    expect(x.version).toBe(5);
    expect(x.states!.at(-1)!.step).toBe(3_000);
    const opened = engine();
    const counted = countSteps();
    opened.send({ type: 'load', experiment: x });
    // Opening restores the saved state: no replay.
    expect(counted).toHaveBeenCalledTimes(0);
    expect(opened.notices()).toEqual([]);
    expect(opened.last().digests).toEqual(e.last().digests);
    expect(opened.exported({ history: true }).history).toEqual(e.exported({ history: true }).history);
    const a = e.send({ type: 'step', count: 1_234 });
    const b = opened.send({ type: 'step', count: 1_234 });
    expect(b.digests).toEqual(a.digests);
    expect(b.lanes.map((l) => l.revivals)).toEqual(a.lanes.map((l) => l.revivals));
    expect(opened.exported({ history: true }).history).toEqual(e.exported({ history: true }).history);
  });

  it('rewinding a session or a lane restores the nearest state instead of replaying from step 0', () => {
    const { e } = savedSession(6_000);
    const counted = countSteps();
    e.send({ type: 'rewind', lane: 0, step: 3_000 });
    expect(counted).toHaveBeenCalledTimes(0);
    e.send({ type: 'rewind', step: 2_000 });
    expect(counted).toHaveBeenCalledTimes(0);
    expect(e.last().step).toBe(2_000);
    expect(e.errors()).toEqual([]);
    // The rewound session equals a replay of the same history from the start.
    const replayed = engine();
    replayed.send({ type: 'load', experiment: { ...e.exported(), states: undefined } });
    expect(replayed.last().digests).toEqual(e.last().digests);
  });

  it('a reopened file whose states are sparser than its checkpoints rewinds from the nearest one before, not from step 0', () => {
    const session = new Session(defaultSessionSpec());
    const store = new StateStore();
    new Replayer(session, [], { store }).advance(70_000);
    // States every 4,000 steps; after reopening, the checkpoints are the start and the last 50 periodic ones (21,000 on).
    store.retain(Array.from({ length: 18 }, (_, i) => 4_000 * i));
    const opened = engine();
    opened.send({ type: 'load', experiment: parseOk(serializeExperiment(exportExperiment(session, [], store, { states: true }))) });
    opened.send({ type: 'step', count: 100 });
    const oldest = opened.last().checkpoints.find((c) => c.step > 0)!.step;
    expect(oldest).toBe(21_000);
    const counted = countSteps();
    opened.send({ type: 'rewind', step: oldest });
    expect(opened.errors()).toEqual([]);
    // From the state at 20,000 (kept, as the nearest before 21,000), not from step 0.
    expect(counted.mock.calls.length).toBe(1_000);
    opened.send({ type: 'rewind', step: 0 });
    expect(opened.last().step).toBe(0);
  });

  it('a state whose weights do not match their fingerprint is not used: the file is replayed, with a notice naming the lane and the step', () => {
    const { e, x } = savedSession(2_500);
    const last = x.states!.at(-1)!;
    const lane = last.lanes[1]!;
    const bytes = Buffer.from(lane.params[0]!, 'base64');
    bytes[5] = bytes[5]! ^ 1;
    lane.params[0] = bytes.toString('base64');
    const opened = engine();
    opened.send({ type: 'load', experiment: x });
    expect(opened.notices()).toHaveLength(1);
    expect(opened.notices()[0]!.message).toMatch(/"Leaky ReLU".*fingerprint.*replaying from step 0/s);
    expect(opened.notices()[0]!.message).toContain('2500');
    expect(opened.last().digests).toEqual(e.last().digests);
  });

  it('a history that does not fit the events is not trusted either', () => {
    const { x } = savedSession(2_500);
    x.history!.steps[3] = 99_999;
    const opened = engine();
    opened.send({ type: 'load', experiment: x });
    expect(opened.notices()[0]!.message).toMatch(/history is inconsistent at point 3/);
  });

  it('a file whose events were edited after saving is replayed, not restored', () => {
    const { x } = savedSession(2_500);
    const edited = { ...x, events: [...x.events, { type: 'lr' as const, step: 2_300, lane: 0, lr: 0.05 }] };
    const opened = engine();
    opened.send({ type: 'load', experiment: edited });
    expect(opened.notices()[0]!.message).toMatch(/events up to step 2500 differ/);
    const replayed = engine();
    replayed.send({ type: 'load', experiment: { ...edited, states: undefined, weights: undefined } });
    expect(opened.last().digests).toEqual(replayed.last().digests);
    expect(opened.last().lanes[0]!.lr).toBe(0.05);
  });

  it('verifies by replay a slice at a time, answering other commands meanwhile', () => {
    const { e } = savedSession(4_000);
    e.send({ type: 'verify', id: 'v1' });
    e.send({ type: 'verify', id: 'v2' }); // one at a time: the second is refused, naming its request
    expect(e.errors().at(-1)).toMatchObject({ request: 'v2' });
    expect(e.errors().at(-1)!.message).toMatch(/already running/);
    const after = e.send({ type: 'set-lr', lane: 0, lr: 0.2 }); // answered before the replay is done
    expect(after.lanes[0]!.lr).toBe(0.2);
    e.drain();
    const verified = e.sent.filter((m) => m.type === 'verified');
    expect(verified).toHaveLength(1);
    const v = verified[0]!;
    if (v.type !== 'verified') throw new Error('unreachable');
    expect(v.request).toBe('v1');
    expect(v.step).toBe(4_000);
    expect(v.lanes.map((l) => l.replayed)).toEqual(v.lanes.map((l) => l.live));
    expect(e.sent.some((m) => m.type === 'progress')).toBe(true);
  });

  it('snapshots carry the history points since the last one, and all of them after a rewind', () => {
    const e = engine();
    const first = e.last();
    expect(first.history.from).toBe(0);
    const a = e.send({ type: 'step', count: 100 });
    expect(a.history.from).toBe(first.history.count);
    expect(a.history.count).toBe(10);
    const layout = new HistoryLayout(2, 2);
    expect(a.history.width).toBe(layout.width);
    expect(a.history.rows[(a.history.count - 1) * layout.width]).toBe(100);
    expect(a.events).toEqual(null);
    const b = e.send({ type: 'set-activation', lane: 0, activation: leaky });
    expect(b.history.count).toBe(0); // the swap re-probes, but points follow the step schedule only
    expect(b.events).toHaveLength(1);
    const c = e.send({ type: 'rewind', step: 0 });
    expect(c.history.from).toBe(0);
    expect(c.events).toEqual([]);
    e.send({ type: 'step', count: 10 });
    expect(e.send({ type: 'resync' })).toMatchObject({ history: { from: 0, count: 2 }, events: [] });
  });

  it('keeps state memory bounded over a long session', () => {
    const e = engine();
    e.send({ type: 'step', count: 60_000 });
    const x = e.exported({ states: true });
    expect(x.states!.length).toBeLessThanOrEqual(52);
    expect(x.states!.at(-1)!.step).toBe(60_000);
  });
});

describe('the inspected neuron', () => {
  it('has an activity trail recorded by the engine at probe steps, kept up to the step of a rewind', () => {
    const e = engine();
    e.send({ type: 'step', count: 1_000 });
    e.send({ type: 'inspect', target: { lane: 0, neuron: 3 } });
    const s = e.send({ type: 'step', count: 500 });
    const trail = s.inspected!.trail;
    expect([...trail.steps.slice(0, 3)]).toEqual([1_000, 1_010, 1_020]);
    expect(trail.steps.at(-1)).toBe(1_500);
    expect(trail.activity.every((a) => a >= 0 && a <= 1)).toBe(true);
    expect(trail.activity.at(-1)).toBeCloseTo(s.lanes[0]!.activity[3]!, 6);
    const back = e.send({ type: 'rewind', step: 1_000 }).inspected!.trail;
    expect([...back.steps]).toEqual([1_000]);
    // Choosing another neuron starts a new trail.
    expect([...e.send({ type: 'inspect', target: { lane: 1, neuron: 0 } }).inspected!.trail.steps]).toEqual([1_000]);
  });
});

describe('a saved inspection', () => {
  it('comes back with the file: the same neuron and trail, recording on', () => {
    const e = engine();
    e.send({ type: 'inspect', target: { lane: 1, neuron: 4 } });
    e.send({ type: 'step', count: 700 });
    const x = e.exported({ states: true });
    expect(x.inspection).toMatchObject({ lane: 1, neuron: 4 });
    const opened = engine();
    opened.send({ type: 'inspect', target: { lane: 0, neuron: 0 } }); // whatever was open before is replaced
    const s = opened.send({ type: 'load', experiment: parseOk(serializeExperiment(x)) });
    expect(s.inspected).toMatchObject({ lane: 1, neuron: 4 });
    expect([...s.inspected!.trail.steps]).toEqual([...e.last().inspected!.trail.steps]);
    const a = e.send({ type: 'step', count: 30 }).inspected!.trail;
    const b = opened.send({ type: 'step', count: 30 }).inspected!.trail;
    expect([...b.steps]).toEqual([...a.steps]);
    expect([...b.activity]).toEqual([...a.activity]);
    // Another session: the neuron stays chosen, its trail starts again.
    expect([...opened.send({ type: 'reseed', seed: 3 }).inspected!.trail.steps]).toEqual([0]);
  });
});
