// The Lab's sweep form (issue 13, item 2): it shows a sweep's axes, seeds and steps, turns edits back into
// a sweep checked by the sweep file's own rules, and places every refusal on the field to fix.
import { describe, expect, it } from 'vitest';
import { collapseStudy, doesItMatter, preluSlopesStudy } from '../../../src/core/lab/studies';
import { sweepBasis, sweepRunCount } from '../../../src/core/protocol/sweep';
import { activationChoices, draftOf, sweepFromDraft } from '../../../src/renderer/state/lab-draft';

describe('the sweep form', () => {
  it('shows the default sweep and gives it back unchanged (same basis, 160 runs)', () => {
    const s = doesItMatter();
    const d = draftOf(s);
    expect(d.lr).toBe('0.01, 0.03, 0.1, 0.3');
    expect(d.seeds).toBe('10');
    expect(d.steps).toBe('3000');
    expect(d.activations).toHaveLength(4);
    const back = sweepFromDraft(s, d);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.runs).toBe(160);
    expect(sweepBasis(back.sweep)).toBe(sweepBasis(s));
  });

  it('builds a small sweep from edits: 2 activations x 2 rates x 2 seeds, a batch axis, 300 steps', () => {
    const s = doesItMatter();
    const [relu, leaky] = activationChoices(s);
    const r = sweepFromDraft(s, { ...draftOf(s), activations: [relu!.key, leaky!.key], lr: '0.03 0.3', batchSize: '8, 32', seeds: '2', steps: '300' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.runs).toBe(2 * 2 * 2 * 2);
    expect(r.sweep.axes.map((a) => a.axis)).toEqual(['activation', 'lr', 'batchSize']);
    expect(r.sweep.axes[2]!.values).toEqual([8, 32]);
    expect(r.sweep.steps).toBe(300);
    expect(sweepRunCount(r.sweep)).toBe(16);
  });

  it('an empty list leaves the axis unswept; a seed list is kept as a list', () => {
    const s = doesItMatter();
    const r = sweepFromDraft(s, { ...draftOf(s), lr: '', seeds: '3, 7, 11' });
    expect(r.ok && r.sweep.axes.map((a) => a.axis)).toEqual(['activation']);
    expect(r.ok && r.sweep.seeds).toEqual([3, 7, 11]);
  });

  it('hidden layer shapes become a hidden axis', () => {
    const s = doesItMatter();
    const r = sweepFromDraft(s, { ...draftOf(s), hidden: '16x16, 8x8x8x8' });
    expect(r.ok && r.sweep.axes.find((a) => a.axis === 'hidden')?.values).toEqual([
      [16, 16],
      [8, 8, 8, 8],
    ]);
  });

  it.each([
    ['lr', { lr: '0.1, fast' }, /Learning rates: "fast" is not a number/],
    ['lr', { lr: '0.1, -1' }, /Learning rates: .*axes\.1\.values\.1/],
    ['batchSize', { batchSize: '0' }, /Batch sizes: .*axes\.2\.values\.0/],
    ['hidden', { hidden: '16x' }, /Hidden layers: "16x" is not a list of widths/],
    ['steps', { steps: '305' }, /multiple of 10/],
    ['steps', { steps: 'many' }, /Steps: "many" is not a number/],
    ['seeds', { seeds: '' }, /Seeds: give a count/],
    ['seeds', { seeds: '0' }, /seeds/],
  ] as const)('refuses a bad %s and names it', (field, patch, message) => {
    const s = doesItMatter();
    const r = sweepFromDraft(s, { ...draftOf(s), ...patch });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.field).toBe(field);
    expect(r.problem.message).toMatch(message);
  });

  it('refuses more than 100,000 runs, naming the axes', () => {
    const s = doesItMatter();
    const r = sweepFromDraft(s, { ...draftOf(s), seeds: '10000', lr: '0.01, 0.03, 0.1' });
    expect(!r.ok && r.problem.message).toMatch(/120,000 runs .* more than the 100,000/);
  });

  it('keeps the axes it does not edit (a study\'s init axis) and offers the study\'s own activations', () => {
    const s = collapseStudy('abs', 5);
    const r = sweepFromDraft(s, { ...draftOf(s), seeds: '2' });
    expect(r.ok && r.sweep.axes.map((a) => a.axis)).toEqual(['activation', 'init']);
    const slopes = preluSlopesStudy();
    const choices = activationChoices(slopes);
    // Both PReLU variants are offered once each, whatever the field order of the file's specs.
    expect(choices.filter((c) => c.spec.kind === 'prelu')).toHaveLength(2);
    // Every cure of the ReLU family, RReLU with nn.RReLU()'s defaults among them (the cures study sweeps it).
    expect(choices.find((c) => c.spec.kind === 'rrelu')?.spec).toEqual({ kind: 'rrelu', lower: 0.125, upper: 1 / 3 });
    expect(draftOf(slopes).activations.every((k) => choices.some((c) => c.key === k))).toBe(true);
  });
});
