import { describe, expect, it } from 'vitest';
import { makeBundled } from '../../../../src/core/data/bundled/bundled';
import type { Dataset } from '../../../../src/core/data/dataset';
import { makeMoons } from '../../../../src/core/data/moons';
import { makeSine } from '../../../../src/core/data/regression';
import { splitDataset, stratifiedSplit } from '../../../../src/core/data/split';

function counts(d: Dataset): number[] {
  const c = new Array<number>(d.classes).fill(0);
  for (const y of d.y) c[y]!++;
  return c;
}

/** Rows of a dataset as strings of features and label, to compare row sets. */
function rowKeys(d: Dataset): string[] {
  return Array.from({ length: d.rows }, (_, r) => `${Array.from(d.x.subarray(r * d.dims, (r + 1) * d.dims)).join(',')}|${d.y[r]}|${d.t[r] ?? ''}`);
}

describe('splitDataset (plain)', () => {
  it('keeps its numbers (pinned from the version before stratifiedSplit existed)', () => {
    const s = splitDataset(makeMoons({ samples: 50, noise: 0.1, seed: 1 }), 0.2, 5);
    expect(s.test.rows).toBe(10);
    expect(s.train.rows).toBe(40);
    expect(Array.from(s.test.y)).toEqual([0, 0, 1, 0, 1, 1, 0, 0, 1, 1]);
    expect(Array.from(s.test.x.subarray(0, 4))).toEqual([-0.9011092782020569, 0.12406005710363388, 0.6798146367073059, 0.7437646389007568]);
  });
});

describe('stratifiedSplit', () => {
  it('keeps the class balance in both parts (iris 50/50/50, 20% test: 10 each)', () => {
    const s = stratifiedSplit(makeBundled('iris'), 0.2, 3);
    expect(counts(s.test)).toEqual([10, 10, 10]);
    expect(counts(s.train)).toEqual([40, 40, 40]);
    expect(s.test.name).toBe('Iris (test)');
  });

  it.each([
    ['wine', 0.25],
    ['breast_cancer', 0.2],
    ['digits', 0.3],
    ['breast_cancer', 0.05],
  ] as const)('%s at %s: as many test rows as the plain split, each class within one row of its share', (name, f) => {
    const d = makeBundled(name);
    const s = stratifiedSplit(d, f, 9);
    expect(s.test.rows).toBe(Math.floor(d.rows * f));
    expect(s.train.rows + s.test.rows).toBe(d.rows);
    const all = counts(d);
    counts(s.test).forEach((c, k) => expect(Math.abs(c - all[k]! * f)).toBeLessThan(1));
  });

  it('partitions the rows: every row exactly once, in train or test', () => {
    const d = makeBundled('wine');
    const s = stratifiedSplit(d, 0.3, 1);
    expect([...rowKeys(s.train), ...rowKeys(s.test)].sort()).toEqual(rowKeys(d).sort());
  });

  it('is seeded: same seed, same bits; another seed, other test rows', () => {
    const d = makeBundled('breast_cancer');
    const a = stratifiedSplit(d, 0.2, 4);
    const b = stratifiedSplit(d, 0.2, 4);
    expect(a.train.x).toEqual(b.train.x);
    expect(a.test.x).toEqual(b.test.x);
    expect(a.test.y).toEqual(b.test.y);
    const c = stratifiedSplit(d, 0.2, 5);
    expect(rowKeys(c.test).sort()).not.toEqual(rowKeys(a.test).sort());
  });

  it('interleaves classes instead of leaving them in blocks', () => {
    const s = stratifiedSplit(makeBundled('iris'), 0.2, 2);
    expect(Array.from(s.train.y.subarray(0, 40)).every((v) => v === 0)).toBe(false);
  });

  it('falls back to the plain split for regression', () => {
    const d = makeSine({ samples: 100, noise: 0.1, seed: 1 });
    const s = stratifiedSplit(d, 0.2, 8);
    const plain = splitDataset(d, 0.2, 8);
    expect(s.test.x).toEqual(plain.test.x);
    expect(s.test.t).toEqual(plain.test.t);
    expect(s.train.t).toEqual(plain.train.t);
  });

  it('with test fraction 0 puts every row in train', () => {
    const s = stratifiedSplit(makeBundled('iris'), 0, 1);
    expect(s.test.rows).toBe(0);
    expect(counts(s.train)).toEqual([50, 50, 50]);
  });
});
