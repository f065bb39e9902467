import { describe, expect, it } from 'vitest';
import { EXPERIMENT_VERSION, parseExperiment, serializeExperiment } from '../../../../src/core/protocol/experiment';
import { engine } from './engine-harness';

describe('experiment files with weights and metric history', () => {
  it('exports the weights with their fingerprints; a load whose replay matches them says nothing', () => {
    const e = engine();
    const s = e.send({ type: 'step', count: 250 });
    const x = e.exported({ weights: true });
    expect(x.weights!.map((w) => w.digest)).toEqual(s.digests);
    expect(x.weights![0]!.tensors).toHaveLength(6);
    const back = parseExperiment(serializeExperiment(x), 'a.leaky.json');
    expect(back.ok).toBe(true);
    const again = engine();
    again.send({ type: 'load', experiment: x });
    expect(again.notices()).toEqual([]);
    expect(again.last().digests).toEqual(s.digests);
  });

  it('warns, naming the lane, when saved weights differ from the replay', () => {
    const e = engine();
    e.send({ type: 'step', count: 50 });
    const x = e.exported({ weights: true });
    x.weights![1]!.digest = '0000000000000000';
    const again = engine();
    again.send({ type: 'load', experiment: x });
    expect(again.notices()).toHaveLength(1);
    expect(again.notices()[0]!.message).toContain('"Leaky ReLU"');
  });

  it('exports the metric history at probe steps, and a replay records the same history', () => {
    const e = engine();
    e.send({ type: 'step', count: 120 });
    e.send({ type: 'set-activation', lane: 0, activation: { kind: 'leaky_relu', alpha: 0.1 } });
    e.send({ type: 'step', count: 80 });
    const x = e.exported({ history: true });
    const h = x.history!;
    expect(h.steps.slice(0, 3)).toEqual([0, 10, 20]);
    expect(h.steps.at(-1)).toBe(200);
    expect(h.lanes).toHaveLength(2);
    expect(h.lanes[0]!.loss[0]).toBeNull(); // no batch yet at step 0
    expect(h.lanes[0]!.deadPercent).toHaveLength(2);
    expect(h.lanes[1]!.trainScore!.at(-1)).toBeGreaterThan(0.5);
    const again = engine();
    again.send({ type: 'load', experiment: x });
    expect(again.exported({ history: true }).history).toEqual(h);
  });

  it('reads version-1 files and refuses newer versions and events on missing lanes', () => {
    const e = engine();
    const x = e.exported();
    for (const version of [1, 2, 3, 4]) expect(parseExperiment(JSON.stringify({ ...x, version }), 'old.json').ok).toBe(true);
    const newer = parseExperiment(JSON.stringify({ ...x, version: EXPERIMENT_VERSION + 1 }), 'new.json');
    expect(newer).toMatchObject({ ok: false, field: 'version' });
    const bad = parseExperiment(JSON.stringify({ ...x, events: [{ type: 'rewind-lane', step: 5, lane: 0, to: 9 }] }), 'x.json');
    expect(bad).toMatchObject({ ok: false, field: 'events.0.to' });
  });

  it('a reset restores each lane to its spec, learning rate included, so a saved reset session replays the same', () => {
    const e = engine();
    e.send({ type: 'set-lr', lane: 0, lr: 0.01 });
    e.send({ type: 'reset' });
    const s = e.send({ type: 'step', count: 40 });
    expect(s.lanes[0]!.lr).toBe(0.3);
    const again = engine();
    expect(again.send({ type: 'load', experiment: e.exported() }).digests).toEqual(s.digests);
  });
});

describe('inspecting a neuron', () => {
  it('sends its pre-activation histogram, and its response over the input plane with boundary frames', () => {
    const e = engine();
    e.send({ type: 'step', count: 30 });
    const s = e.send({ type: 'inspect', target: { lane: 1, neuron: 20 } });
    const n = s.inspected!;
    expect(n).toMatchObject({ lane: 1, neuron: 20, layer: 1 });
    expect(n.histogram.reduce((a, b) => a + b, 0)).toBe(512);
    expect(n.response).toHaveLength(48 * 48);
    // The response is this neuron's z: where the probe says it is active, some of the plane is positive.
    if (s.lanes[1]!.activity[20]! > 0) expect(n.response!.some((z) => z > 0)).toBe(true);
    expect(e.send({ type: 'inspect', target: null }).inspected).toBeNull();
    e.send({ type: 'inspect', target: { lane: 3, neuron: 0 } });
    expect(e.last().inspected).toBeNull();
  });
});

describe('test loss', () => {
  it('is the mean cross-entropy of the test rows, recomputed from the lane’s own logits', async () => {
    const { Session } = await import('../../../../src/core/engine/session');
    const { defaultSessionSpec } = await import('../../../../src/core/protocol/spec');
    const s = new Session(defaultSessionSpec());
    for (let i = 0; i < 200; i++) s.stepAll();
    const lane = s.lanes[0]!;
    const test = s.test;
    const logits = lane.mlp.forward(test.x, Math.min(test.rows, lane.mlp.capacity));
    let sum = 0;
    const n = Math.min(test.rows, lane.mlp.capacity);
    for (let r = 0; r < n; r++) {
      const a = logits[2 * r]!;
      const b = logits[2 * r + 1]!;
      const m = Math.max(a, b);
      sum += Math.log(Math.exp(a - m) + Math.exp(b - m)) + m - (test.y[r] === 0 ? a : b);
    }
    // The engine probes all 200 test rows; the network's capacity here covers them in one pass.
    expect(n).toBe(test.rows);
    expect(s.metrics()[0]!.testLoss).toBeCloseTo(sum / n, 6);
    expect(engine().exported({ history: true }).history!.lanes[0]!.testLoss![0]).toBeGreaterThan(0);
  });
});
