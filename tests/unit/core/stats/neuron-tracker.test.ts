import { describe, expect, it } from 'vitest';
import { NEURON_EVENT, NeuronTracker } from '../../../../src/core/stats/neuron-tracker';
import { makeProbeCounts } from '../../../../src/core/stats/probe';

function counts(active: number[]) {
  const c = makeProbeCounts([active.length]);
  c.active.set(active);
  c.rows = 10;
  return c;
}

describe('NeuronTracker', () => {
  it('marks born-inactive neurons at step 0 and records deaths and revivals with their steps', () => {
    const t = new NeuronTracker(3);
    t.update(0, counts([0, 5, 5]), false);
    expect([...t.bornInactive]).toEqual([1, 0, 0]);
    expect([...t.inactive]).toEqual([1, 0, 0]);
    t.update(10, counts([0, 0, 5]), false);
    expect(t.deaths).toBe(1);
    expect(t.lastDied[1]).toBe(10);
    t.update(20, counts([3, 0, 5]), false);
    expect(t.revivals).toBe(1);
    expect(t.lastRevived[0]).toBe(20);
    expect([...t.lastRevived]).toEqual([20, -1, -1]);
    t.update(30, counts([3, 1, 5]), false);
    expect(t.lastRevived[1]).toBe(30);
    expect([...t.inactive]).toEqual([0, 0, 0]);
    expect([...t.recentEvents(10)]).toEqual([1, 10, 0, 0, 20, 1, 1, 30, 1]);
    expect([...t.recentEvents(1)]).toEqual([1, 30, 1]);
    expect(t.revivalsByCure).toBe(0);
  });

  it('under a leaky activation, going inactive is not a death and coming back is the cure', () => {
    const t = new NeuronTracker(2);
    t.update(0, counts([5, 5]), false);
    t.update(10, counts([0, 5]), false); // died under ReLU
    t.update(20, counts([4, 0]), true); // revived under Leaky ReLU; the other only went inactive
    expect(t.deaths).toBe(1);
    expect(t.deactivations).toBe(1);
    expect(t.revivals).toBe(1);
    expect(t.revivalsByCure).toBe(1);
    expect([...t.lastRevivalKind]).toEqual([NEURON_EVENT.revivedByCure, -1]);
    t.update(30, counts([4, 2]), false); // back under ReLU: momentum or upstream drift
    expect([...t.lastRevivalKind]).toEqual([NEURON_EVENT.revivedByCure, NEURON_EVENT.revivedByDrift]);
    expect(t.revivalsByCure).toBe(1);
  });
});

describe('NeuronTracker and ReDo', () => {
  it('a neuron that fires again after ReDo recycled it was revived by ReDo, not by drift or a cure; the mark lasts one update', () => {
    const t = new NeuronTracker(3);
    t.update(0, counts([5, 5, 5]), false);
    t.update(10, counts([0, 0, 0]), false); // all three die under ReLU
    t.markRecycled([0, 2]);
    t.update(20, counts([3, 2, 0]), false); // 0 comes back after its recycle, 1 by drift, 2 stays dead
    expect([...t.lastRevivalKind]).toEqual([NEURON_EVENT.revivedByRedo, NEURON_EVENT.revivedByDrift, -1]);
    expect([t.revivals, t.revivalsByCure]).toEqual([2, 0]);
    t.update(30, counts([3, 2, 4]), false); // 2 comes back later: the mark was for one probe only
    expect(t.lastRevivalKind[2]).toBe(NEURON_EVENT.revivedByDrift);
    // Under a leaky activation too: a recycled neuron's revival is ReDo's, not the slope's.
    const leaky = new NeuronTracker(1);
    leaky.update(0, counts([0]), true);
    leaky.markRecycled([0]);
    leaky.update(10, counts([1]), true);
    expect([leaky.lastRevivalKind[0], leaky.revivalsByCure]).toEqual([NEURON_EVENT.revivedByRedo, 0]);
  });

  it('the mark is part of the state (a checkpoint between a recycle and the next probe), and older states without it load', () => {
    const t = new NeuronTracker(2);
    t.update(0, counts([5, 0]), false);
    t.markRecycled([1]);
    const saved = t.saveState();
    const back = new NeuronTracker(2);
    back.loadState(saved);
    back.update(10, counts([5, 1]), false);
    expect(back.lastRevivalKind[1]).toBe(NEURON_EVENT.revivedByRedo);
    const { recycled: _recycled, ...old } = saved;
    const older = new NeuronTracker(2);
    older.loadState(old);
    older.update(10, counts([5, 1]), false);
    expect(older.lastRevivalKind[1]).toBe(NEURON_EVENT.revivedByDrift);
  });
});

describe('NeuronTracker state', () => {
  it('a restored tracker goes on exactly as the original', () => {
    const a = new NeuronTracker(3);
    a.update(0, counts([0, 5, 5]), false);
    a.update(10, counts([0, 0, 5]), false);
    const b = new NeuronTracker(3);
    b.loadState(a.saveState());
    for (const t of [a, b]) {
      t.update(20, counts([3, 0, 0]), true);
      t.update(30, counts([3, 2, 0]), false);
    }
    expect(b.saveState()).toEqual(a.saveState());
    expect([...b.recentEvents(10)]).toEqual([...a.recentEvents(10)]);
    expect([b.deaths, b.revivals, b.revivalsByCure, b.deactivations]).toEqual([a.deaths, a.revivals, a.revivalsByCure, a.deactivations]);
  });

  it('keeps only the newest events, so a long session stays bounded', () => {
    const t = new NeuronTracker(1);
    for (let s = 0; s < 10_000; s++) t.update(10 * s, counts([s % 2]), false);
    expect(t.saveState().log.length).toBeLessThanOrEqual(3 * 512);
    expect([...t.recentEvents(1)]).toEqual([0, 99_990, 1]);
  });

  it('refuses a state of another size', () => {
    expect(() => new NeuronTracker(2).loadState(new NeuronTracker(3).saveState())).toThrow(/3 neurons/);
  });
});
