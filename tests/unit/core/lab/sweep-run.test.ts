import { describe, expect, it } from 'vitest';
import { Session } from '../../../../src/core/engine/session';
import { cellSpec, sweepCells, sweepRuns } from '../../../../src/core/lab/sweep-plan';
import { runSweepRun } from '../../../../src/core/lab/sweep-run';
import { checkSweep, type Sweep } from '../../../../src/core/protocol/sweep';
import { oneLaneBase, rawSweep } from './sweep-fixtures';

const sweepOf = (patch: Record<string, unknown> = {}): Sweep => {
  const r = checkSweep(rawSweep(patch), 'test.json');
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('sweep plan', () => {
  it('makes one cell per combination, the first axis slowest, and one run per seed inside each cell', () => {
    const s = sweepOf();
    expect(sweepCells(s).map((c) => c.labels)).toEqual([
      ['ReLU', '0.03'],
      ['ReLU', '0.3'],
      ['Leaky ReLU α=0.01', '0.03'],
      ['Leaky ReLU α=0.01', '0.3'],
    ]);
    const runs = sweepRuns(s);
    expect(runs.map((r) => [r.index, r.cell, r.seed])).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => [i, i >> 1, (i % 2) + 1]));
    expect(runs[7]!.spec.lanes[0]).toMatchObject({ name: 'Leaky ReLU α=0.01', activation: { kind: 'leaky_relu', alpha: 0.01 }, lr: 0.3 });
    expect(runs[7]!.spec.seed).toBe(2);
    expect(runs[5]!.spec.lanes[0]!.lr).toBe(0.03);
  });

  it('puts depth, width, batch size, init and bias shift where the session and lane specs hold them', () => {
    const base = oneLaneBase({ hidden: [16, 8] });
    const s = { base, axes: [{ axis: 'depth', values: [3] }, { axis: 'width', values: [5] }, { axis: 'batchSize', values: [64] }, { axis: 'init', values: [{ kind: 'rai' }] }, { axis: 'biasShift', values: [-1] }] } as const;
    const spec = cellSpec(s as unknown as Sweep, { at: [0, 0, 0, 0, 0] }, 4);
    expect(spec).toMatchObject({ seed: 4, hidden: [5, 5, 5], batchSize: 64, lanes: [{ init: { kind: 'rai' }, biasShift: -1 }] });
    expect(cellSpec({ base, axes: [{ axis: 'depth', values: [3] }] }, { at: [0] }, 1).hidden).toEqual([16, 8, 8]);
  });
});

describe('a sweep run', () => {
  it('measures what the same session trained directly measures, and gives the same result twice', () => {
    const s = sweepOf();
    const run = sweepRuns(s)[3]!;
    const a = runSweepRun(run, s.steps, s.target);
    expect(runSweepRun(run, s.steps, s.target)).toEqual(a);
    const session = new Session(run.spec);
    while (session.step < s.steps) session.stepAll();
    const m = session.lanes[0]!.metrics();
    expect(a.steps).toBe(200);
    expect(a.finalTestScore).toBe(m.testScore);
    expect(a.finalLoss).toBe(session.lanes[0]!.smoothedLoss);
    expect(a.deadPercent).toEqual(m.deadPercent);
    expect(a.bornDead).toBe(m.bornDead);
    expect(a.bestTestScore).toBeGreaterThanOrEqual(a.finalTestScore);
    expect(a.trace.steps[0]).toBe(0);
    expect(a.trace.steps.at(-1)).toBe(200);
    expect(a.trace.steps.length).toBe(21);
  });

  it('records the first probe step at which the target was reached, or null', () => {
    const s = sweepOf({ target: 0.5 });
    const r = runSweepRun(sweepRuns(s)[1]!, s.steps, s.target);
    expect(r.stepsToTarget).not.toBeNull();
    expect(r.stepsToTarget! % 10).toBe(0);
    expect(runSweepRun(sweepRuns(s)[1]!, s.steps, 1.5).stepsToTarget).toBeNull();
  });

  it('keeps a diverging run as a result: it stops there and records the step', () => {
    const base = oneLaneBase({ dataset: { kind: 'moons', samples: 200, noise: 0.15 } });
    const s = sweepOf({ base: { ...base, lanes: [{ ...base.lanes[0]!, activation: { kind: 'identity' }, lr: 100, clipNorm: null }] }, axes: [], seeds: 1, steps: 2000 });
    const r = runSweepRun(sweepRuns(s)[0]!, s.steps, null);
    expect(r.divergedAt).not.toBeNull();
    expect(r.steps).toBe(r.divergedAt);
    expect(r.trace.steps.at(-1)).toBe(r.steps);
  });

  it('calls a deep narrow ReLU net whose first layer died a constant function, and a Leaky ReLU net that fits |x| not', () => {
    // Lu et al.'s setting (9 layers of width 2, He init); the bias shift kills the first ReLU layer at once.
    const base = oneLaneBase({ dataset: { kind: 'abs', samples: 200, noise: 0 }, hidden: [2, 2, 2, 2, 2, 2, 2, 2, 2] });
    const lane = { ...base.lanes[0]!, lr: 0.01, init: { kind: 'he_normal' as const, a: 0 } };
    const s = sweepOf({ base: { ...base, lanes: [lane] }, axes: [{ axis: 'activation', values: [{ kind: 'relu' }, { kind: 'leaky_relu', alpha: 0.2 }] }, { axis: 'biasShift', values: [-5, 0] }], seeds: 1, steps: 100, target: null });
    const [dead, , , leaky] = sweepRuns(s).map((run) => runSweepRun(run, s.steps, null));
    expect(dead!.collapsed).toBe(true);
    expect(dead!.deadPercent[0]).toBe(100);
    expect(leaky!.collapsed).toBe(false);
  });
});
