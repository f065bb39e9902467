import { describe, expect, it } from 'vitest';
import { splitDataset, testRowCount } from '../../../src/core/data/split';
import { makeBundled } from '../../../src/core/data/bundled/bundled';
import { selectRows } from '../../../src/core/data/dataset';
import { noTestRowsWarning, splitOffers } from '../../../src/renderer/state/test-split';

describe('test split warnings and offers', () => {
  it('warns only when the split holds no test row, in the words the lane and the preview show', () => {
    expect(noTestRowsWarning(4, 0.2)).toBe('no test rows: 4 rows in the file, 20% split');
    expect(noTestRowsWarning(3, 0.2, 'in the dataset')).toBe('no test rows: 3 rows in the dataset, 20% split');
    expect(noTestRowsWarning(4, 0)).toBe('no test rows: 4 rows in the file, no test split (all train)');
    expect(noTestRowsWarning(5, 0.2)).toBeNull();
    expect(noTestRowsWarning(150, 0.2)).toBeNull();
  });

  it('offers the smallest split with one test row, and none; each offer gives the rows it says', () => {
    expect(splitOffers(4, 0.2)).toEqual([
      { testFraction: 0.25, label: 'Test on 1 row (25% split)' },
      { testFraction: 0, label: 'No test split: train on all 4 rows' },
    ]);
    // 3 rows: 33% holds floor(0.99) = 0 rows, 34% one.
    expect(splitOffers(3, 0.2)[0]).toEqual({ testFraction: 0.34, label: 'Test on 1 row (34% split)' });
    // One row cannot be split: only "none" is offered.
    expect(splitOffers(1, 0.2)).toEqual([{ testFraction: 0, label: 'No test split: train on the one row' }]);
    expect(splitOffers(4, 0)).toEqual([{ testFraction: 0.25, label: 'Test on 1 row (25% split)' }]);
    expect(splitOffers(10, 0.2)).toEqual([]);
    // The engine's split agrees with what an offer promises.
    const four = selectRows(makeBundled('iris'), [0, 1, 50, 100]);
    for (const o of splitOffers(4, 0.2)) expect(splitDataset(four, o.testFraction, 1).test.rows).toBe(testRowCount(4, o.testFraction));
    expect(splitDataset(four, 0.25, 1).test.rows).toBe(1);
  });
});
