import { describe, expect, it } from 'vitest';
import { makeBundled } from '../../../../src/core/data/bundled/bundled';
import { makeMoons } from '../../../../src/core/data/moons';
import { makeSine, makeXsin5x } from '../../../../src/core/data/regression';
import { datasetFromRef } from '../../../../src/core/engine/dataset-from-ref';

describe('datasetFromRef', () => {
  it('runs a generator with its parameters and the given seed', () => {
    expect(datasetFromRef({ kind: 'moons', samples: 100, noise: 0.1 }, 4).x).toEqual(makeMoons({ samples: 100, noise: 0.1, seed: 4 }).x);
    expect(datasetFromRef({ kind: 'sine', samples: 64, noise: 0.05 }, 9).t).toEqual(makeSine({ samples: 64, noise: 0.05, seed: 9 }).t);
    const d = datasetFromRef({ kind: 'xsin5x', samples: 64, noise: 0 }, 9);
    expect(d.t).toEqual(makeXsin5x({ samples: 64, noise: 0, seed: 9 }).t);
    expect(datasetFromRef({ kind: 'abs', samples: 32, noise: 0 }, 1)).toMatchObject({ name: '|x|', task: 'regression', rows: 32 });
  });

  it('gives a bundled dataset whatever the seed', () => {
    const a = datasetFromRef({ kind: 'bundled', name: 'wine' }, 1);
    expect(a.x).toEqual(datasetFromRef({ kind: 'bundled', name: 'wine' }, 2).x);
    expect(a.x).toEqual(makeBundled('wine').x);
    expect(a.name).toBe('Wine');
  });

  it('asks the host for a file dataset\'s rows', () => {
    const ref = { kind: 'file', name: 'a.csv', sha256: '0'.repeat(64), bytes: 10, options: { target: 'y', task: 'regression', missing: 'drop', oneHotLimit: 16 } } as const;
    expect(() => datasetFromRef(ref, 1)).toThrow('a file dataset needs its rows supplied by the host');
  });
});
