import { describe, expect, it } from 'vitest';
import { scenarios } from '../../../../src/core/engine/scenarios';
import { torchPlan } from '../../../../src/core/export/torch-plan';

describe('the PyTorch export and ReDo (which its script does not replay)', () => {
  const cures = scenarios().find((s) => s.id === 'cures')!.experiment;

  it('exports the steps before the first recycle (ReDo every 1,000 steps: 999 of them)', () => {
    expect(torchPlan(cures, null, 999).steps).toBe(999);
  });

  it('refuses more, naming the lane and the steps it can export', () => {
    expect(() => torchPlan(cures, null, 1000)).toThrow('lane "ReLU + ReDo" runs ReDo every 1000 steps, which the PyTorch export does not replay: export at most 999 steps, or turn ReDo off for lane 2');
  });

  it('refuses a redo event that turns ReDo on within the exported steps', () => {
    const x = { ...cures, spec: { ...cures.spec, lanes: cures.spec.lanes.map((l) => ({ ...l, redo: null })) }, events: [{ type: 'redo' as const, step: 40, lane: 0, redo: { every: 10, tau: 0 }, tau: 0 }] };
    expect(() => torchPlan(x, null, 100)).toThrow("a 'redo' event turns ReDo on for lane 1 at step 40");
    expect(torchPlan(x, null, 40).steps).toBe(40);
  });
});
