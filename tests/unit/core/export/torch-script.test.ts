import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../../../src/core/engine/scenarios';
import { Session } from '../../../../src/core/engine/session';
import { DEFAULT_EXPORT_STEPS, exportTorch, MAX_EMBEDDED_BYTES } from '../../../../src/core/export/export-torch';
import { MAX_EXPORT_STEPS, torchPlan } from '../../../../src/core/export/torch-plan';
import { py } from '../../../../src/core/export/torch-script';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const byId = (id: string) => scenarios().find((s) => s.id === id)!.experiment;

describe('the PyTorch export', () => {
  it('writes Python literals for the spec', () => {
    expect(py({ a: [1, 0.3, -2e-7], b: true, c: false, d: null, e: 'x"y' })).toBe('{"a": [1, 0.3, -2e-7], "b": True, "c": False, "d": None, "e": "x\\"y"}');
  });

  it("embeds the session's own rows and initial weights, one set for lanes that share a draw", () => {
    const x = byId('bad-init');
    const plan = torchPlan(x, null, 10);
    const session = new Session(x.spec);
    expect(plan.laneInit).toEqual([0, 0, 0]);
    const w0 = plan.arrays.get('init0_w0')!;
    expect(w0.shape).toEqual([16, 2]);
    expect(Array.from(new Float32Array(w0.bytes.slice().buffer))).toEqual(Array.from(session.lanes[0]!.mlp.layers[0]!.weight));
    const b0 = new Float32Array(plan.arrays.get('init0_b0')!.bytes.slice().buffer);
    expect(Array.from(b0)).toEqual(Array.from(session.lanes[0]!.mlp.layers[0]!.bias));
    expect(new Float32Array(plan.arrays.get('train_x')!.bytes.slice().buffer)).toEqual(session.train.x);
    expect(plan.arrays.get('batches')!.shape).toEqual([10, 16]);
    expect(plan.arrays.get('probe_rows')!.shape).toEqual([800]);
  });

  it('gives lanes with another init their own draw', () => {
    const x = byId('default');
    const lanes = [x.spec.lanes[0]!, { ...x.spec.lanes[1]!, init: { kind: 'he_normal' as const, a: 0 } }];
    expect(torchPlan({ ...x, spec: { ...x.spec, lanes } }, null, 1).laneInit).toEqual([0, 1]);
  });

  it('exports the scenario steps it is asked for, or 1,000 for a file without steps, and says what it replays', async () => {
    const x = byId('revival');
    const out = await exportTorch(x, null, { steps: null, scriptName: 'run.py', origin: 'the revival story', sha256 });
    expect(out.steps).toBe(DEFAULT_EXPORT_STEPS);
    expect(out.sidecar).toBeNull();
    expect(out.script).toMatch(/^#!\/usr\/bin\/env python3\n"""Leaky Lab experiment the revival story as a PyTorch script: 1000 steps of 2 lane\(s\) on Two moons\./);
    expect(out.script).toContain('STEPS = 1000\n');
    // The hot-swap at step 10,000 lies beyond the exported steps.
    expect(out.script).toContain('EVENTS = [\n\n]');
    expect(out.script).toContain('(1 later one(s) not exported)');
    expect((await exportTorch(x, null, { steps: 20_000, scriptName: 'run.py', origin: 'r', sha256 })).script).toContain('{"type": "activation", "step": 10000, "lane": 0, "activation": {"kind": "leaky_relu", "alpha": 0.2}}');
    expect(() => torchPlan(x, null, 0)).toThrow(/from 1 to/);
  });

  it('exports the first MAX_EXPORT_STEPS steps of a longer file, says so, and puts them in a side-car', async () => {
    const x = { ...byId('default'), steps: 2 * MAX_EXPORT_STEPS };
    const out = await exportTorch(x, null, { steps: null, scriptName: 'long.py', origin: 'a long run', sha256 });
    expect(out.steps).toBe(MAX_EXPORT_STEPS);
    expect(out.script).toContain(`${MAX_EXPORT_STEPS} steps (of the ${2 * MAX_EXPORT_STEPS} it has)`);
    expect(out.sidecar?.name).toBe('long.npz');
    expect(out.sidecar!.bytes.length).toBeGreaterThan(MAX_EMBEDDED_BYTES);
    expect(out.script).toMatch(/SIDECAR = \("long\.npz", "[0-9a-f]{64}"\)/);
  });
});
