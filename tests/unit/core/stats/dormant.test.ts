import { describe, expect, it } from 'vitest';
import { dormantCounts, dormantNeurons, layerScores } from '../../../../src/core/stats/dormant';

describe('dormant scores', () => {
  // Sums of |a| over 3 probe rows of tests/unit/core/engine/redo.test.ts's net: 2, 1/32, 0 (the row count cancels).
  const absSum = new Float64Array([2, 1 / 32, 0]);

  it('are mean |a| over the layer mean of mean |a| (192/65, 3/65, 0 by hand)', () => {
    const s = new Float64Array(3);
    layerScores(absSum, 0, 3, s);
    expect(s[0]).toBeCloseTo(192 / 65, 14);
    expect(s[1]).toBeCloseTo(3 / 65, 14);
    expect(s[2]).toBe(0);
  });

  it('count tau-dormant neurons per layer: tau = 0 is dead, 0.025 (Sokar et al.) and 0.05 take more', () => {
    // Two layers: the net's [2, 1/32, 0] and a layer of width 2 that is 0 everywhere (its mean is 0: both score 0).
    const two = new Float64Array([2, 1 / 32, 0, 0, 0]);
    expect(dormantCounts(two, [3, 2], 0)).toEqual([1, 2]);
    expect(dormantCounts(two, [3, 2], 0.025)).toEqual([1, 2]);
    expect(dormantCounts(two, [3, 2], 0.05)).toEqual([2, 2]);
    expect(dormantCounts(two, [3, 2], 1)).toEqual([2, 2]);
    expect(dormantNeurons(two, 0, 3, 0.05)).toEqual([1, 2]);
    expect(dormantNeurons(two, 3, 2, 0)).toEqual([0, 1]);
  });
});
