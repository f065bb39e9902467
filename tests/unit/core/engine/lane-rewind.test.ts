import { describe, expect, it } from 'vitest';
import { defaultSessionSpec } from '../../../../src/core/protocol/spec';
import { engine } from './engine-harness';

describe('rewinding one lane', () => {
  it('puts only that lane back to the checkpoint; the others keep going; a replay of the saved experiment gives the same bits', () => {
    const e = engine();
    const at1000 = e.send({ type: 'step', count: 1000 });
    e.send({ type: 'step', count: 1000 });
    const before = e.last();
    const rewound = e.send({ type: 'rewind', step: 1000, lane: 0 });
    expect(rewound.lanes[0]!.step).toBe(1000);
    expect(rewound.digests[0]).toBe(at1000.digests[0]);
    expect(rewound.lanes[1]!.step).toBe(2000);
    expect(rewound.digests[1]).toBe(before.digests[1]);
    expect(rewound.checkpoints.some((c) => c.step === 2000 && c.reason === 'lane rewind')).toBe(true);

    // The rewound lane trains on, on the session's next batches: a branch, not a repeat of steps 1001-2000.
    const on = e.send({ type: 'step', count: 300 });
    expect(on.lanes[0]!.step).toBe(1300);
    expect(on.lanes[1]!.step).toBe(2300);
    const saved = e.exported();
    expect(saved.events).toEqual([{ type: 'rewind-lane', step: 2000, lane: 0, to: 1000 }]);

    const again = engine();
    const loaded = again.send({ type: 'load', experiment: saved });
    expect(again.errors()).toEqual([]);
    expect(loaded.digests).toEqual(on.digests);
    expect(loaded.lanes.map((l) => l.step)).toEqual([1300, 2300]);
  });

  it('brings a diverged lane back, and refuses a lane or step that is not there', () => {
    const e = engine();
    // Unclipped (clipping, the default, would bound its steps).
    e.send({ type: 'init', spec: { ...defaultSessionSpec(), lanes: defaultSessionSpec().lanes.map((l) => ({ ...l, clipNorm: null })) } });
    e.send({ type: 'step', count: 10 });
    e.send({ type: 'set-lr', lane: 0, lr: 90 });
    const blown = e.send({ type: 'step', count: 200 });
    expect(blown.lanes[0]!.diverged).not.toBeNull();
    // The checkpoint at step 10 includes the change made there; the start is before it.
    expect(e.send({ type: 'rewind', step: 10, lane: 0 }).lanes[0]!.lr).toBe(90);
    const back = e.send({ type: 'rewind', step: 0, lane: 0 });
    expect(back.lanes[0]!.diverged).toBeNull();
    expect(back.lanes[0]!.lr).toBe(0.3);
    expect(back.lanes[0]!.step).toBe(0);
    e.send({ type: 'rewind', step: 10, lane: 3 });
    e.send({ type: 'rewind', step: 11, lane: 0 });
    expect(e.errors().map((m) => m.field)).toEqual(['lane', 'step']);
  });
});
