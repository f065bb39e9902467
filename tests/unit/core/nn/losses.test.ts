import { describe, expect, it } from 'vitest';
import { bceWithLogits } from '../../../../src/core/nn/bce-with-logits';
import { meanSquaredError } from '../../../../src/core/nn/mse';
import { asF32, randomArray, worstGradientError, worstGradientError64 } from '../../../helpers/finite-difference';
import { softmaxCrossEntropy } from '../../../../src/core/nn/softmax-cross-entropy';

describe('binary cross-entropy with logits', () => {
  it('equals -[y log s + (1 - y) log(1 - s)] and stays finite for huge logits', () => {
    const z = new Float32Array([0.3, -2, 1e30, -1e30]);
    const y = new Float32Array([1, 0, 0, 1]);
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    const naive = (-Math.log(s(Math.fround(0.3))) - Math.log(1 - s(-2))) / 2;
    expect(bceWithLogits(z, y, 2, null)).toBeCloseTo(naive, 12);
    const huge = bceWithLogits(z.subarray(2), y.subarray(2), 2, new Float32Array(2));
    expect(huge).toBeCloseTo(1e30, -25);
  });

  it('has the gradient finite differences give', () => {
    const z = randomArray(8, 4, 3);
    const y = new Float32Array([0, 1, 0.5, 1, 0, 0, 1, 0.25]);
    const d = new Float32Array(8);
    bceWithLogits(z, y, 8, d);
    expect(worstGradientError(z, d, () => bceWithLogits(z, y, 8, null))).toBeLessThan(1e-4);
  });
});

describe('mean squared error', () => {
  it('is the mean of squared differences and has the gradient finite differences give', () => {
    const p = new Float32Array([1, 2, 4]);
    const t = new Float32Array([1, 0, 1]);
    expect(meanSquaredError(p, t, 3, null)).toBeCloseTo(13 / 3, 12);
    const q = randomArray(6, 8, 2);
    const u = randomArray(6, 9, 2);
    const d = new Float32Array(6);
    meanSquaredError(q, u, 6, d);
    expect(worstGradientError(q, d, () => meanSquaredError(q, u, 6, null))).toBeLessThan(1e-4);
  });
});

describe('losses in float64', () => {
  it('softmax cross-entropy, BCE with logits and MSE have the gradients float64 finite differences give (to 1e-8)', () => {
    const z = Float64Array.from(randomArray(12, 31, 3));
    const t = Float64Array.from([0, 1, 0.5, 1, 0, 0, 1, 0.25, 0.75, 1, 0, 0.5]);
    const d = new Float64Array(12);
    bceWithLogits(asF32(z), asF32(t), 12, asF32(d));
    expect(worstGradientError64(z, d, () => bceWithLogits(asF32(z), asF32(t), 12, null))).toBeLessThan(1e-8);
    meanSquaredError(asF32(z), asF32(t), 12, asF32(d));
    expect(worstGradientError64(z, d, () => meanSquaredError(asF32(z), asF32(t), 12, null))).toBeLessThan(1e-8);
    const labels = new Int32Array([0, 2, 1, 2]);
    softmaxCrossEntropy(asF32(z), labels, 4, 3, asF32(d));
    expect(worstGradientError64(z, d, () => softmaxCrossEntropy(asF32(z), labels, 4, 3, null))).toBeLessThan(1e-8);
  });
});
