import { exp, log1p } from '../math/dmath';
/**
 * Mean binary cross-entropy on logits (torch.nn.BCEWithLogitsLoss, reduction 'mean') over `count`
 * elements with targets in [0, 1], in the stable form max(z, 0) - z y + log(1 + e^-|z|). Writes
 * dLoss/dz = (sigmoid(z) - y) / count into `dz` when given; returns the loss (nats).
 */
export function bceWithLogits(z: Float32Array, y: Float32Array, count: number, dz: Float32Array | null): number {
  let total = 0;
  for (let i = 0; i < count; i++) {
    const v = z[i]!;
    const t = y[i]!;
    total += Math.max(v, 0) - v * t + log1p(exp(-Math.abs(v)));
    if (dz !== null) dz[i] = (1 / (1 + exp(-v)) - t) / count;
  }
  return total / count;
}
