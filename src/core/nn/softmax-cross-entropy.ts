/**
 * Mean softmax cross-entropy over `rows` rows of `classes` logits (PyTorch's F.cross_entropy with
 * reduction 'mean'), computed stably by subtracting each row's maximum. Writes dLoss/dlogits into
 * `dlogits` (softmax minus one-hot, divided by rows) and returns the loss (nats) and the number of rows
 * whose arg-max equals the label.
 */
export function softmaxCrossEntropy(
  logits: Float32Array,
  labels: Int32Array | Uint32Array,
  indices: Uint32Array | null,
  rows: number,
  classes: number,
  dlogits: Float32Array | null,
): { loss: number; correct: number } {
  let total = 0;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    const y = labels[indices === null ? r : indices[r]!]!;
    let max = -Infinity;
    let argmax = 0;
    for (let c = 0; c < classes; c++) {
      const v = logits[o + c]!;
      if (v > max) {
        max = v;
        argmax = c;
      }
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[o + c]! - max);
    const logSum = Math.log(sum);
    total += logSum - (logits[o + y]! - max);
    if (argmax === y) correct++;
    if (dlogits !== null) {
      for (let c = 0; c < classes; c++) {
        const p = Math.exp(logits[o + c]! - max - logSum);
        dlogits[o + c] = (p - (c === y ? 1 : 0)) / rows;
      }
    }
  }
  return { loss: total / rows, correct };
}
