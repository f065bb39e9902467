import { Rng } from '../math/rng';
import { type Dataset, type SplitDataset, selectRows } from './dataset';

/** Rows a split holds out for testing: floor(rows * testFraction) (0 for a small file at a small fraction). */
export function testRowCount(rows: number, testFraction: number): number {
  return Math.floor(rows * testFraction);
}

/** Splits rows into train and test by a seeded shuffle; testFraction in [0, 1). */
export function splitDataset(d: Dataset, testFraction: number, seed: number): SplitDataset {
  const order = new Uint32Array(d.rows);
  for (let i = 0; i < d.rows; i++) order[i] = i;
  new Rng(seed).shuffle(order);
  const nTest = testRowCount(d.rows, testFraction);
  return {
    train: selectRows(d, order.subarray(nTest), `${d.name} (train)`),
    test: selectRows(d, order.subarray(0, nTest), `${d.name} (test)`),
  };
}

/**
 * Splits rows into train and test keeping each class's share in both parts (seeded; testFraction in
 * [0, 1)). The test part gets floor(rows * testFraction) rows in all, as `splitDataset` gives: each
 * class first floor(n_c * testFraction) of its rows, then the rows still missing go one each to the
 * classes with the largest remainders (ties to the lower class index). Rows are drawn from a seeded
 * shuffle of each class and each part is shuffled again, so classes are interleaved. A regression
 * dataset has no classes and gets `splitDataset`'s plain split.
 */
export function stratifiedSplit(d: Dataset, testFraction: number, seed: number): SplitDataset {
  if (d.task === 'regression') return splitDataset(d, testFraction, seed);
  const rng = new Rng(seed);
  const members: number[][] = Array.from({ length: d.classes }, () => []);
  for (let r = 0; r < d.rows; r++) members[d.y[r]!]!.push(r);
  const share = members.map((m) => m.length * testFraction);
  const take = share.map((s) => Math.floor(s));
  let missing = testRowCount(d.rows, testFraction) - take.reduce((a, b) => a + b, 0);
  const byRemainder = share.map((_s, c) => c).sort((a, b) => share[b]! - take[b]! - (share[a]! - take[a]!) || a - b);
  for (const c of byRemainder) {
    if (missing > 0 && take[c]! < members[c]!.length) {
      take[c]!++;
      missing--;
    }
  }
  // Float rounding can make the floors overshoot floor(rows * testFraction): give back the smallest remainders.
  for (const c of byRemainder.reverse()) {
    if (missing < 0 && take[c]! > 0) {
      take[c]!--;
      missing++;
    }
  }
  const train: number[] = [];
  const test: number[] = [];
  members.forEach((m, c) => {
    const order = Uint32Array.from(m);
    rng.shuffle(order);
    order.forEach((r, i) => (i < take[c]! ? test : train).push(r));
  });
  const trainOrder = Uint32Array.from(train);
  const testOrder = Uint32Array.from(test);
  rng.shuffle(trainOrder);
  rng.shuffle(testOrder);
  return {
    train: selectRows(d, trainOrder, `${d.name} (train)`),
    test: selectRows(d, testOrder, `${d.name} (test)`),
  };
}
