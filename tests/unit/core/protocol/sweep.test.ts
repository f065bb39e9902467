import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSweepRun } from '../../../../src/core/lab/sweep-run';
import { serializeSweep, sweepWithResults } from '../../../../src/core/lab/sweep-file';
import { sweepRuns } from '../../../../src/core/lab/sweep-plan';
import { checkSweep, parseSweep, sweepRunCount, type Sweep } from '../../../../src/core/protocol/sweep';
import { oneLaneBase, rawSweep } from '../lab/sweep-fixtures';
import { join } from 'node:path';
import { Session } from '../../../../src/core/engine/session';
import { withStartWeights } from '../../../../src/core/engine/start-weights';
import { readWeightsFile } from '../../../../src/core/import/read-weights';

const refused = (raw: unknown) => {
  const r = checkSweep(raw, 'my.sweep.json');
  if (r.ok) throw new Error('expected the sweep to be refused');
  return r;
};

describe('sweep files', () => {
  it('accepts a sweep and counts its runs (axes x seeds), with 10 seeds by default', () => {
    const r = checkSweep(rawSweep(), 'x.json');
    expect(r.ok).toBe(true);
    if (r.ok) expect(sweepRunCount(r.value)).toBe(8);
    const d = checkSweep({ ...rawSweep(), seeds: undefined }, 'x.json');
    expect(d.ok && sweepRunCount(d.value)).toBe(40);
  });

  it('refuses an unknown axis, naming the field and the axes there are', () => {
    const r = refused(rawSweep({ axes: [{ axis: 'activation', values: [{ kind: 'relu' }] }, { axis: 'momentum', values: [0.9] }] }));
    expect(r.field).toBe('axes.1.axis');
    expect(r.message).toContain('my.sweep.json: field "axes.1.axis" is "momentum", which is not an axis; use one of activation, lr,');
  });

  it('refuses an empty axis and a bad value, naming the field', () => {
    expect(refused(rawSweep({ axes: [{ axis: 'lr', values: [] }] })).message).toContain('field "axes.0.values" is invalid: an axis needs at least one value');
    expect(refused(rawSweep({ axes: [{ axis: 'lr', values: [0.1, -1] }] })).field).toBe('axes.0.values.1');
  });

  it('refuses Nesterov without momentum or with dampening on the optimizer axis, as torch.optim.SGD, naming the value', () => {
    const sgd = { kind: 'sgd', momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0 };
    const r = refused(rawSweep({ axes: [{ axis: 'optimizer', values: [sgd, { ...sgd, dampening: 0.5 }] }] }));
    expect(r.field).toBe('axes.0.values.1.dampening');
    expect(r.message).toContain('Nesterov momentum requires a momentum and zero dampening');
    expect(refused(rawSweep({ axes: [{ axis: 'optimizer', values: [{ ...sgd, momentum: 0 }] }] })).field).toBe('axes.0.values.0.nesterov');
    expect(checkSweep(rawSweep({ axes: [{ axis: 'optimizer', values: [sgd, { ...sgd, nesterov: false, dampening: 0.5 }] }] }), 'x.json').ok).toBe(true);
  });

  it('a base lane started from imported weights: axes that would change nothing or not fit them are refused; every run starts from them', () => {
    const r = readWeightsFile(new Uint8Array(readFileSync(join(__dirname, '../../../fixtures/state-dicts/mlp.pt'))), 'mlp.pt');
    if (!r.ok) throw new Error(r.message);
    const base = withStartWeights(oneLaneBase({ dataset: { kind: 'moons', samples: 200, noise: 0.15 } }), r.mlp, 'all');
    for (const axis of [{ axis: 'init', values: [{ kind: 'rai' }] }, { axis: 'hidden', values: [[16, 16]] }, { axis: 'dataset', values: [{ kind: 'xor', samples: 100, noise: 0.1 }] }]) {
      const refusal = refused(rawSweep({ base, axes: [{ axis: 'lr', values: [0.1] }, axis] }));
      expect(refusal.field).toBe('axes.1.axis');
      expect(refusal.message).toContain(`the weights imported from mlp.pt; remove the axis, or the base lane's "start"`);
    }
    const ok = checkSweep(rawSweep({ base, axes: [{ axis: 'activation', values: [{ kind: 'relu' }, { kind: 'leaky_relu', alpha: 0.01 }] }] }), 'x.json');
    if (!ok.ok) throw new Error(ok.message);
    const runs = sweepRuns(ok.value);
    expect(runs).toHaveLength(4);
    for (const run of runs) expect(new Session(run.spec).lanes[0]!.mlp.layers[0]!.weight).toEqual(r.mlp.tensors[0]);
  });

  it('refuses more than 100,000 runs', () => {
    const r = refused(rawSweep({ seeds: 1000, axes: [{ axis: 'lr', values: Array.from({ length: 101 }, (_, i) => i / 100) }] }));
    expect(r.field).toBe('axes');
    expect(r.message).toContain('makes 101,000 runs (axes x seeds), more than the 100,000');
  });

  it('refuses a base that is itself invalid, or has more than one lane', () => {
    const bad = oneLaneBase();
    expect(refused(rawSweep({ base: { ...bad, lanes: [{ ...bad.lanes[0]!, lr: -1 }] } })).field).toBe('base.lanes.0.lr');
    const two = { ...bad, lanes: [bad.lanes[0]!, bad.lanes[0]!] };
    expect(refused(rawSweep({ base: two })).message).toContain('field "base.lanes" is invalid: a sweep\'s base has exactly one lane');
  });

  it('refuses an axis given twice, depth beside hidden, a user file on the dataset axis, and steps not a multiple of 10', () => {
    expect(refused(rawSweep({ axes: [{ axis: 'lr', values: [0.1] }, { axis: 'lr', values: [0.2] }] })).message).toContain('repeats the axis "lr" of axes.0');
    expect(refused(rawSweep({ axes: [{ axis: 'hidden', values: [[4]] }, { axis: 'depth', values: [2] }] })).field).toBe('axes.1.axis');
    const file = { kind: 'file', name: 'a.csv', sha256: 'a'.repeat(64), bytes: 10, options: { target: 'y', task: 'classification', missing: 'drop', oneHotLimit: 10 } };
    expect(refused(rawSweep({ axes: [{ axis: 'dataset', values: [{ kind: 'xor', samples: 100, noise: 0 }, file] }] })).field).toBe('axes.0.values.1');
    expect(refused(rawSweep({ steps: 205 })).message).toContain('must be a multiple of 10');
  });

  it('refuses a file that is not JSON, not a sweep, or from a newer version', () => {
    expect((parseSweep('{', 'a.json') as { message: string }).message).toContain('a.json is not valid JSON');
    expect(refused({ format: 'leaky-lab-experiment' }).field).toBe('format');
    expect(refused(rawSweep({ version: 9 })).message).toContain('sweep format version 9; this one reads up to 1');
  });

  it('saves finished runs and reads them back whole (NaN measures through null), and refuses results of edited settings', () => {
    const sweep = (checkSweep(rawSweep({ seeds: 1, axes: [{ axis: 'lr', values: [0.03] }] }), 'x') as { value: Sweep }).value;
    const run = sweepRuns(sweep)[0]!;
    const result = { ...runSweepRun(run, sweep.steps, sweep.target), finalTestLoss: Number.NaN };
    const text = serializeSweep(sweepWithResults(sweep, [result]));
    const back = parseSweep(text, 'saved.json');
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.results).toEqual([result]);
    const edited = JSON.parse(text) as Record<string, unknown>;
    const r = refused({ ...edited, steps: 400 });
    expect(r.field).toBe('results');
    expect(r.message).toContain('was measured with other settings');
    const moved = { ...edited, results: [{ ...(edited.results as object[])[0]!, seed: 5 }] };
    expect(refused(moved).field).toBe('results.0.seed');
  });
});

describe('docs/sweep-format.md', () => {
  it('its example is a valid sweep with the cells and runs the text says', () => {
    const doc = readFileSync(new URL('../../../../docs/sweep-format.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)![1]!;
    const parsed = parseSweep(example, 'sweep-format.md');
    expect(parsed.ok, parsed.ok ? '' : parsed.message).toBe(true);
    if (parsed.ok) expect(sweepRunCount(parsed.value)).toBe(90);
    expect(doc).toContain('3 x 3 = 9 cells and 90 runs');
  });
});
