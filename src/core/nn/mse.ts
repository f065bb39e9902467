/**
 * Mean squared error (torch.nn.MSELoss, reduction 'mean') over `count` elements: mean((p - t)^2), in
 * squared target units. Writes dLoss/dp = 2 (p - t) / count into `dp` when given.
 */
export function meanSquaredError(p: Float32Array, t: Float32Array, count: number, dp: Float32Array | null): number {
  let total = 0;
  for (let i = 0; i < count; i++) {
    const d = p[i]! - t[i]!;
    total += d * d;
    if (dp !== null) dp[i] = (2 * d) / count;
  }
  return total / count;
}
