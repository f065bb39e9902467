/**
 * Mean softmax cross-entropy over `rows` rows of `classes` logits (PyTorch's F.cross_entropy with
 * reduction 'mean'), computed stably by subtracting each row's maximum. Writes dLoss/dlogits into
 * `dlogits` when given (softmax minus one-hot, divided by rows) and returns the loss in nats.
 * Allocates nothing: it runs on every training step.
 */
export function softmaxCrossEntropy(
  logits: Float32Array,
  labels: Int32Array,
  rows: number,
  classes: number,
  dlogits: Float32Array | null,
): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    const y = labels[r]!;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[o + c]!);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[o + c]! - max);
    const logSum = Math.log(sum);
    total += logSum - (logits[o + y]! - max);
    if (dlogits !== null) {
      for (let c = 0; c < classes; c++) {
        const p = Math.exp(logits[o + c]! - max - logSum);
        dlogits[o + c] = (p - (c === y ? 1 : 0)) / rows;
      }
    }
  }
  return total / rows;
}
