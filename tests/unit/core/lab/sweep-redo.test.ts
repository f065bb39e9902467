import { describe, expect, it } from 'vitest';
import { answerSweepJob } from '../../../../src/core/lab/sweep-job';
import { canBatch } from '../../../../src/core/lab/sweep-batch';
import { sweepCells, sweepRuns } from '../../../../src/core/lab/sweep-plan';
import { runSweepRun } from '../../../../src/core/lab/sweep-run';
import { checkSweep } from '../../../../src/core/protocol/sweep';
import { oneLaneBase, rawSweep } from './sweep-fixtures';

/** The bad start (hidden biases 1 lower) with and without ReDo every 100 steps: the cures study's question as an axis. */
function redoSweep() {
  const base = oneLaneBase({ dataset: { kind: 'moons', samples: 200, noise: 0.15 }, hidden: [8, 8] });
  const r = checkSweep(rawSweep({ base: { ...base, lanes: [{ ...base.lanes[0]!, biasShift: -1, lr: 0.05 }] }, steps: 600, seeds: 3, axes: [{ axis: 'redo', values: [null, { every: 100, tau: 0.025 }] }] }), 'redo.sweep.json');
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('ReDo as a sweep axis', () => {
  it('is an axis of its own: labels, lane names and each run\'s spec', () => {
    const s = redoSweep();
    expect(sweepCells(s).map((c) => c.labels)).toEqual([['without ReDo'], ['with ReDo every 100, τ 0.025']]);
    const runs = sweepRuns(s);
    expect(runs.map((r) => [r.spec.lanes[0]!.name, r.spec.lanes[0]!.redo ?? null])).toEqual([
      ...[1, 2, 3].map(() => ['ReLU', null]),
      ...[1, 2, 3].map(() => ['ReLU + ReDo', { every: 100, tau: 0.025 }]),
    ]);
    expect(checkSweep({ ...rawSweep(), axes: [{ axis: 'redo', values: [{ every: 0, tau: 0.1 }] }] }, 'x.json')).toMatchObject({ ok: false, field: 'axes.0.values.0.every' });
  });

  it('ReDo runs train on the one-at-a-time path (the batched kernels do not recycle), and recycling shows in the results', () => {
    const s = redoSweep();
    const runs = sweepRuns(s);
    expect(canBatch(runs.slice(0, 3))).toBe(true);
    expect(canBatch(runs.slice(3))).toBe(false);
    // The worker's answer for a group of ReDo runs equals each run trained alone.
    const answer = answerSweepJob({ runs: runs.slice(3), steps: s.steps, target: s.target });
    if (!('replies' in answer)) throw new Error('a group of runs is answered with replies');
    answer.replies.forEach((reply, i) => expect('result' in reply && reply.result).toEqual(runSweepRun(runs[3 + i]!, s.steps, s.target)));
    const dead = (i: number) => runSweepRun(runs[i]!, s.steps, s.target).deadPercent[1]!;
    // Layer 2 is born mostly dead; ReDo brings it back, plain ReLU cannot.
    for (let k = 0; k < 3; k++) expect(dead(3 + k)).toBeLessThan(dead(k));
  });
});
