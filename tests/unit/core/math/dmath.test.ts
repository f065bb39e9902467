import { describe, expect, it } from 'vitest';
import { cos, exp, expm1, log, log1p, powInt, sin, tanh } from '../../../../src/core/math/dmath';

/** Distance in units in the last place between two doubles (0 when equal; both NaN counts as equal). */
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) && Number.isNaN(b)) return 0;
  if (a === b) return 0;
  const scale = Math.max(Math.abs(a), Math.abs(b), 2 ** -1022);
  return Math.abs(a - b) / (scale * 2 ** -52);
}

/** Deterministic sample points: a dense sweep plus edge values. */
function sweep(lo: number, hi: number, n: number, edges: number[] = []): number[] {
  return [...Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1)), ...edges];
}

const cases: [string, (x: number) => number, (x: number) => number, number[]][] = [
  ['exp', exp, Math.exp, sweep(-745, 709.7, 40_001, [0, -0, 1e-300, -1e-300, 709.78, -745.13, 1, -1, 0.5])],
  ['expm1', expm1, Math.expm1, sweep(-40, 40, 40_001, [1e-10, -1e-10, 0.4999, -0.5001, 5e-324])],
  ['log', log, Math.log, [...sweep(1e-6, 10, 40_001), ...sweep(10, 1e300, 10_001), 5e-324, 2.2e-308, 1, 2, Math.E, 0.999999, 1.000001]],
  ['log1p', log1p, Math.log1p, sweep(-0.999, 50, 40_001, [1e-12, -1e-12, 0.2499, -0.2499, 0.25])],
  ['tanh', tanh, Math.tanh, sweep(-25, 25, 40_001, [1e-10, -1e-10, 4e-9])],
  ['sin', sin, Math.sin, sweep(-100, 100, 40_001, [Math.PI, Math.PI / 2, 2 * Math.PI, 1e-9])],
  ['cos', cos, Math.cos, sweep(-100, 100, 40_001, [Math.PI, Math.PI / 2, 2 * Math.PI, 1e-9])],
];

describe.each(cases)('%s', (_name, ours, reference, xs) => {
  it('stays within 2 ulps of Math (which is within about 1 ulp of the truth) over its range', () => {
    let worst = 0;
    let at = 0;
    for (const x of xs) {
      const e = ulps(ours(x), reference(x));
      if (e > worst) [worst, at] = [e, x];
    }
    expect(worst, `worst at x = ${at}`).toBeLessThanOrEqual(2);
  });

  it('handles NaN and infinities', () => {
    expect(ours(Number.NaN)).toBeNaN();
    expect(ulps(ours(Infinity), reference(Infinity))).toBe(0);
    expect(ulps(ours(-Infinity), reference(-Infinity))).toBe(0);
  });
});

describe('special cases', () => {
  it('gives exact values where IEEE does', () => {
    expect(exp(0)).toBe(1);
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(Object.is(expm1(-0), -0)).toBe(true);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(sin(0)).toBe(0);
    expect(cos(0)).toBe(1);
    expect(exp(800)).toBe(Infinity);
    expect(exp(-800)).toBe(0);
    expect(powInt(0.9, 0)).toBe(1);
    expect(powInt(2, 10)).toBe(1024);
    expect(ulps(powInt(0.999, 1000), 0.999 ** 1000)).toBeLessThan(64);
  });

  it('splits pi/2 consistently with Math.PI', () => {
    expect(1.57079632673412561417 + 6.07710050630396597660e-11 + 2.02226624879595063154e-21).toBe(Math.PI / 2);
  });
});
