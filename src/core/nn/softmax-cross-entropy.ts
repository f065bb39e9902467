import { exp, log } from '../math/dmath';
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
  // A float64 returned from a call that is not inlined is boxed (16 bytes). The work happens in a
  // function that returns nothing; this one is small enough to be inlined where it is hot.
  softmaxCrossEntropyInto(logits, labels, rows, classes, dlogits, LOSS);
  return LOSS[0]!;
}

/** Carries the loss out of softmaxCrossEntropyInto; read at once, so it holds nothing from one call to the next. */
const LOSS = new Float64Array(1);

/**
 * softmaxCrossEntropy, writing the loss (nats) into out[0] instead of returning it: a caller that keeps
 * its own cell allocates nothing however the compiler inlines (the training step of Lane does).
 */
export function softmaxCrossEntropyInto(
  logits: Float32Array,
  labels: Int32Array,
  rows: number,
  classes: number,
  dlogits: Float32Array | null,
  out: Float64Array,
): void {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    const y = labels[r]!;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[o + c]!);
    // Read before dlogits is written, so that dlogits may be the logits buffer itself.
    const target = logits[o + y]! - max;
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const v = logits[o + c]!;
      // exp(0) is exactly 1: skipping the call for the maximum saves a third of the work with two classes.
      const e = v === max ? 1 : exp(v - max);
      sum += e;
      // Keep exp(z - max) for the gradient: one exp per logit instead of two.
      if (dlogits !== null) dlogits[o + c] = e;
    }
    total += log(sum) - target;
    if (dlogits !== null) {
      for (let c = 0; c < classes; c++) dlogits[o + c] = (dlogits[o + c]! / sum - (c === y ? 1 : 0)) / rows;
    }
  }
  out[0] = total / rows;
}
