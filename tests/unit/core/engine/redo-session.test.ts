import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openExperiment } from '../../../../src/core/engine/open-experiment';
import { replay } from '../../../../src/core/engine/replay';
import { Session } from '../../../../src/core/engine/session';
import { StateStore } from '../../../../src/core/engine/state-store';
import { HistoryLayout } from '../../../../src/core/protocol/history';
import { parseExperiment, serializeExperiment, type Experiment } from '../../../../src/core/protocol/experiment';
import { defaultSessionSpec, laneSpec, type SessionSpec } from '../../../../src/core/protocol/spec';
import { MetricLog } from '../../../../src/core/engine/metric-log';
import { engine } from './engine-harness';
import { NEURON_EVENT } from '../../../../src/core/stats/neuron-tracker';

/** Bad initialization (every hidden bias 1 lower), ReLU beside ReLU with ReDo every 100 steps: layer 2 is born mostly dead. */
const spec: SessionSpec = {
  ...defaultSessionSpec(),
  dataset: { kind: 'moons', samples: 200, noise: 0.15 },
  hidden: [8, 8],
  lanes: [
    { ...laneSpec('ReLU', { kind: 'relu' }, 0.05), biasShift: -1 },
    { ...laneSpec('ReLU + ReDo', { kind: 'relu' }, 0.05), biasShift: -1, redo: { every: 100, tau: 0.025 }, tau: 0 },
  ],
};

describe('ReDo in a session', () => {
  it('neurons that fire again right after a recycle are counted as revived by ReDo (words match the mechanism), the plain ReLU lane\'s never', () => {
    const s = new Session(spec);
    for (let i = 0; i < 300; i++) s.stepAll();
    const tracker = s.lanes[1]!.tracker;
    const byRedo = [...tracker.lastRevivalKind].filter((k) => k === NEURON_EVENT.revivedByRedo).length;
    expect(byRedo).toBeGreaterThan(0);
    // Each such revival is at a recycle's step (K = 100, a multiple of the probe interval).
    tracker.lastRevivalKind.forEach((k, i) => {
      if (k === NEURON_EVENT.revivedByRedo) expect(s.recycles.some((r) => r.step === tracker.lastRevived[i] && r.neurons.includes(i - (r.layer === 0 ? 0 : 8)))).toBe(true);
    });
    expect([...s.lanes[0]!.tracker.lastRevivalKind].includes(NEURON_EVENT.revivedByRedo)).toBe(false);
  });

  it('recycles every K steps, records which neurons, and the dormant and zero series follow', () => {
    const s = new Session(spec);
    const dormant0 = s.lanes[1]!.metrics().dormantPercent;
    for (let i = 0; i < 300; i++) s.stepAll();
    expect(s.recycles.length).toBeGreaterThan(0);
    expect(s.recycles.every((r) => r.type === 'recycle' && r.lane === 1 && r.step % 100 === 0 && r.neurons.length > 0)).toBe(true);
    // Born dead: at step 0 the ReDo lane (tau 0: dormant = 0 on every probe row) has dormant neurons in layer 2; after recycling none are left.
    expect(dormant0[1]).toBeGreaterThan(0);
    const m = s.lanes[1]!.metrics();
    expect(m.tau).toBe(0);
    expect(m.dormantPercent[1]).toBeLessThan(dormant0[1]!);
    // Under ReLU tau = 0 dormant is exactly inactive (score 0 iff a = 0 on every row iff z <= 0 on every row).
    expect(m.dormantPercent).toEqual(m.inactivePercent);
    // The plain lane never recycles, and its dormant (default tau 0.025) includes its dead neurons.
    const plain = s.lanes[0]!.metrics();
    expect(plain.tau).toBe(0.025);
    plain.dormantPercent.forEach((d, l) => expect(d).toBeGreaterThanOrEqual(plain.deadPercent[l]!));
    const L = new HistoryLayout(2, 2);
    const row = s.log.delta(0).rows.subarray(-L.width);
    expect(row[L.layerColumn(1, 1, 'dormantPercent')]).toBe(m.dormantPercent[1]);
    expect(row[L.layerColumn(0, 0, 'zeroPercent')]).toBeCloseTo(100 * plain.zeroFraction[0]!, 10);
  });

  it('a replay from the spec makes the same recycles and the same bits; an exported file reopens whole', () => {
    const e = engine();
    e.send({ type: 'init', id: 'i1', spec });
    e.send({ type: 'step', count: 350 });
    const live = e.last();
    const recycles = live.events!.filter((x) => x.type === 'recycle');
    expect(recycles.length).toBeGreaterThan(0);
    const x = e.exported({ states: true });
    expect(x.version).toBe(5);
    expect(x.events.filter((ev) => ev.type === 'recycle')).toEqual(recycles);
    // Replayed from step 0 (no states): the same fingerprints and the same records.
    const again = replay(x.spec, x.steps, x.events, null, new StateStore());
    expect(again.digests()).toEqual(live.digests);
    expect(again.recycles).toEqual(recycles);
    // Saved and opened (from its newest state): no notice, the same bits, and it trains on like the live session.
    const parsed = parseExperiment(serializeExperiment(x), 'redo.leaky.json');
    expect(parsed.ok).toBe(true);
    const opened = openExperiment((parsed as { value: Experiment }).value, null);
    expect(opened.notice).toBeNull();
    expect(opened.session.digests()).toEqual(live.digests);
    expect(opened.session.recycles).toEqual(recycles);
    const later = e.send({ type: 'step', count: 150 });
    for (let i = 0; i < 150; i++) opened.session.stepAll();
    expect(opened.session.digests()).toEqual(later.digests);
  });

  it('a rewind to before a recycle drops its record, and training on makes it again', () => {
    const e = engine();
    // tau 0.5: neurons below half the layer's mean are recycled too, so recycles go on after step 1,000.
    e.send({ type: 'init', id: 'i1', spec: { ...spec, lanes: [spec.lanes[0]!, { ...spec.lanes[1]!, redo: { every: 100, tau: 0.5 } }] } });
    const a = e.send({ type: 'step', count: 1_250 });
    const before = a.events!.filter((x) => x.type === 'recycle');
    expect(before.some((r) => r.step > 1_000)).toBe(true);
    // Rewinding goes to a checkpoint (every 1,000 steps).
    const back = e.send({ type: 'rewind', id: 'r1', step: 1_000 });
    expect(e.errors()).toEqual([]);
    expect(back.step).toBe(1_000);
    expect(back.events!.filter((x) => x.type === 'recycle')).toEqual(before.filter((r) => r.step <= 1_000));
    const b = e.send({ type: 'step', count: 250 });
    expect(b.digests).toEqual(a.digests);
    expect(b.events!.filter((x) => x.type === 'recycle')).toEqual(before);
  });

  it('notices when a file\'s recycle records differ from what its replay does', () => {
    const s = replay(spec, 250, [], null);
    const recycles = s.recycles;
    const x: Experiment = { format: 'leaky-lab-experiment', version: 4, spec, steps: 250, events: [...recycles.slice(1)] };
    expect(openExperiment(x, null).notice).toContain('ReDo recycles');
  });
});

describe('an experiment file of version 3 (before ReDo and the dormant series)', () => {
  const text = readFileSync(join(import.meta.dirname, '../../../fixtures/experiments/v3-two-lanes-1200.leaky.json'), 'utf8');

  it('opens whole from its saved state: the same fingerprints, its history, and the new series unknown (NaN) for the old points', () => {
    const parsed = parseExperiment(text, 'v3.leaky.json');
    expect(parsed.ok).toBe(true);
    const x = (parsed as { value: Experiment }).value;
    expect(x.version).toBe(3);
    const opened = openExperiment(x, null);
    expect(opened.notice).toBeNull();
    expect(opened.session.digests()).toEqual(x.weights!.map((w) => w.digest));
    const rows = MetricLog.rowsFrom(x.history!, new HistoryLayout(2, 2));
    if (typeof rows === 'string') throw new Error(rows);
    const L = new HistoryLayout(2, 2);
    expect(rows.at(-1)![L.laneColumn(0, 'deadAll')]).toBe(x.history!.lanes[0]!.deadAll!.at(-1));
    expect(Number.isNaN(rows.at(-1)![L.laneColumn(0, 'dormantAll')]!)).toBe(true);
    // Replayed from step 0 by this build: the same bits as the old build saved.
    const replayed = replay(x.spec, x.steps, x.events, null);
    expect(replayed.digests()).toEqual(x.weights!.map((w) => w.digest));
    // Restored from a version-3 state, whose counts have no sums of |a|: the dormant share is unknown until the next probe, then measured.
    expect(opened.session.lanes[0]!.metrics().dormantPercent.every(Number.isNaN)).toBe(true);
    for (let i = 0; i < 10; i++) opened.session.stepAll();
    expect(opened.session.lanes[0]!.metrics().dormantPercent.every(Number.isFinite)).toBe(true);
    expect(opened.session.digests()).toEqual(replay(x.spec, x.steps + 10, x.events, null).digests());
  });
});
