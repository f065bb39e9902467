import { describe, expect, it } from 'vitest';
import { Session } from '../../../../src/core/engine/session';
import type { SessionState } from '../../../../src/core/engine/session-state';
import { StateStore } from '../../../../src/core/engine/state-store';
import { defaultSessionSpec } from '../../../../src/core/protocol/spec';

/** Real states of one session, at the given steps. */
function statesAt(steps: readonly number[]): SessionState[] {
  const s = new Session(defaultSessionSpec());
  return steps.map((n) => {
    while (s.step < n) s.stepAll();
    return s.saveState();
  });
}

describe('StateStore', () => {
  const states = statesAt([0, 10, 20, 30, 40, 50, 60]);

  it('finds the nearest state at or before a step, and replaces one of the same step', () => {
    const store = new StateStore();
    for (const s of states) store.put(s);
    expect(store.nearest(35)!.step).toBe(30);
    expect(store.nearest(60)!.step).toBe(60);
    const again = statesAt([30])[0]!;
    store.put(again);
    expect(store.states).toHaveLength(7);
    expect(store.nearest(30)).toBe(again);
  });

  it('keeps, for each checkpoint, its own state or the nearest before it', () => {
    const store = new StateStore();
    for (const s of states) store.put(s);
    store.retain([0, 25, 45, 60]);
    expect(store.states.map((s) => s.step)).toEqual([0, 20, 40, 60]);
    store.truncate(45);
    expect(store.states.map((s) => s.step)).toEqual([0, 20, 40]);
  });

  it('stays under its budget by dropping the state closest to its predecessor, never the first or the newest', () => {
    const one = states[1]!;
    const store = new StateStore(1); // a budget smaller than any state: only the first and newest remain
    for (const s of states) store.put(s);
    expect(store.states.map((s) => s.step)).toEqual([0, 60]);
    const roomy = new StateStore(10 * 1024 * 1024);
    for (const s of states) roomy.put(s);
    expect(roomy.states).toContain(one);
    expect(roomy.bytes).toBeGreaterThan(0);
  });
});
