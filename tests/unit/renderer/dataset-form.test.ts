// The dataset chooser's form checks (what the user types, and the hint each mistake gets), the score
// labels of regression, and the y range of the 1-D fitted-curve plot.
import { describe, expect, it } from 'vitest';
import { curveYRange } from '../../../src/renderer/charts/draw-curve';
import { rampRgb } from '../../../src/renderer/charts/draw-boundary';
import { checkNumber, DATASET_CHOICES, formFromRef, NOISE_RULE, refFromForm, refTitle, SAMPLES_RULE, sameRef, withChoice } from '../../../src/renderer/state/dataset-form';
import { MetricHistory } from '../../../src/renderer/state/history';
import { formatScore, scoreLabel } from '../../../src/renderer/state/score';
import { BUNDLED_DATASETS, DatasetRefSchema } from '../../../src/core/protocol/spec';
import * as v from 'valibot';

describe('checkNumber', () => {
  it('names the first problem of what was typed', () => {
    expect(checkNumber('', SAMPLES_RULE)).toEqual({ ok: false, hint: 'Enter a number' });
    expect(checkNumber('   ', SAMPLES_RULE)).toEqual({ ok: false, hint: 'Enter a number' });
    expect(checkNumber('abc', SAMPLES_RULE)).toEqual({ ok: false, hint: '"abc" is not a number' });
    expect(checkNumber('1,000', SAMPLES_RULE)).toEqual({ ok: false, hint: '"1,000" is not a number' });
    expect(checkNumber('-3', SAMPLES_RULE)).toEqual({ ok: false, hint: 'Must not be negative' });
    expect(checkNumber('1e9', SAMPLES_RULE)).toEqual({ ok: false, hint: 'At most 100,000' });
    expect(checkNumber('Infinity', SAMPLES_RULE)).toEqual({ ok: false, hint: 'At most 100,000' });
    expect(checkNumber('4', SAMPLES_RULE)).toEqual({ ok: false, hint: 'At least 8' });
    expect(checkNumber('12.5', SAMPLES_RULE)).toEqual({ ok: false, hint: 'Enter a whole number' });
    expect(checkNumber(' 250 ', SAMPLES_RULE)).toEqual({ ok: true, value: 250 });
    expect(checkNumber('0', NOISE_RULE)).toEqual({ ok: true, value: 0 });
    expect(checkNumber('10.5', NOISE_RULE)).toEqual({ ok: false, hint: 'At most 10' });
  });
});

describe('the dataset form', () => {
  it('gives a valid spec reference for every choice with its defaults', () => {
    for (const c of DATASET_CHOICES) {
      const form = withChoice(formFromRef({ kind: 'moons', samples: 1000, noise: 0.15 }), c.id);
      const r = refFromForm(form);
      expect(r.ok, c.id).toBe(true);
      if (r.ok) expect(v.safeParse(DatasetRefSchema, r.ref).success, c.id).toBe(true);
    }
    expect(DATASET_CHOICES.filter((c) => c.group === 'bundled').map((c) => c.id)).toEqual(BUNDLED_DATASETS.map((n) => `bundled:${n}`));
  });

  it('round-trips the running dataset and tells when the form differs from it', () => {
    const running = { kind: 'spiral', samples: 600, noise: 0.05, arms: 4 } as const;
    const form = formFromRef(running);
    expect(form).toEqual({ choice: 'spiral', samples: '600', noise: '0.05', param: '4' });
    const r = refFromForm(form);
    expect(r.ok && sameRef(r.ref, running)).toBe(true);
    const more = refFromForm({ ...form, param: '5' });
    expect(more.ok && sameRef(more.ref, running)).toBe(false);
    expect(sameRef({ kind: 'bundled', name: 'iris' }, { name: 'iris', kind: 'bundled' } as never)).toBe(true);
  });

  it('collects the hint of every bad field and sends nothing', () => {
    const r = refFromForm({ choice: 'circles', samples: '', noise: '-1', param: '2' });
    expect(r).toEqual({ ok: false, hints: { samples: 'Enter a number', noise: 'Must not be negative', param: 'At most 0.95' } });
    expect(refFromForm({ choice: 'file', samples: '1000', noise: '0.1', param: '' }).ok).toBe(false);
  });

  it('keeps typed samples and noise across choices, and moves a usual noise to the new usual one', () => {
    const moons = formFromRef({ kind: 'moons', samples: 500, noise: 0.15 });
    expect(withChoice(moons, 'sine')).toEqual({ choice: 'sine', samples: '500', noise: '0.1', param: '' });
    expect(withChoice({ ...moons, noise: '0.3' }, 'sine').noise).toBe('0.3');
    expect(withChoice(moons, 'checkerboard').param).toBe('4');
  });

  it('names datasets for status lines', () => {
    expect(refTitle({ kind: 'bundled', name: 'breast_cancer' })).toBe('Breast cancer (Wisconsin diagnostic)');
    expect(refTitle({ kind: 'xsin5x', samples: 100, noise: 0 })).toBe('x sin 5x');
    expect(refTitle({ kind: 'file', name: 'wine.csv', sha256: '0'.repeat(64), bytes: 1, options: { target: 'c', task: 'classification', missing: 'drop', oneHotLimit: 16 } })).toBe('wine.csv');
  });
});

describe('regression labels', () => {
  it('calls the score R² and shows it with 3 decimals, negative values included', () => {
    expect(scoreLabel('regression', 'train')).toBe('Train R²');
    expect(scoreLabel('classification', 'test')).toBe('Test acc');
    expect(formatScore(0.98765, 'regression')).toBe('0.988');
    expect(formatScore(-2.5, 'regression')).toBe('-2.500');
    expect(formatScore(Number.NaN, 'regression')).toBe('—');
    expect(formatScore(0.5, 'classification')).toBe('50.0%');
  });

  it('names the metrics CSV columns mse and r2 for regression, as the CLI does', () => {
    const history = new MetricHistory();
    expect(history.toCsv('regression').split('\n')[0]).toBe('step,lane,mse,mse_smoothed,test_mse,train_r2,test_r2,dead_percent,inactive_percent,deaths,revivals,dormant_percent,zero_percent');
    expect(history.toCsv().split('\n')[0]).toBe('step,lane,loss,loss_smoothed,test_loss,train_accuracy,test_accuracy,dead_percent,inactive_percent,deaths,revivals,dormant_percent,zero_percent');
  });
});

describe('curveYRange', () => {
  it('spans the targets with a margin and widens for the curves by at most half the span', () => {
    const t = new Float32Array([-1, 0, 1]);
    const [y0, y1] = curveYRange([t], [null]);
    expect(y0).toBeCloseTo(-1.2);
    expect(y1).toBeCloseTo(1.2);
    const wild = new Float32Array([-100, 0, 1.5]);
    const [w0, w1] = curveYRange([t], [wild]);
    expect(w0).toBeCloseTo(-2); // clamped: 1 below the targets (half of their span 2)
    expect(w1).toBeCloseTo(1.5);
    expect(curveYRange([new Float32Array(0)], [new Float32Array([Number.NaN])])).toEqual([-1, 1]);
    const [c0, c1] = curveYRange([new Float32Array([3, 3])], []);
    expect(c0).toBeLessThan(3);
    expect(c1).toBeGreaterThan(3);
  });

  it('maps targets onto the ramp, clamped at its ends', () => {
    expect(rampRgb(0, 0, 1)).toEqual([68, 1, 84]);
    expect(rampRgb(5, 0, 1)).toEqual([253, 231, 37]);
    expect(rampRgb(Number.NaN, 0, 1)).toEqual(rampRgb(0.5, 0, 1));
  });
});
