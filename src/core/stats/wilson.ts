/** z of a two-sided 95% interval (the 97.5% quantile of the standard normal). */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval of a proportion, `successes` of `n` trials, as shares in [0, 1] (Wilson 1927):
 * unlike the normal approximation it stays inside [0, 1] and is not empty at 0 or n successes.
 * n = 0 gives [0, 1] (nothing is known). At 0 successes the low end is exactly 0, at n the high end exactly 1
 * (their closed forms; centre - half would round to 1e-17 or 1 - 1e-16 there).
 */
export function wilson(successes: number, n: number, z = Z95): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: successes <= 0 ? 0 : Math.max(0, centre - half), high: successes >= n ? 1 : Math.min(1, centre + half) };
}
