/**
 * Mean squared error (torch.nn.MSELoss, reduction 'mean') over `count` elements: mean((p - t)^2), in
 * squared target units. Writes dLoss/dp = 2 (p - t) / count into `dp` when given.
 */
export function meanSquaredError(p: Float32Array, t: Float32Array, count: number, dp: Float32Array | null): number {
  const out = new Float64Array(1);
  meanSquaredErrorInto(p, t, count, dp, out);
  return out[0]!;
}

/**
 * meanSquaredError for the training step: writes the loss (squared target units) into out[0] instead of
 * returning it, since a returned double is boxed (16 bytes per step) when the call is not inlined.
 */
export function meanSquaredErrorInto(p: Float32Array, t: Float32Array, count: number, dp: Float32Array | null, out: Float64Array): void {
  let total = 0;
  for (let i = 0; i < count; i++) {
    const d = p[i]! - t[i]!;
    total += d * d;
    if (dp !== null) dp[i] = (2 * d) / count;
  }
  out[0] = total / count;
}

