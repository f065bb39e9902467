import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../src/core/data/dataset';
import { makeBlobs, makeCheckerboard, makeCircles, makeSpiral, makeXor } from '../../../../src/core/data/generators';

const p = { samples: 600, noise: 0, seed: 3 };

function counts(d: Dataset): number[] {
  const c = new Array<number>(d.classes).fill(0);
  for (const y of d.y) c[y]!++;
  return c;
}

describe('2-D generators', () => {
  it.each([
    ['circles', () => makeCircles(p)],
    ['spiral', () => makeSpiral(p, 3)],
    ['xor', () => makeXor(p)],
    ['blobs', () => makeBlobs(p, 4)],
    ['checkerboard', () => makeCheckerboard(p)],
  ])('%s: seeded, finite, every class present', (_name, make) => {
    const d = make();
    expect(d.x).toEqual(make().x);
    expect(d.x.every(Number.isFinite)).toBe(true);
    expect(counts(d).every((c) => c > 0.1 * d.rows / d.classes)).toBe(true);
  });

  it('circles put class 1 on the inner radius', () => {
    const d = makeCircles(p, 0.4);
    for (let i = 0; i < d.rows; i++) expect(Math.hypot(d.x[2 * i]!, d.x[2 * i + 1]!)).toBeCloseTo(d.y[i] ? 0.4 : 1, 5);
  });

  it('xor and checkerboard labels follow their rule', () => {
    const x = makeXor(p);
    for (let i = 0; i < x.rows; i++) expect(x.y[i]).toBe(x.x[2 * i]! * x.x[2 * i + 1]! < 0 ? 1 : 0);
    const c = makeCheckerboard(p, 2);
    for (let i = 0; i < c.rows; i++) expect(c.y[i]).toBe((c.x[2 * i]! >= 0 ? 1 : 0) ^ (c.x[2 * i + 1]! >= 0 ? 1 : 0));
  });

  it('spiral arms and blobs have k classes', () => {
    expect(makeSpiral(p, 5).classes).toBe(5);
    expect(counts(makeBlobs(p, 3))).toEqual([200, 200, 200]);
  });
});
