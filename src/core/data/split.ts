import { Rng } from '../math/rng';
import { type Dataset, type SplitDataset, selectRows } from './dataset';

/** Splits rows into train and test by a seeded shuffle; testFraction in [0, 1). */
export function splitDataset(d: Dataset, testFraction: number, seed: number): SplitDataset {
  const order = new Uint32Array(d.rows);
  for (let i = 0; i < d.rows; i++) order[i] = i;
  new Rng(seed).shuffle(order);
  const nTest = Math.floor(d.rows * testFraction);
  return {
    train: selectRows(d, order.subarray(nTest), `${d.name} (train)`),
    test: selectRows(d, order.subarray(0, nTest), `${d.name} (test)`),
  };
}
