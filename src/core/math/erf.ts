import { exp } from './dmath';
/**
 * The error function erf(x) in float64, to about 1e-15 relative error, from elementary operations and
 * the deterministic exp only, so that it gives the same bits on every JavaScript host (there is no Math.erf).
 * |x| < 2.5: the Maclaurin series; beyond: 1 - erfc(x) with erfc from its continued fraction.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax >= 6) return x > 0 ? 1 : -1;
  if (ax < 2.5) {
    // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 100; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  const r = 1 - erfcContinuedFraction(ax);
  return x > 0 ? r : -r;
}

/** erfc(x) for x >= 2.5 by the continued fraction erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))). */
function erfcContinuedFraction(x: number): number {
  // Evaluated bottom-up with a fixed depth: 60 levels are far more than x >= 2.5 needs for 1e-16.
  let t = x;
  for (let k = 60; k >= 1; k--) t = x + k / 2 / t;
  return exp(-x * x) / Math.sqrt(Math.PI) / t;
}
