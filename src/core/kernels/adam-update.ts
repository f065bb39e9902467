const f = Math.fround;

/**
 * One torch.optim.Adam / AdamW update of n float32 entries in place, from their gradient g and moments
 * m and s: the element arithmetic both the single-network optimizer (train/adam.ts) and the batched
 * reference kernel use, so the two give the same bits by construction. stepSize = lr / (1 - beta1^t),
 * bc2Sqrt = sqrt(1 - beta2^t) (float64, as PyTorch's Python scalars), shrink = fround(1 - lr * wd)
 * (AdamW's decoupled decay); wd = 0 for a tensor that does not decay. Scalars, not an object, so the
 * training step allocates nothing.
 */
export function adamUpdate(
  v: Float32Array,
  g: Float32Array,
  m: Float32Array,
  s: Float32Array,
  n: number,
  beta1: number,
  beta2: number,
  eps: number,
  wd: number,
  decoupled: boolean,
  stepSize: number,
  bc2Sqrt: number,
  shrink: number,
): void {
  for (let i = 0; i < n; i++) {
    if (decoupled && wd !== 0) v[i] = f(v[i]! * shrink);
    const gi = !decoupled && wd !== 0 ? f(g[i]! + f(wd * v[i]!)) : g[i]!;
    m[i] = f(f(m[i]! * beta1) + f(gi * (1 - beta1)));
    s[i] = f(f(s[i]! * beta2) + f(f(gi * gi) * (1 - beta2)));
    const denom = f(f(f(Math.sqrt(s[i]!)) / bc2Sqrt) + eps);
    v[i] = f(v[i]! - f(stepSize * f(m[i]! / denom)));
  }
}
