import { describe, expect, it } from 'vitest';
import { outputsFor } from '../../../../src/core/data/dataset';
import { makeAbs, makeSine, makeXsin5x } from '../../../../src/core/data/regression';

const p = { samples: 500, noise: 0, seed: 11 };

describe('1-D regression generators', () => {
  it.each([
    ['Sine', makeSine, (x: number) => Math.sin(Math.PI * x)],
    ['|x|', makeAbs, (x: number) => Math.abs(x)],
    ['x sin 5x', makeXsin5x, (x: number) => x * Math.sin(5 * x)],
  ])('%s: regression shape, x in [-1, 1], target f(x) without noise', (name, make, f) => {
    const d = make(p);
    expect(d).toMatchObject({ name, task: 'regression', rows: 500, dims: 1, classes: 0, featureNames: ['x'], classNames: [], targetName: 'y' });
    expect(outputsFor(d)).toBe(1);
    expect(d.x.length).toBe(500);
    expect(d.t.length).toBe(500);
    expect(d.y).toEqual(new Int32Array(500));
    for (let i = 0; i < d.rows; i++) {
      expect(Math.abs(d.x[i]!)).toBeLessThanOrEqual(1);
      expect(d.t[i]).toBeCloseTo(f(d.x[i]!), 6);
    }
  });

  it('x covers [-1, 1] roughly uniformly', () => {
    const x = makeSine({ ...p, samples: 4000 }).x;
    const quarters = [0, 0, 0, 0];
    for (const v of x) quarters[Math.min(3, Math.floor((v + 1) * 2))]!++;
    for (const q of quarters) expect(q).toBeGreaterThan(900);
  });

  it('is seeded: same seed, same bits; another seed, other rows', () => {
    expect(makeXsin5x(p).x).toEqual(makeXsin5x(p).x);
    expect(makeXsin5x(p).t).toEqual(makeXsin5x(p).t);
    expect(makeXsin5x({ ...p, seed: 12 }).x).not.toEqual(makeXsin5x(p).x);
  });

  it('noise is Gaussian in target units around the curve, and leaves x alone', () => {
    const clean = makeAbs({ ...p, samples: 4000 });
    const noisy = makeAbs({ ...p, samples: 4000, noise: 0.1 });
    expect(noisy.x).toEqual(clean.x);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < clean.rows; i++) {
      const e = noisy.t[i]! - clean.t[i]!;
      sum += e;
      sq += e * e;
    }
    expect(Math.abs(sum / clean.rows)).toBeLessThan(0.01);
    expect(Math.sqrt(sq / clean.rows)).toBeCloseTo(0.1, 2);
  });
});
