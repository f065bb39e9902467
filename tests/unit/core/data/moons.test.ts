import { describe, expect, it } from 'vitest';
import { makeMoons } from '../../../../src/core/data/moons';
import { splitDataset } from '../../../../src/core/data/split';

describe('two moons', () => {
  it('puts noiseless points on the two half circles with balanced labels', () => {
    const d = makeMoons({ samples: 101, noise: 0, seed: 1 });
    expect(d.rows).toBe(101);
    let ones = 0;
    for (let i = 0; i < d.rows; i++) {
      const x = d.x[2 * i]!;
      const y = d.x[2 * i + 1]!;
      if (d.y[i] === 0) expect(Math.hypot(x, y)).toBeCloseTo(1, 5);
      else {
        ones++;
        expect(Math.hypot(x - 1, y - 0.5)).toBeCloseTo(1, 5);
      }
    }
    expect(ones).toBe(51);
  });

  it('is reproducible from its seed and changes with it', () => {
    const a = makeMoons({ samples: 50, noise: 0.1, seed: 9 });
    expect(makeMoons({ samples: 50, noise: 0.1, seed: 9 }).x).toEqual(a.x);
    expect(makeMoons({ samples: 50, noise: 0.1, seed: 10 }).x).not.toEqual(a.x);
  });

  it('splits into disjoint train and test parts that together hold every row', () => {
    const d = makeMoons({ samples: 100, noise: 0.1, seed: 2 });
    const { train, test } = splitDataset(d, 0.2, 5);
    expect(test.rows).toBe(20);
    expect(train.rows).toBe(80);
    const key = (x: Float32Array, i: number) => `${x[2 * i]},${x[2 * i + 1]}`;
    const all = new Set(Array.from({ length: 100 }, (_, i) => key(d.x, i)));
    const seen = new Set([...Array.from({ length: 80 }, (_, i) => key(train.x, i)), ...Array.from({ length: 20 }, (_, i) => key(test.x, i))]);
    expect(seen).toEqual(all);
  });
});
