import { describe, expect, it } from 'vitest';
import { wilson, Z95 } from '../../../../src/core/stats/wilson';

describe('wilson', () => {
  it('matches values worked out by hand from the closed form (python math, 16 digits)', () => {
    // p = 0.1, z^2 = 3.841458820694124: centre (0.1 + z^2/20) / (1 + z^2/10), half z sqrt(0.009 + z^2/400) / (1 + z^2/10).
    const a = wilson(1, 10);
    expect(a.low).toBeCloseTo(0.017876213095072896, 14);
    expect(a.high).toBeCloseTo(0.4041500267952385, 14);
    const b = wilson(81, 263);
    expect(b.low).toBeCloseTo(0.2552885198782742, 14);
    expect(b.high).toBeCloseTo(0.36620957698280004, 14);
  });

  it('at 0 and n successes has the closed forms z^2/(n+z^2) and n/(n+z^2), and is symmetric about 1/2', () => {
    const z2 = Z95 * Z95;
    expect(wilson(0, 10).low).toBe(0);
    expect(wilson(0, 10).high).toBeCloseTo(z2 / (10 + z2), 14);
    expect(wilson(10, 10).low).toBeCloseTo(10 / (10 + z2), 14);
    expect(wilson(10, 10).high).toBe(1);
    const h = wilson(5, 10);
    expect(h.low + h.high).toBeCloseTo(1, 14);
    const [l, r] = [wilson(3, 17), wilson(14, 17)];
    expect(l.low).toBeCloseTo(1 - r.high, 14);
  });

  it('its bounds solve Wilson\'s equation (phat - p)^2 = z^2 p (1 - p) / n, the phat between them', () => {
    for (const [k, n] of [[1, 3], [7, 40], [500, 20000], [19999, 20000], [2, 1_000_000]] as const) {
      const { low, high } = wilson(k, n);
      const phat = k / n;
      for (const p of [low, high]) expect((phat - p) ** 2 - (Z95 * Z95 * p * (1 - p)) / n).toBeCloseTo(0, 12);
      expect(low).toBeLessThan(phat);
      expect(high).toBeGreaterThan(phat);
    }
  });

  it('narrows with n, widens with z, and knows nothing without trials', () => {
    const w = (r: { low: number; high: number }) => r.high - r.low;
    expect(w(wilson(100, 1000))).toBeLessThan(w(wilson(10, 100)));
    expect(w(wilson(10, 100, 3.29))).toBeGreaterThan(w(wilson(10, 100)));
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});
