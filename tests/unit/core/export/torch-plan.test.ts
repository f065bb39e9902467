import { describe, expect, it } from 'vitest';
import { Replayer } from '../../../../src/core/engine/replay';
import { scenarios } from '../../../../src/core/engine/scenarios';
import { Session } from '../../../../src/core/engine/session';
import { torchPlan } from '../../../../src/core/export/torch-plan';

describe('the PyTorch export and ReDo', () => {
  const cures = scenarios().find((s) => s.id === 'cures')!.experiment;

  it('without a recycle in the exported steps the plan has none (ReDo every 1,000 steps: 999 of them)', () => {
    expect(torchPlan(cures, null, 999).recycles).toEqual([]);
  });

  it('carries every recycle the engine made, at its loop step, with the values the engine gave the neurons', () => {
    const plan = torchPlan(cures, null, 2000);
    const session = new Session(cures.spec);
    new Replayer(session, cures.events).advance(2000);
    expect(plan.recycles.map((r) => [r.at, r.lane, r.layer, r.neurons])).toEqual(session.recycles.map((r) => [r.step, r.lane, r.layer, r.neurons]));
    expect(plan.recycles.length).toBeGreaterThan(0);
    // The first recycle's rows: what the lane held right after it, before the next step changed them.
    const first = plan.recycles[0]!;
    const at = new Session(cures.spec);
    new Replayer(at, cures.events).advance(first.at);
    const layer = at.lanes[first.lane]!.mlp.layers[first.layer]!;
    const w = plan.arrays.get(`recycle${first.arrays}_w`)!;
    expect(w.shape).toEqual([first.neurons.length, layer.inputs]);
    expect([...new Float32Array(w.bytes.slice().buffer)]).toEqual(first.neurons.flatMap((k) => [...layer.weight.subarray(k * layer.inputs, (k + 1) * layer.inputs)]));
    expect([...new Float32Array(plan.arrays.get(`recycle${first.arrays}_b`)!.bytes.slice().buffer)]).toEqual(first.neurons.map((k) => layer.bias[k]!));
  });

  it('a redo event that turns ReDo on within the exported steps recycles from there', () => {
    const x = { ...cures, spec: { ...cures.spec, lanes: cures.spec.lanes.map((l) => ({ ...l, redo: null })) }, events: [{ type: 'redo' as const, step: 40, lane: 0, redo: { every: 10, tau: 0.5 }, tau: 0.5 }] };
    const plan = torchPlan(x, null, 100);
    expect(plan.recycles.length).toBeGreaterThan(0);
    expect(plan.recycles.every((r) => r.lane === 0 && r.at > 40 && r.at % 10 === 0)).toBe(true);
  });
});
