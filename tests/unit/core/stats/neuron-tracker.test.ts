import { describe, expect, it } from 'vitest';
import { NeuronTracker } from '../../../../src/core/stats/neuron-tracker';
import { makeProbeCounts } from '../../../../src/core/stats/probe';

function counts(active: number[]) {
  const c = makeProbeCounts([active.length]);
  c.active.set(active);
  c.rows = 10;
  return c;
}

describe('NeuronTracker', () => {
  it('marks born-dead neurons at step 0 and records deaths and revivals with their steps', () => {
    const t = new NeuronTracker(3);
    t.update(0, counts([0, 5, 5]));
    expect([...t.bornDead]).toEqual([1, 0, 0]);
    expect([...t.dead]).toEqual([1, 0, 0]);
    t.update(10, counts([0, 0, 5]));
    expect(t.deaths).toBe(1);
    expect(t.diedSteps[1]).toEqual([10]);
    t.update(20, counts([3, 0, 5]));
    expect(t.revivals).toBe(1);
    expect(t.revivedSteps[0]).toEqual([20]);
    expect([...t.lastRevived]).toEqual([20, -1, -1]);
    t.update(30, counts([3, 1, 5]));
    expect(t.revivedSteps[1]).toEqual([30]);
    expect([...t.dead]).toEqual([0, 0, 0]);
    expect([...t.recentEvents(10)]).toEqual([1, 10, 0, 0, 20, 1, 1, 30, 1]);
    expect([...t.recentEvents(1)]).toEqual([1, 30, 1]);
  });
});
