import { describe, expect, it } from 'vitest';
import { softmaxCrossEntropy } from '../../../../src/core/nn/softmax-cross-entropy';
import { randomArray, worstGradientError } from '../../../helpers/finite-difference';

describe('softmax cross-entropy', () => {
  it('matches the closed form on a small case', () => {
    const logits = new Float32Array([1, 2, 3, 1, 1, 1]);
    const loss = softmaxCrossEntropy(logits, new Int32Array([2, 0]), 2, 3, null);
    const expected = (Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3 + Math.log(3)) / 2;
    expect(loss).toBeCloseTo(expected, 12);
  });

  it('stays finite for huge logits (subtracts the row maximum)', () => {
    const loss = softmaxCrossEntropy(new Float32Array([1e30, -1e30, 0, 3e38]), new Int32Array([1, 0]), 2, 2, new Float32Array(4));
    expect(Number.isFinite(loss)).toBe(true);
    expect(loss).toBeGreaterThan(1e29);
  });

  it('has the gradient finite differences give', () => {
    const rows = 6;
    const classes = 4;
    const logits = randomArray(rows * classes, 3, 4);
    const labels = new Int32Array([0, 1, 2, 3, 1, 2]);
    const d = new Float32Array(logits.length);
    softmaxCrossEntropy(logits, labels, rows, classes, d);
    const err = worstGradientError(logits, d, () => softmaxCrossEntropy(logits, labels, rows, classes, null), 1e-2);
    expect(err).toBeLessThan(1e-4);
  });
});
