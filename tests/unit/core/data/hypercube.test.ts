import { describe, expect, it } from 'vitest';
import { HYPERCUBE_CLASSES, HYPERCUBE_FEATURES, makeHypercube } from '../../../../src/core/data/hypercube';

/** Mean of column k over the rows of class c. */
function classMean(x: Float32Array, y: Int32Array, dims: number, k: number, c: number): number {
  let s = 0;
  let n = 0;
  for (let r = 0; r < y.length; r++) {
    if (y[r] !== c) continue;
    s += x[r * dims + k]!;
    n++;
  }
  return s / n;
}

describe('hypercube (the article\'s 100-feature, 10-class task)', () => {
  const d = makeHypercube({ samples: 5000, noise: 1, seed: 4 });

  it('has the article\'s shape: 100 features, 10 balanced classes, finite values', () => {
    expect(d).toMatchObject({ task: 'classification', rows: 5000, dims: HYPERCUBE_FEATURES, classes: HYPERCUBE_CLASSES });
    expect(d.featureNames).toHaveLength(100);
    expect(d.x.every(Number.isFinite)).toBe(true);
    const counts = new Array<number>(10).fill(0);
    for (const c of d.y) counts[c]!++;
    expect(counts).toEqual(new Array<number>(10).fill(500));
  });

  it('is seeded: the same seed gives the same bits, another seed other data', () => {
    expect(makeHypercube({ samples: 5000, noise: 1, seed: 4 }).x).toEqual(d.x);
    expect(makeHypercube({ samples: 5000, noise: 1, seed: 5 }).x).not.toEqual(d.x);
  });

  it('puts the class in 20 columns (10 vertices, 10 mixtures) and noise in the other 80', () => {
    // Per column, how far apart the class means are: about 2 (a vertex coordinate, -1 or +1) or a
    // mixture of those in the 20 informative and redundant columns, about 0 (sampling noise, std
    // 1/sqrt(500) = 0.045 per mean) in the 80 pure-noise ones.
    const spread: number[] = [];
    for (let k = 0; k < d.dims; k++) {
      const means = Array.from({ length: 10 }, (_, c) => classMean(d.x, d.y, d.dims, k, c));
      spread.push(Math.max(...means) - Math.min(...means));
    }
    const carrying = spread.filter((s) => s > 0.5).length;
    expect(carrying).toBe(20);
    expect(spread.filter((s) => s < 0.35).length).toBe(80);
    // The column order is shuffled: the class-carrying columns are not simply the first 20.
    expect(spread.slice(0, 20).every((s) => s > 0.5)).toBe(false);
  });

  it('noise sets the clusters\' spread in the vertex columns', () => {
    const tight = makeHypercube({ samples: 2000, noise: 0, seed: 4 });
    // With noise 0 every vertex column holds exactly -1 or +1 (the vertices are the same for a seed).
    let vertexColumns = 0;
    for (let k = 0; k < tight.dims; k++) {
      let exact = true;
      for (let r = 0; r < tight.rows && exact; r++) exact = Math.abs(tight.x[r * tight.dims + k]!) === 1;
      if (exact) vertexColumns++;
    }
    expect(vertexColumns).toBe(10);
  });
});
