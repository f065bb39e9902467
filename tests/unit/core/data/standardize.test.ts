import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeBundled } from '../../../../src/core/data/bundled/bundled';
import type { Dataset, SplitDataset } from '../../../../src/core/data/dataset';
import { stratifiedSplit } from '../../../../src/core/data/split';
import { standardize } from '../../../../src/core/data/standardize';

/** A classification dataset from rows of features (label 0). */
function table(rows: number[][]): Dataset {
  const dims = rows[0]?.length ?? 0;
  return { name: 't', task: 'classification', rows: rows.length, dims, classes: 1, x: Float32Array.from(rows.flat()), y: new Int32Array(rows.length), t: new Float32Array(0), featureNames: Array.from({ length: dims }, (_, i) => `f${i}`), classNames: ['a'], targetName: 'class' };
}

/** Per-column mean and population std of a dataset's features, in float64. */
function moments(d: Dataset, c: number): { mean: number; std: number } {
  let s = 0;
  for (let r = 0; r < d.rows; r++) s += d.x[r * d.dims + c]!;
  const mean = s / d.rows;
  let ss = 0;
  for (let r = 0; r < d.rows; r++) {
    const dev = d.x[r * d.dims + c]! - mean;
    ss += dev * dev;
  }
  return { mean, std: Math.sqrt(ss / d.rows) };
}

describe('standardize', () => {
  const split = stratifiedSplit(makeBundled('wine'), 0.25, 3);
  const { split: out, mean, std } = standardize(split);

  it('gives every training feature mean 0 and std 1', () => {
    for (let c = 0; c < out.train.dims; c++) {
      const m = moments(out.train, c);
      expect(Math.abs(m.mean)).toBeLessThan(1e-6);
      expect(m.std).toBeCloseTo(1, 5);
    }
  });

  it('returns the training statistics in feature units and applies them to the test part', () => {
    expect(mean[12]).toBeCloseTo(moments(split.train, 12).mean, 9);
    expect(std[12]).toBeCloseTo(moments(split.train, 12).std, 9);
    expect(mean[12]).toBeGreaterThan(500); // proline, hundreds of mg/l
    for (let i = 0; i < out.test.x.length; i++) {
      const c = i % out.test.dims;
      expect(out.test.x[i]).toBe(Math.fround((split.test.x[i]! - mean[c]!) / std[c]!));
    }
    expect(moments(out.test, 12).mean).not.toBe(0);
  });

  it('leaves the input, labels and names alone', () => {
    expect(split.train.x[12]).toBeGreaterThan(100);
    expect(out.train.y).toBe(split.train.y);
    expect(out.test.featureNames).toBe(split.test.featureNames);
    expect(out.train.name).toBe(split.train.name);
  });

  it('turns a column constant on the training part into 0, never NaN', () => {
    const s: SplitDataset = { train: table([[1, 3], [2, 3], [3, 3]]), test: table([[4, 3], [0, 5]]) };
    const r = standardize(s);
    expect(Array.from(r.std)).toEqual([Math.sqrt(2 / 3), 1]);
    expect(Array.from(r.split.train.x.filter((_, i) => i % 2 === 1))).toEqual([0, 0, 0]);
    expect(Array.from(r.split.test.x.filter((_, i) => i % 2 === 1))).toEqual([0, 2]);
    expect(r.split.train.x.every(Number.isFinite)).toBe(true);
  });

  it('gives the same bits on repeated runs (property)', () => {
    const row = fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.array(row, { maxLength: 10 }), (trainRows, testRows) => {
        const s: SplitDataset = { train: table(trainRows), test: table(testRows.length ? testRows : [[0, 0, 0]]) };
        const a = standardize(s);
        const b = standardize({ train: table(trainRows), test: table(testRows.length ? testRows : [[0, 0, 0]]) });
        expect(new Uint8Array(a.split.train.x.buffer)).toEqual(new Uint8Array(b.split.train.x.buffer));
        expect(new Uint8Array(a.split.test.x.buffer)).toEqual(new Uint8Array(b.split.test.x.buffer));
        expect(new Uint8Array(a.mean.buffer)).toEqual(new Uint8Array(b.mean.buffer));
        expect(new Uint8Array(a.std.buffer)).toEqual(new Uint8Array(b.std.buffer));
        expect(a.split.train.x.every(Number.isFinite)).toBe(true);
        // The documented order: float64 sums over rows in increasing order, mean first, then deviations.
        for (let c = 0; c < 3; c++) {
          const m = moments(s.train, c);
          expect(Object.is(a.mean[c], m.mean)).toBe(true);
          expect(Object.is(a.std[c], m.std > 0 ? m.std : 1)).toBe(true);
        }
      }),
    );
  });
});
