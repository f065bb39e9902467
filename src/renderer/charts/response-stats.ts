/** Largest finite |z| of an array (0 when there is none). */
export function maxAbsOf(values: Float32Array): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]!);
    if (v > m && Number.isFinite(v)) m = v;
  }
  return m;
}

/** Share of finite values that are > 0, where a ReLU neuron fires (NaN when there is none). */
export function positiveShare(values: ArrayLike<number>): number {
  let n = 0;
  let positive = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    n++;
    if (v > 0) positive++;
  }
  return n === 0 ? Number.NaN : positive / n;
}
